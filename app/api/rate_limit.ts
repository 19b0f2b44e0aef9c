import limiter from '@adonisjs/limiter/services/main'
import { errors as limiterErrors } from '@adonisjs/limiter'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Read-only public data (open API lists, 91job-compatible data): per client address, counted in
 * the limiter's shared store like the login limits. `request.ip()` honours X-Forwarded-For only
 * from TRUSTED_PROXIES, so a client cannot spread itself over invented addresses.
 */
export const OPEN_DATA_LIMIT = { requests: 120, duration: '1 min' }

/** Seconds to wait when the address has used its allowance, else 0 (and the request is counted). */
export async function openDataWait(ctx: HttpContext) {
  try {
    await limiter.use({ ...OPEN_DATA_LIMIT }).consume(`open_data:ip:${ctx.request.ip()}`)
    return 0
  } catch (error) {
    if (!(error instanceof limiterErrors.E_TOO_MANY_REQUESTS)) throw error
    return Math.max(1, error.response.availableIn)
  }
}

export function tooManyMessage(seconds: number) {
  return `请求过于频繁，请 ${seconds} 秒后再试`
}

/**
 * A middleware refusing an address over its allowance with 429 and Retry-After; the body is
 * `envelope(message)`, the error shape of the routes it guards.
 */
function limitWith(envelope: (message: string) => Record<string, unknown>) {
  return async (ctx: HttpContext, next: NextFn) => {
    const wait = await openDataWait(ctx)
    if (wait > 0) {
      ctx.response.header('Retry-After', String(wait))
      return ctx.response.status(429).json(envelope(tooManyMessage(wait)))
    }
    return next()
  }
}

/** For /api/v1 public routes: the common error envelope. */
export const limitOpenApi = limitWith((message) => ({
  error: { code: 'too_many_requests', message },
}))

/** For the 91job-compatible data: the 91job envelope with success false and code 429. */
export const limitOpenData = limitWith((message) => ({
  success: false,
  code: 429,
  message,
  result: null,
}))
