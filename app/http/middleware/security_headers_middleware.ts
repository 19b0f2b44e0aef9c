import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { cspFactory, frameGuardFactory, hstsFactory, noSniffFactory } from '@adonisjs/shield/guards'
import shieldConfig from '#config/shield'

/**
 * Shield's header guards, built from config/shield.ts, for responses that Shield's router
 * middleware never reached: unknown routes (404), a CSRF refusal (Shield checks CSRF first
 * and throws before setting any header) and errors raised by the body parser.
 */
const headerGuards = [
  cspFactory(structuredClone(shieldConfig.csp ?? {}) as any),
  frameGuardFactory(shieldConfig.xFrame ?? {}),
  hstsFactory(shieldConfig.hsts ?? {}),
  noSniffFactory(shieldConfig.contentTypeSniffing ?? {}),
]

export async function applyShieldHeaders(ctx: HttpContext) {
  if (ctx.response.getHeader('Content-Security-Policy')) return
  for (const guard of headerGuards) await guard(ctx)
}

/**
 * Headers Shield does not set, on every response (also static files and error pages):
 * no full URL leaks to other sites, no camera/microphone/location for embedded content;
 * and nothing a logged-in user sees is kept in a browser or proxy cache.
 */
export default class SecurityHeadersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    ctx.response.header('Referrer-Policy', 'strict-origin-when-cross-origin')
    ctx.response.header('Permissions-Policy', 'camera=(self), microphone=(), geolocation=()')
    await next()
    if (ctx.route && (ctx.auth?.user || ctx.session?.has('auth_web'))) {
      ctx.response.header('Cache-Control', 'no-store')
    }
  }
}
