import type { HttpContext } from '@adonisjs/core/http'
import { adminMenu } from '#core/admin/menu'
import { DashboardService } from '#core/admin/services/dashboard_service'

/** Home of the school admin (学校管理后台) and of the province admin (省级管理后台): counts and to-dos. */
export default class DashboardController {
  school(ctx: HttpContext) {
    return this.#render(ctx, 'school')
  }

  province(ctx: HttpContext) {
    return this.#render(ctx, 'province')
  }

  async #render(ctx: HttpContext, area: 'school' | 'province') {
    const user = ctx.auth.use('web').user!
    const data = await new DashboardService(user, ctx)[area]()
    return ctx.view.render('pages/admin/dashboard', {
      area,
      ...data,
      adminMenu: await adminMenu(ctx, area),
      activeMenu: `/${area}`,
    })
  }
}
