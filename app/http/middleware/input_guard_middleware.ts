import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { isHtmx, toast } from '#core/http/htmx'

/** Shown for every refused request; no form field may carry a NUL character. */
export const NUL_MESSAGE = '提交的内容包含无效字符（空字符），请删除后重新提交'

/** True when a string anywhere in the (nested) value — key or value — contains U+0000. */
export function containsNul(value: unknown, depth = 0): boolean {
  if (depth > 32) return false
  if (typeof value === 'string') return value.includes('\u0000')
  if (Array.isArray(value)) return value.some((item) => containsNul(item, depth + 1))
  if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000') || containsNul(item, depth + 1)) return true
    }
  }
  return false
}

/**
 * PostgreSQL refuses U+0000 in text ("invalid byte sequence for encoding UTF8: 0x00") and
 * the request ends in a 500; no legitimate form, filter or id ever contains it. Refused here
 * once for every route (query string, body and route params) before a handler runs.
 */
export default class InputGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { request, response } = ctx
    if (
      !containsNul(request.qs()) &&
      !containsNul(request.body()) &&
      !containsNul(request.params())
    ) {
      return next()
    }
    if (isHtmx(ctx)) {
      toast(ctx, NUL_MESSAGE, 'error')
      return response.status(422).send(NUL_MESSAGE)
    }
    if (request.method() !== 'GET' && request.method() !== 'HEAD' && ctx.session) {
      // The refused input is not flashed back: it is what contains the NUL.
      ctx.session.flash('error', NUL_MESSAGE)
      return response.redirect().back()
    }
    return response
      .status(400)
      .send(await ctx.view.render('pages/errors/bad_request', { message: NUL_MESSAGE }))
  }
}
