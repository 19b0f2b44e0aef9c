import type { HttpContext } from '@adonisjs/core/http'
import { adminMenu } from '#core/admin/menu'
import { DashboardService } from '#core/admin/services/dashboard_service'

/** Home of the school admin (学校管理后台) and of the province admin (省级管理后台): counts and to-dos. */
export default class DashboardController {
  async school(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const data = await new DashboardService(user, ctx).school()
    return ctx.view.render('pages/admin/dashboard', {
      area: 'school',
      ...data,
      adminMenu: await adminMenu(ctx, 'school'),
      activeMenu: '/school',
    })
  }

  async province(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const data = await new DashboardService(user, ctx).province()
    return ctx.view.render('pages/admin/dashboard', {
      area: 'province',
      ...data,
      adminMenu: await adminMenu(ctx, 'province'),
      activeMenu: '/province',
    })
  }
}
