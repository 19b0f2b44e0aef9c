import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import emitter from '@adonisjs/core/services/emitter'
import { errors as sessionErrors } from '@adonisjs/session'
import { sessionLifetime } from '#config/session'

/** Stored in the session next to `auth_web`: who logged in, with which version, when, last seen. */
export const SESSION_META_KEY = 'auth_meta'
type SessionMeta = { uid: number; v: number; at: number; seen: number }

/** Activity is recorded at most once a minute (a session write per request is not needed). */
const SEEN_RESOLUTION_MS = 60_000

function stamp(ctx: HttpContext, user: { id: number; sessionVersion?: number | null }) {
  const now = Date.now()
  const meta: SessionMeta = { uid: user.id, v: user.sessionVersion ?? 0, at: now, seen: now }
  ctx.session.put(SESSION_META_KEY, meta)
}

// Every login (student, employer, staff, admin, registration) starts a new lifetime.
emitter.on('session_auth:login_succeeded', ({ ctx, user }) => {
  stamp(ctx, user as any)
  ctx.sessionLoggedIn = true
})

/**
 * Server-side session lifetime, checked on every request whatever the store:
 * - the session version must equal `users.session_version` (logout and password change bump it);
 * - idle timeout (no request for 2 h) and absolute timeout (12 h after login).
 * An ended session is logged out; the auth middleware then shows why.
 */
export default class SessionLifetimeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (ctx.session?.has('auth_web')) {
      const reason = await this.#refusal(ctx)
      if (reason) {
        await ctx.auth.use('web').logout()
        ctx.session.forget(SESSION_META_KEY)
        ctx.session.regenerate()
        ctx.sessionEndedReason = reason
      }
    }
    const response = await next()
    if (ctx.sessionLoggedIn && ctx.session.has('auth_web')) {
      // Index the final session id by user, so that ending all sessions deletes the rows.
      try {
        await ctx.session.tag(String(ctx.session.get(SESSION_META_KEY).uid))
      } catch (error) {
        if (!(error instanceof sessionErrors.E_SESSION_TAGGING_NOT_SUPPORTED)) throw error
      }
    }
    return response
  }

  async #refusal(ctx: HttpContext): Promise<string | null> {
    if (!(await ctx.auth.check())) return null
    const user = ctx.auth.user!
    const meta = ctx.session.get(SESSION_META_KEY) as SessionMeta | undefined
    if (!meta || meta.uid !== user.id) {
      // Sessions made without a login request (test helpers' loginAs) start their lifetime now.
      stamp(ctx, user)
      return null
    }
    const now = Date.now()
    if (meta.v !== (user.sessionVersion ?? 0)) return '您的账号已退出登录或修改了密码，请重新登录'
    if (now - meta.at > sessionLifetime.absoluteSeconds * 1000) {
      return `登录已超过 ${sessionLifetime.absoluteSeconds / 3600} 小时，为保障账号安全，请重新登录`
    }
    if (now - meta.seen > sessionLifetime.idleSeconds * 1000) {
      return '长时间未操作，登录已失效，请重新登录'
    }
    if (now - meta.seen > SEEN_RESOLUTION_MS)
      ctx.session.put(SESSION_META_KEY, { ...meta, seen: now })
    return null
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** Set when this request logged someone in. */
    sessionLoggedIn?: boolean
    /** Why the session of this request was ended (shown on the login page). */
    sessionEndedReason?: string
  }
}
