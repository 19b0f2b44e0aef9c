import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { resolveSite } from '#core/tenancy/site_resolver'
import configCache from '#core/tenancy/config_cache'
import '#core/tenancy/site_context'

/** Resolves the current site from the Host header; an unknown host gets a clear 404 page. */
export default class SiteMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    // One version read per request: the site and module-switch lookups below are then cached.
    // The database session store reads it with the session row (one round trip for both).
    if (!ctx.tenancySynced) await configCache.sync()
    const site = await resolveSite(ctx.request.hostname())
    if (!site) {
      ctx.response.status(404)
      return ctx.response.send(
        await ctx.view.render('pages/errors/unknown_site', { host: ctx.request.hostname() })
      )
    }
    ctx.site = site
    ctx.view.share({ site })
    return next()
  }
}
