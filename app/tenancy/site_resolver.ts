import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import Site from '#core/tenancy/models/site'
import configCache from '#core/tenancy/config_cache'

/**
 * Maps a request host to a site: the bare APP_DOMAIN (or an IP) is the main site,
 * `<code>.<APP_DOMAIN>` a school subsite, anything else a subsite's custom domain.
 * The row is cached per host under the tenancy version (#core/tenancy/config_cache): a site
 * renamed or moved in the admin is seen by every process on its next request. Each call gets
 * its own model instance (a request may change its copy without touching the cache).
 */
export async function resolveSite(hostname: string | null | undefined): Promise<Site | null> {
  const host = (hostname ?? '').toLowerCase().replace(/\.$/, '')
  const row = await configCache.get(`site:${host}`, () => findSiteRow(host))
  return row ? Site.$createFromAdapterResult(row)! : null
}

async function findSiteRow(host: string): Promise<Record<string, unknown> | null> {
  const sites = () => db.from('sites')
  const domain = env.get('APP_DOMAIN').toLowerCase()
  if (!host || host === domain || /^[\d.]+$/.test(host) || host === '[::1]' || host === '::1') {
    return sites().where('is_main', true).first()
  }
  if (host.endsWith(`.${domain}`)) {
    const code = host.slice(0, -(domain.length + 1))
    if (code === 'www') return sites().where('is_main', true).first()
    return sites().where('code', code).where('is_main', false).first()
  }
  return sites().where('custom_host', host).first()
}
