import env from '#start/env'
import Site from '#core/tenancy/models/site'

/**
 * Maps a request host to a site: the bare APP_DOMAIN (or an IP) is the main site,
 * `<code>.<APP_DOMAIN>` a school subsite, anything else a subsite's custom domain.
 * No per-process cache: a site renamed or moved in the admin is seen by every process at once.
 */
export async function resolveSite(hostname: string | null | undefined): Promise<Site | null> {
  const host = (hostname ?? '').toLowerCase().replace(/\.$/, '')
  const domain = env.get('APP_DOMAIN').toLowerCase()
  if (!host || host === domain || /^[\d.]+$/.test(host) || host === '[::1]' || host === '::1') {
    return Site.query().where('is_main', true).first()
  }
  if (host.endsWith(`.${domain}`)) {
    const code = host.slice(0, -(domain.length + 1))
    if (code === 'www') return Site.query().where('is_main', true).first()
    return Site.query().where('code', code).where('is_main', false).first()
  }
  return Site.query().where('custom_host', host).first()
}
