import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { resolveSite } from '#core/tenancy/site_resolver'

export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = !app.inProduction && !app.inTest

  /** Chinese status pages everywhere (also in development: users try the demo). */
  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (error, { view }) => view.render('pages/errors/forbidden', { error }),
    '404': (error, { view }) => view.render('pages/errors/not_found', { error }),
    '429': (error, { view }) => view.render('pages/errors/too_many', { error }),
    '500..599': (error, { view }) => view.render('pages/errors/server_error', { error }),
  }

  async handle(error: unknown, ctx: HttpContext) {
    // Unknown routes never reach the site middleware: error pages still show the site's name.
    if (!ctx.site) {
      const site = await resolveSite(ctx.request.hostname()).catch(() => null)
      if (site) {
        ctx.site = site
        ctx.view.share({ site })
      }
    }
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
      return ctx.response
        .status(403)
        .send(await ctx.view.render('pages/errors/forbidden', { error }))
    }
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      const seconds = error.response.availableIn
      const message = `操作过于频繁，请 ${Math.max(1, Math.ceil(seconds / 60))} 分钟后再试`
      if (ctx.request.method() !== 'GET' && ctx.session) {
        ctx.session.flash('error', message)
        ctx.session.flashAll()
        return ctx.response.redirect().back()
      }
      return ctx.response
        .status(429)
        .send(await ctx.view.render('pages/errors/too_many', { message }))
    }
    return super.handle(error, ctx)
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
