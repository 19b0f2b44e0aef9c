import type { HttpContext } from '@adonisjs/core/http'
import { employerProfileValidator } from '#core/employer/validators'
import employerAccounts from '#core/employer/services/employer_accounts'
import { validateEmployerForm } from '#core/employer/messages'
import { INDUSTRIES, NATURES, SCALES, options } from '#core/employer/profile_options'
import audit from '#core/audit/audit_service'

/** 单位信息: the company profile students see on the company page (verified employers). */
export default class ProfileController {
  async edit(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await user.load('employer')
    return ctx.view.render('pages/employer/profile', {
      employer: user.employer,
      industries: options(INDUSTRIES),
      natures: options(NATURES),
      scales: options(SCALES),
    })
  }

  async update(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await user.load('employer')
    await ctx.bouncer.authorize('actForEmployer', user.employer.id)
    const data = await validateEmployerForm(ctx, employerProfileValidator)
    if (!data) return
    const before = user.employer.serialize()
    const employer = await employerAccounts.updateProfile(user.employer, data)
    await audit.record({
      ctx,
      action: 'employer.profile.update',
      subject: { type: 'employer', id: employer.id },
      before,
      after: employer.serialize(),
    })
    ctx.session.flash('success', '单位信息已保存')
    return ctx.response.redirect().toRoute('employer.profile')
  }
}
