import type { HttpContext } from '@adonisjs/core/http'
import { ProcedureError } from '#modules/procedures/services/state_machines'
import { FieldErrors } from '#modules/procedures/services/errors'
import { redirectTo, toast } from '#core/http/htmx'
import { errors as vineErrors } from '@vinejs/vine'
import { firstMessages } from '#core/validation/messages'

/**
 * Runs a state-changing action: on success a toast/flash and a redirect; a refusal keeps the
 * person on the page with the Chinese reason (beside the field when it belongs to one).
 */
export async function act(
  ctx: HttpContext,
  work: () => Promise<unknown>,
  success: string,
  next: string | (() => string),
  back?: string
) {
  const target = () => (typeof next === 'function' ? next() : next)
  try {
    await work()
  } catch (error) {
    // The form's validator (request.validateUsing): messages beside the fields, like FieldErrors.
    if (error instanceof vineErrors.E_VALIDATION_ERROR) {
      ctx.session.flashExcept(['_csrf', 'materials'])
      const fields = firstMessages(error)
      ctx.session.flashErrors(fields)
      // One refused field reads as itself (as a refusal naming its field did); several point below.
      const messages = Object.values(fields)
      ctx.session.flash(
        'error',
        messages.length === 1 ? messages[0] : '提交的信息有误，请查看各项下方的提示'
      )
      return redirectTo(ctx, back ?? ctx.request.header('referer') ?? target())
    }
    if (!(error instanceof ProcedureError)) throw error
    if (error.status === 404)
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found', { error }))
    if (error.status === 403)
      return ctx.response.forbidden(
        await ctx.view.render('pages/errors/forbidden', { reason: error.message })
      )
    ctx.session.flashExcept(['_csrf', 'materials'])
    if (error instanceof FieldErrors) {
      ctx.session.flashErrors(error.fieldErrors())
      ctx.session.flash('error', '提交的信息有误，请查看各项下方的提示')
    } else {
      if (error.field) ctx.session.flashErrors({ [error.field]: error.message })
      ctx.session.flash('error', error.message)
    }
    return redirectTo(ctx, back ?? ctx.request.header('referer') ?? target())
  }
  toast(ctx, success)
  if (ctx.request.header('hx-request') === 'true') ctx.session.flash('success', success)
  return redirectTo(ctx, target())
}

/** Renders a page, turning a refusal while loading into the right error page. */
export async function show(ctx: HttpContext, work: () => Promise<string>) {
  try {
    return await work()
  } catch (error) {
    if (!(error instanceof ProcedureError)) throw error
    if (error.status === 404)
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found', { error }))
    return ctx.response.forbidden(
      await ctx.view.render('pages/errors/forbidden', { reason: error.message })
    )
  }
}

export function idParam(ctx: HttpContext) {
  const id = Number(ctx.params.id)
  return Number.isInteger(id) && id > 0 ? id : 0
}
