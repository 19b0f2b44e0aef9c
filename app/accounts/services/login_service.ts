import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { errors as authErrors } from '@adonisjs/auth'
import User, { type ActorKind } from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import { minutesLeft, Throttle } from '#core/accounts/services/login_throttle'

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
 * The account an attempt counts against: the user behind any of the login names, or for an
 * employer the employer itself (its e-mail and its credit code are one account); an unknown
 * name counts on its own so that guessing at non-existent accounts is limited the same way.
 */
async function throttleAccount(loginKeys: string[]) {
  const users = await User.query().whereIn('login_key', loginKeys)
  const user = loginKeys.map((key) => users.find((u) => u.loginKey === key)).find(Boolean)
  if (!user) return `name:${loginKeys[0]}`
  return user.kind === 'employer' && user.employerId
    ? `employer:${user.employerId}`
    : `user:${user.id}`
}

/**
 * Checks credentials under rate limits per account, per address and per account + address
 * (see login_throttle); only wrong attempts count.
 */
export async function attemptLogin(ctx: HttpContext, loginKeys: string[], password: string) {
  const user = await verifyLogin(ctx, loginKeys, password)
  await ctx.auth.use('web').login(user)
  ctx.session.regenerate()
  return user
}

/**
 * The checks of every login (pages and the open API's token exchange): rate limits, password,
 * active account; stamps the login time. Throws LoginError with the Chinese reason.
 */
export async function verifyLogin(ctx: HttpContext, loginKeys: string[], password: string) {
  const throttle = new Throttle('login', [await throttleAccount(loginKeys)], ctx.request.ip())
  const wait = await throttle.waitSeconds()
  if (wait > 0) throw new LoginError(`登录失败次数过多，请 ${minutesLeft(wait)} 分钟后再试`)
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
    const left = await throttle.hit()
    if (left > 0) throw new LoginError(`账号或密码错误，还可尝试 ${left} 次`)
    throw new LoginError(
      `登录失败次数过多，请 ${minutesLeft(await throttle.waitSeconds())} 分钟后再试`
    )
  }
  if (!user.isActive) throw new LoginError('该账号已停用，请联系管理员', 'account')
  await throttle.forgetAccountAddress()
  user.lastLoginAt = DateTime.now()
  await user.save()
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
