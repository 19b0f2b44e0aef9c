import type { HttpContext } from '@adonisjs/core/http'
import { errors as vineErrors } from '@vinejs/vine'
import { redirectTo, toast } from '#core/http/htmx'
import { text } from '#core/i18n/text'
import { firstMessages } from '#core/validation/messages'

/**
 * Runs a state-changing form action: on success a toast (and a flash for the page htmx navigates
 * to) and a redirect. A refusal (`Refusal`, the machines' and the services') answers itself through
 * the core; a validation error goes back with the messages beside the fields and one summary.
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
    if (!(error instanceof vineErrors.E_VALIDATION_ERROR)) throw error
    ctx.session.flashExcept(['_csrf', 'materials'])
    const fields = firstMessages(error)
    ctx.session.flashErrors(fields)
    // One refused field reads as itself (as a refusal naming its field did); several point below.
    const messages = Object.values(fields)
    ctx.session.flash(
      'error',
      messages.length === 1 ? messages[0] : text('procedures.flash.form_invalid')
    )
    return redirectTo(ctx, back ?? ctx.request.header('referer') ?? target())
  }
  const done = text(success)
  toast(ctx, done)
  if (ctx.request.header('hx-request') === 'true') ctx.session.flash('success', done)
  return redirectTo(ctx, target())
}
