import type { HttpContext } from '@adonisjs/core/http'
import Site from '#core/tenancy/models/site'
import { redirectTo } from '#core/http/htmx'
import { adminMenu } from '#core/admin/menu'
import { ModuleSettingsService } from '#core/admin/services/module_settings_service'

/** 功能模块: province availability + defaults, a school's switches + overrides. */
export default class ModulesController {
  async school(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageSchool', user.schoolId!)
    const modules = await new ModuleSettingsService(ctx).overview(user.schoolId)
    return ctx.view.render('admin/modules', {
      area: 'school',
      modules,
      adminMenu: await adminMenu(ctx, 'school'),
      activeMenu: '/school/modules',
      errors: {},
    })
  }

  async province(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProvince')
    const modules = await new ModuleSettingsService(ctx).overview(null)
    return ctx.view.render('admin/modules', {
      area: 'province',
      modules,
      adminMenu: await adminMenu(ctx, 'province'),
      activeMenu: '/province/modules',
      errors: {},
    })
  }

  async updateSchool(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageSchool', user.schoolId!)
    const site = await Site.query().where('school_id', user.schoolId!).firstOrFail()
    return this.#update(ctx, site, '/school/modules')
  }

  async updateProvince(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProvince')
    return this.#update(ctx, await Site.main(), '/province/modules')
  }

  async #update(ctx: HttpContext, site: Site, back: string) {
    const message = await new ModuleSettingsService(ctx).update(
      site,
      ctx.params.module,
      ctx.request.all()
    )
    ctx.session.flash('success', message)
    return redirectTo(ctx, back)
  }
}
