import { defaultFormMessages } from '#core/validation/messages'
import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'

/** Messages and field names of this module's forms: resources/lang/zh-CN/job_seeking.json → validator. */
export const messagesProvider = defaultFormMessages('job_seeking.validator')

/** Redirect back with errors beside the fields (and the old input), for business-rule refusals. */
export function backWithErrors(ctx: HttpContext, errors: Record<string, string>) {
  ctx.session.flashAll()
  ctx.session.flash('errorsBag', errors)
  return ctx.response.redirect().back()
}

/** A cross-field rule broken after validation; `message` is a `job_seeking.refusals.*` key. */
export class FieldError extends Error {
  constructor(
    public field: string,
    message: string
  ) {
    super(text(message))
  }
}
