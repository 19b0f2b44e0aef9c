import type { HttpContext } from '@adonisjs/core/http'
import { buildNavigation } from '#core/ui/navigation'

/** Home of the school admin (学校管理后台) and of the province admin (省级管理后台). */
export default class DashboardController {
  async school(ctx: HttpContext) {
    return ctx.view.render('pages/admin/dashboard', {
      area: 'school',
      nav: await buildNavigation(ctx, 'school'),
    })
  }

  async province(ctx: HttpContext) {
    return ctx.view.render('pages/admin/dashboard', {
      area: 'province',
      nav: await buildNavigation(ctx, 'province'),
    })
  }
}
