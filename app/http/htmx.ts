import type { HttpContext } from '@adonisjs/core/http'

/** HTTP headers must be ASCII: non-ASCII (Chinese toasts) travel as \uXXXX escapes, which htmx decodes. */
export function asciiJson(value: unknown) {
  return JSON.stringify(value).replace(
    /[\u007f-\uffff]/g,
    (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')
  )
}

export function isHtmx(ctx: HttpContext) {
  return ctx.request.header('hx-request') === 'true'
}

/**
 * Answers a full page, or only the fragment for an htmx request (one helper, not an
 * if/else in each action). The fragment template receives the same state.
 */
export async function page(
  ctx: HttpContext,
  template: string,
  state: Record<string, unknown>,
  fragment?: string
) {
  if (fragment && isHtmx(ctx) && !ctx.request.header('hx-boosted')) {
    return ctx.view.render(fragment, state)
  }
  return ctx.view.render(template, state)
}

/** A toast for htmx swaps (HX-Trigger), and a flash message for full page loads. */
export function toast(
  ctx: HttpContext,
  message: string,
  type: 'success' | 'error' | 'info' = 'success'
) {
  if (isHtmx(ctx)) {
    ctx.response.header('HX-Trigger', asciiJson({ toast: { message, type } }))
  } else {
    ctx.session.flash(type === 'error' ? 'error' : 'success', message)
  }
}

/** Redirect that also works for htmx requests (HX-Redirect does a full navigation). */
export function redirectTo(ctx: HttpContext, url: string) {
  if (isHtmx(ctx)) {
    ctx.response.header('HX-Redirect', url)
    return ctx.response.status(204).send('')
  }
  return ctx.response.redirect(url)
}
