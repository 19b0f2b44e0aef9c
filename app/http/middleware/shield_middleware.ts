import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import encryption from '@adonisjs/core/services/encryption'
import edge from 'edge.js'
import Tokens from 'csrf'
import {
  cspFactory,
  csrfFactory,
  frameGuardFactory,
  hstsFactory,
  noSniffFactory,
} from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

/** Shield's session key for the CSRF secret (@adonisjs/shield's CsrfGuard). */
export const CSRF_SECRET_KEY = 'csrf-secret'

const csrfOptions = shieldConfig.csrf ?? {}
const checkedMethods = (csrfOptions.methods ?? []).map((m) => m.toUpperCase())
const fullCsrf = csrfFactory(csrfOptions, encryption, edge)
const headerGuards = [
  cspFactory(structuredClone(shieldConfig.csp ?? {}) as any),
  frameGuardFactory(shieldConfig.xFrame ?? {}),
  hstsFactory(shieldConfig.hsts ?? {}),
  noSniffFactory(shieldConfig.contentTypeSniffing ?? {}),
]
// The same token format as Shield's guard (csrf package, default options), so a token made here
// verifies in Shield's check of the next POST.
const tokens = new Tokens()

/**
 * Shield's middleware (same guards, same config), with the CSRF secret made lazily: a GET from a
 * visitor who has no secret yet gets one only when the page actually prints a token (a form's
 * csrfField, `csrfToken`, `request.csrfToken`). An anonymous page without a form thus touches no
 * session, sets no cookie and can be micro-cached. Checked methods (POST, …) and visitors who
 * already have a secret go through Shield's own guard unchanged.
 */
export default class ShieldMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const checked = checkedMethods.includes(ctx.request.method())
    if (!csrfOptions.enabled || checked || !ctx.session || ctx.session.has(CSRF_SECRET_KEY)) {
      await fullCsrf(ctx)
    } else {
      lazyCsrf(ctx)
    }
    for (const guard of headerGuards) await guard(ctx)
    return next()
  }
}

function lazyCsrf(ctx: HttpContext) {
  let token: string | undefined
  const get = () => {
    if (token === undefined) {
      let secret = ctx.session.get(CSRF_SECRET_KEY) as string | undefined
      if (!secret) {
        secret = tokens.secretSync()
        ctx.session.put(CSRF_SECRET_KEY, secret)
      }
      token = tokens.create(secret)
    }
    return token
  }
  Object.defineProperty(ctx.request, 'csrfToken', { get, configurable: true, enumerable: true })
  // Edge prints `{{ csrfToken }}` through String(value): the token is made on first print.
  ctx.view.share({
    csrfToken: { toString: get },
    csrfMeta: () => edge.globals.html.safe(`<meta name='csrf-token' content='${get()}'>`),
    csrfField: () => edge.globals.html.safe(`<input type='hidden' name='_csrf' value='${get()}'>`),
  })
}
