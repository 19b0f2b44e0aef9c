import type { HttpContext } from '@adonisjs/core/http'
import { buildNavigation } from '#core/ui/navigation'

/** 单位中心 home. */
export default class EmployerDashboardController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await user.load('employer')
    return ctx.view.render('pages/employer/dashboard', {
      employer: user.employer,
      nav: await buildNavigation(ctx, 'employer'),
    })
  }
}
