import { defaultFormMessages } from '#core/validation/messages'
import type { HttpContext } from '@adonisjs/core/http'

/** Messages and field names of this module's forms: resources/lang/zh-CN/job_seeking.json → validator. */
export const messagesProvider = defaultFormMessages('job_seeking.validator')

/** Redirect back with errors beside the fields (and the old input), for business-rule refusals. */
export function backWithErrors(ctx: HttpContext, errors: Record<string, string>) {
  ctx.session.flashAll()
  ctx.session.flash('errorsBag', errors)
  return ctx.response.redirect().back()
}

export class FieldError extends Error {
  constructor(
    public field: string,
    message: string
  ) {
    super(message)
  }
}
