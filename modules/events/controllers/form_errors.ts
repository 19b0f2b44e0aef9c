import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import { toast } from '#core/http/htmx'
import { EventRefusal, FormErrors } from '#modules/events/services/errors'

/**
 * Runs a form action: cross-field errors go back beside the fields (like validation errors),
 * refusals come back as a flash message; anything else is a real error.
 */
export async function handleForm(ctx: HttpContext, action: () => Promise<unknown>) {
  try {
    return await action()
  } catch (error) {
    if (error instanceof FormErrors) {
      ctx.session.flashAll()
      ctx.session.flashErrors(error.errors)
      ctx.session.flash('error', text('events.flash.form_invalid'))
      return ctx.response.redirect().back()
    }
    if (error instanceof EventRefusal) {
      toast(ctx, error.message, 'error')
      return ctx.response.redirect().back()
    }
    throw error
  }
}
