import app from '@adonisjs/core/services/app'
import { HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'
import { errors as bouncerErrors } from '@adonisjs/bouncer'
import { errors as limiterErrors } from '@adonisjs/limiter'
import { errors as shieldErrors } from '@adonisjs/shield'
import { errors as authErrors } from '@adonisjs/auth'
import { errors as vineErrors } from '@vinejs/vine'
import { Refusal } from '#core/http/refusal'
import { asciiJson, isHtmx } from '#core/http/htmx'
import { applyShieldHeaders } from '#core/http/middleware/security_headers_middleware'
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
    // Error pages carry the same security headers as every other page (CSP, X-Frame-Options …).
    await applyShieldHeaders(ctx)
    // Unknown routes never reach the site middleware: error pages still show the site's name.
    if (!ctx.site) {
      const site = await resolveSite(ctx.request.hostname()).catch(() => null)
      if (site) {
        ctx.site = site
        ctx.view.share({ site })
      }
    }
    if (ctx.request.url().startsWith('/api/') && !(error instanceof Refusal)) {
      return this.#apiError(error, ctx)
    }
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
      return ctx.response
        .status(403)
        .send(await ctx.view.render('pages/errors/forbidden', { error }))
    }
    if (error instanceof shieldErrors.E_BAD_CSRF_TOKEN) {
      return this.#refuseRequest(ctx, 403, '页面已过期，请刷新页面后重试', 'pages/errors/forbidden')
    }
    if ((error as { code?: string } | null)?.code === 'E_REQUEST_ENTITY_TOO_LARGE') {
      return this.#refuseRequest(
        ctx,
        413,
        '提交的内容过大（含附件每次不超过 20 MB），请压缩或拆分后重试',
        'pages/errors/bad_request'
      )
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

  /**
   * A request refused before its controller ran (expired CSRF token, body too large):
   * a toast for htmx, a flash message and back for a form, otherwise an error page.
   */
  async #refuseRequest(ctx: HttpContext, status: number, message: string, page: string) {
    if (isHtmx(ctx)) {
      ctx.response.header('HX-Trigger', asciiJson({ toast: { message, type: 'error' } }))
      return ctx.response.status(status).send('')
    }
    if (ctx.request.method() !== 'GET' && ctx.session?.initiated) {
      ctx.session.flashExcept(['_csrf', '_method', 'password', 'password_confirmation'])
      ctx.session.flash('error', message)
      return ctx.response.redirect().back()
    }
    return ctx.response
      .status(status)
      .send(await ctx.view.render(page, { message, reason: message }))
  }

  /**
   * The open API answers every failure as `{ error: { code, message, fields? } }` in Chinese
   * (Refusals answer themselves the same way): never an HTML page, never a stack trace.
   */
  #apiError(error: unknown, ctx: HttpContext) {
    const answer = (status: number, code: string, message: string, extra: object = {}) =>
      ctx.response.status(status).json({ error: { code, message, ...extra } })
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      const fields: Record<string, string> = {}
      for (const m of error.messages as { field: string; message: string }[]) {
        fields[m.field] ??= m.message
      }
      return answer(422, 'invalid_input', Object.values(fields)[0] ?? '提交的信息有误', {
        fields,
      })
    }
    if (error instanceof authErrors.E_UNAUTHORIZED_ACCESS) {
      return answer(401, 'unauthenticated', '请先登录：缺少或无效的访问令牌')
    }
    if (error instanceof bouncerErrors.E_AUTHORIZATION_FAILURE) {
      return answer(403, 'forbidden', '您没有权限访问此页面或操作此记录')
    }
    if (error instanceof limiterErrors.E_TOO_MANY_REQUESTS) {
      const seconds = Math.max(1, error.response.availableIn)
      ctx.response.header('Retry-After', String(seconds))
      return answer(429, 'too_many_requests', `请求过于频繁，请 ${seconds} 秒后再试`)
    }
    const status = Number((error as { status?: number } | null)?.status) || 500
    if (status === 404) return answer(404, 'not_found', '您访问的接口或内容不存在')
    if (status === 413) return answer(413, 'too_large', '提交的内容过大')
    if (status >= 400 && status < 500) return answer(status, 'bad_request', '请求无法处理')
    return answer(500, 'server_error', '服务器内部错误，请稍后再试')
  }

  async report(error: unknown, ctx: HttpContext) {
    return super.report(error, ctx)
  }
}
