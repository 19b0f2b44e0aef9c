import type { HttpContext } from '@adonisjs/core/http'
import StoredFile from '#core/files/models/stored_file'
import { moduleTodos } from '#core/admin/services/dashboard_service'
import { enabledModulesFor } from '#core/ui/navigation'

/**
 * 单位中心 home: counts and to-dos of the enabled modules, then the centre's entries. A pending or rejected employer sees its verification state (审核中 / 审核未通过
 * with the reason and a way to correct and resubmit) instead of the centre.
 */
export default class EmployerDashboardController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await user.load('employer')
    const employer = user.employer
    if (!employer || employer.status !== 'verified') {
      const licence = employer?.licenceFileId ? await StoredFile.find(employer.licenceFileId) : null
      // Only the shell until verified: module entries would lead nowhere.
      const nav = [{ label: ctx.i18n.t('nav.employer.home'), href: '/employer' }]
      return ctx.view.render('pages/employer/pending', { employer, licence, nav })
    }
    const profileGaps = [
      !employer.intro && '单位简介',
      !employer.industry && '所属行业',
      !employer.nature && '单位性质',
      !employer.scale && '单位规模',
      !employer.city && '所在城市',
    ].filter(Boolean)
    // 待办: what awaits this employer in each enabled module, each linking to the filtered list.
    const todos = await moduleTodos(ctx, 'employer', await enabledModulesFor(ctx))
    return ctx.view.render('pages/employer/dashboard', { employer, profileGaps, todos })
  }
}
