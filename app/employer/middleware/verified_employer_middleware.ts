import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { redirectTo } from '#core/http/htmx'

/**
 * Employer-centre pages beyond the shell (modules' /employer routes, 单位信息) are for verified
 * employers only; a pending or rejected one is sent to /employer, which shows 审核中 / 审核未通过.
 * Runs after the auth middleware (kinds: employer).
 */
export default class VerifiedEmployerMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const user = ctx.auth.use('web').user
    if (!user || user.kind !== 'employer') return next()
    const employer = user.employerId ? await user.related('employer').query().first() : null
    if (!employer || employer.status !== 'verified') {
      ctx.session.flash(
        'info',
        employer?.status === 'rejected'
          ? '单位认证未通过，请修改注册信息后重新提交'
          : '单位信息审核通过后才能使用此功能'
      )
      return redirectTo(ctx, '/employer')
    }
    return next()
  }
}
