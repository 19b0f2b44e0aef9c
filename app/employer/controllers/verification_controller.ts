import type { HttpContext } from '@adonisjs/core/http'
import StoredFile from '#core/files/models/stored_file'
import { employerResubmitValidator } from '#core/employer/validators'
import employerAccounts from '#core/employer/services/employer_accounts'
import { validateEmployerForm } from '#core/employer/messages'

/** 修改注册信息 / 重新提交审核 (pending or rejected employers). */
export default class VerificationController {
  async edit(ctx: HttpContext) {
    const employer = await this.#employer(ctx)
    if (employer.status === 'verified') return ctx.response.redirect().toRoute('employer.profile')
    const licence = employer.licenceFileId ? await StoredFile.find(employer.licenceFileId) : null
    const nav = [{ label: ctx.i18n.t('nav.employer.home'), href: '/employer' }]
    return ctx.view.render('pages/employer/resubmit', { employer, licence, nav })
  }

  async update(ctx: HttpContext) {
    const employer = await this.#employer(ctx)
    const data = await validateEmployerForm(ctx, employerResubmitValidator)
    if (!data) return
    await employerAccounts.resubmit(employer, ctx.auth.use('web').user!.id, data, data.licence)
    ctx.session.flash('success', '已重新提交，请等待省级管理部门审核')
    return ctx.response.redirect().toRoute('employer.home')
  }

  /** 查看营业执照 (own licence) through the private file route. */
  async licence(ctx: HttpContext) {
    const employer = await this.#employer(ctx)
    if (!employer.licenceFileId)
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    return ctx.response.redirect().toRoute('files.show', [employer.licenceFileId])
  }

  async #employer(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await user.load('employer')
    return user.employer
  }
}
