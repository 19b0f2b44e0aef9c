import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'
import { asciiJson, isHtmx } from '#core/http/htmx'
import { text } from '#core/i18n/text'

export interface RefusalOptions {
  /** Stable machine-readable reason (API clients, tests): `seats_full`, `not_found` … */
  code?: string
  /** 422 for a refusal the user can act on, 404/403 for what they may not see or do, 409 for state. */
  status?: number
  /** The form field the message belongs beside. */
  field?: string | null
  /** Values for the placeholders of a message given as an i18n key. */
  data?: Record<string, unknown>
  /**
   * What the refusing code already knew, for the answer (e.g. the event as the database just read
   * it, so the register box is drawn without another query). Never shown as such.
   */
  context?: Record<string, unknown>
}

/** What is never flashed back into a form after a refusal. */
const NEVER_FLASHED = ['_csrf', '_method', 'password', 'password_confirmation', 'materials']

/**
 * The one way the platform refuses: a service throws it with a Chinese message, and it answers
 * as the request needs — JSON `{ error: { code, message, fields } }` for API clients, a toast and
 * the status for htmx, flash + back for a form, the 403/404 page for a page. Modules never render
 * error pages themselves.
 */
export class Refusal extends Exception {
  readonly field: string | null
  readonly context: Record<string, unknown>
  /** Messages per field, when the refusal concerns several. */
  fields: Record<string, string> | null = null

  /** `message` is an i18n key (`events.refusals.seats_full`) or, in the core, a text. */
  constructor(message: string, options: RefusalOptions = {}) {
    // An answer, not a fault: no stack trace is captured (a sold-out rush makes thousands).
    const limit = Error.stackTraceLimit
    Error.stackTraceLimit = 0
    try {
      super(text(message, options.data), {
        code: options.code ?? 'refused',
        status: options.status ?? 422,
      })
    } finally {
      Error.stackTraceLimit = limit
    }
    this.field = options.field ?? null
    this.context = options.context ?? {}
  }

  static notFound(message = '您访问的内容不存在或已被删除') {
    return new Refusal(message, { code: 'not_found', status: 404 })
  }

  static forbidden(message = '您没有权限访问此页面或操作此记录') {
    return new Refusal(message, { code: 'forbidden', status: 403 })
  }

  /** Messages per field (bad input found after validation, cross-field rules). */
  fieldErrors(): Record<string, string> {
    if (this.fields) return this.fields
    return this.field ? { [this.field]: this.message } : {}
  }

  async handle(error: this, ctx: HttpContext) {
    return respondToRefusal(ctx, error)
  }

  /** A refusal is an answer, not a fault: nothing to log. */
  async report() {}
}

/** A refusal with a message beside each of several fields. */
export class FieldErrors extends Refusal {
  constructor(errors: Record<string, string>, options: Omit<RefusalOptions, 'field'> = {}) {
    errors = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, text(v)]))
    super(Object.values(errors)[0] ?? '提交的信息有误', {
      code: options.code ?? 'invalid_input',
      status: options.status ?? 422,
      field: Object.keys(errors)[0] ?? null,
    })
    this.fields = errors
  }
}

export function wantsJson(ctx: HttpContext) {
  if (ctx.request.url().startsWith('/api/')) return true
  const accept = ctx.request.header('accept') ?? ''
  return accept.includes('application/json') && !accept.includes('text/html')
}

export async function respondToRefusal(ctx: HttpContext, refusal: Refusal) {
  const status = refusal.status
  const fields = refusal.fieldErrors()
  if (wantsJson(ctx)) {
    return ctx.response.status(status).json({
      error: {
        code: refusal.code,
        message: refusal.message,
        ...(Object.keys(fields).length ? { fields } : {}),
      },
    })
  }
  if (isHtmx(ctx)) {
    ctx.response.header(
      'HX-Trigger',
      asciiJson({ toast: { message: refusal.message, type: 'error' } })
    )
    ctx.response.header('HX-Reswap', 'none')
    return ctx.response.status(status).send('')
  }
  if (status === 404) {
    return ctx.response.status(404).send(await ctx.view.render('pages/errors/not_found'))
  }
  if (status === 403) {
    return ctx.response
      .status(403)
      .send(await ctx.view.render('pages/errors/forbidden', { reason: refusal.message }))
  }
  if (ctx.request.method() === 'GET' || !ctx.session) {
    return ctx.response
      .status(status)
      .send(await ctx.view.render('pages/errors/bad_request', { message: refusal.message }))
  }
  ctx.session.flashExcept(NEVER_FLASHED)
  if (Object.keys(fields).length) ctx.session.flashErrors(fields)
  ctx.session.flash('error', refusal.message)
  return ctx.response.redirect().back()
}
