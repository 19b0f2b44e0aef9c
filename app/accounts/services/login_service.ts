import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { errors as authErrors } from '@adonisjs/auth'
import User, { type ActorKind } from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import { minutesLeft, Throttle } from '#core/accounts/services/login_throttle'
import { Refusal, wantsJson } from '#core/http/refusal'

/** 登录失败次数过多: beside the password; 429 for API clients. */
function tooManyAttempts(seconds: number) {
  return new Refusal(`登录失败次数过多，请 ${minutesLeft(seconds)} 分钟后再试`, {
    code: 'too_many_attempts',
    status: 429,
    field: 'password',
  })
}

/**
 * A login refused beside the account (停用, wrong site). API clients get 403 without fields; the
 * page keeps 422, so that the form answers with the message beside the account rather than the
 * 403 page.
 */
export function accountRefusal(ctx: HttpContext, message: string, code: string) {
  return wantsJson(ctx)
    ? new Refusal(message, { code, status: 403 })
    : new Refusal(message, { code, field: 'account' })
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
 * active account; stamps the login time. Throws a Refusal with the Chinese reason.
 */
export async function verifyLogin(ctx: HttpContext, loginKeys: string[], password: string) {
  const throttle = new Throttle('login', [await throttleAccount(loginKeys)], ctx.request.ip())
  const wait = await throttle.waitSeconds()
  if (wait > 0) throw tooManyAttempts(wait)
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
    if (left > 0) {
      throw new Refusal(`账号或密码错误，还可尝试 ${left} 次`, {
        code: 'invalid_credentials',
        status: 401,
        field: 'password',
      })
    }
    throw tooManyAttempts(await throttle.waitSeconds())
  }
  if (!user.isActive) throw accountRefusal(ctx, '该账号已停用，请联系管理员', 'account_inactive')
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
