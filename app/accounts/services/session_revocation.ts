import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'

/**
 * Ends every session of a user, in every web process: the version bump makes the session
 * lifetime middleware refuse any session stamped earlier (whatever the store), and the
 * user's rows in the server-side session table are deleted at once.
 */
export async function endAllSessions(userId: number) {
  await db.from('users').where('id', userId).increment('session_version', 1)
  await db.from('sessions').where('user_id', String(userId)).delete()
}

/** 退出登录: every session of the user ends, and this browser continues with a new, empty one. */
export async function logoutEverywhere(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  await ctx.auth.use('web').logout()
  if (user) await endAllSessions(user.id)
  ctx.session.clear()
  ctx.session.regenerate()
}
