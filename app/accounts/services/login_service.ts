import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { errors as authErrors } from '@adonisjs/auth'
import User, { type ActorKind } from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import { loginLimiter, minutesLeft } from '#core/accounts/services/login_throttle'

export class LoginError extends Error {
  constructor(
    message: string,
    public field = 'password'
  ) {
    super(message)
  }
}

export const HOME_OF: Record<ActorKind, string> = {
  student: '/student',
  employer: '/employer',
  staff: '/school',
  admin: '/province',
}

/** Only same-site relative paths are followed after login (no open redirects). */
export function safeRedirect(target: string | null | undefined, fallback: string) {
  if (target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\'))
    return target
  return fallback
}

/**
 * Checks credentials under a rate limit keyed by the login name and the client IP;
 * only wrong attempts count.
 */
export async function attemptLogin(ctx: HttpContext, loginKeys: string[], password: string) {
  const key = `login:${loginKeys[0]}:${ctx.request.ip()}`
  const limiter = loginLimiter()
  if (await limiter.isBlocked(key)) {
    throw new LoginError(
      `登录失败次数过多，请 ${minutesLeft(await limiter.availableIn(key))} 分钟后再试`
    )
  }
  let user: User | null = null
  for (const loginKey of loginKeys) {
    try {
      user = await User.verifyCredentials(loginKey, password)
      break
    } catch (error) {
      if (!(error instanceof authErrors.E_INVALID_CREDENTIALS)) throw error
    }
  }
  if (!user) {
    await limiter.increment(key)
    const left = await limiter.remaining(key)
    throw new LoginError(
      left > 0 ? `账号或密码错误，还可尝试 ${left} 次` : '登录失败次数过多，请 15 分钟后再试'
    )
  }
  if (!user.isActive) throw new LoginError('该账号已停用，请联系管理员', 'account')
  await limiter.delete(key)
  user.lastLoginAt = DateTime.now()
  await user.save()
  await ctx.auth.use('web').login(user)
  ctx.session.regenerate()
  return user
}

/** Employers log in with their e-mail or their unified social credit code. */
export async function employerLoginKeys(account: string) {
  const keys = [User.loginKeyFor('employer', account)]
  const employer = await Employer.query().where('uscc', account.trim().toUpperCase()).first()
  if (employer) {
    const user = await User.query().where('employer_id', employer.id).orderBy('id').first()
    if (user) keys.push(user.loginKey)
  }
  return keys
}
