import type { HttpContext } from '@adonisjs/core/http'
import { errors, type VineValidator } from '@vinejs/vine'
import type { Infer, SchemaTypes } from '@vinejs/vine/types'

/** Chinese validation messages of the employer forms (resources/lang/zh-CN/employer.json → validator). */
export function employerMessages(ctx: HttpContext) {
  return ctx.i18n.createMessagesProvider('employer.validator')
}

/** First message per field, for `session.flashErrors`. */
export function firstErrors(error: InstanceType<typeof errors.E_VALIDATION_ERROR>) {
  const out: Record<string, string> = {}
  for (const m of error.messages as { field: string; message: string }[]) {
    if (!out[m.field]) out[m.field] = m.message
  }
  return out
}

/** Refuses a form: errors beside the fields, every other input flashed back (never passwords or files). */
export function refuse(ctx: HttpContext, fieldErrors: Record<string, string>) {
  ctx.session.flashOnly(
    Object.keys(ctx.request.except(['password', 'password_confirmation', 'licence', '_csrf']))
  )
  ctx.session.flashErrors(fieldErrors)
  ctx.session.flash('error', '请修正标出的内容后重新提交')
  return ctx.response.redirect().back()
}

/**
 * Validates an employer form (the fields and the uploaded files: validateUsing includes them)
 * with the employer messages. An invalid form is refused (see `refuse`) and null returned.
 */
export async function validateEmployerForm<Schema extends SchemaTypes>(
  ctx: HttpContext,
  validator: VineValidator<Schema, Record<string, any> | undefined>
): Promise<Infer<Schema> | null> {
  try {
    return await ctx.request.validateUsing(validator, { messagesProvider: employerMessages(ctx) })
  } catch (error) {
    if (!(error instanceof errors.E_VALIDATION_ERROR)) throw error
    refuse(ctx, firstErrors(error))
    return null
  }
}
