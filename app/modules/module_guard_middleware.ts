import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import moduleSwitches from '#core/modules/module_switches'

/**
 * Guards every module route. The school that counts: the subsite's school, else the
 * logged-in student's or teacher's school, else the province availability.
 */
export default class ModuleGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { id: string }) {
    const user = ctx.auth.use('web').user
    const schoolId =
      ctx.site.schoolId ??
      (user && (user.kind === 'student' || user.kind === 'staff') ? user.schoolId : null)
    const enabled = schoolId
      ? await moduleSwitches.isEnabledForSchool(schoolId, options.id)
      : await moduleSwitches.isAvailableInProvince(options.id)
    if (!enabled) {
      ctx.response.status(404)
      return ctx.response.send(await ctx.view.render('pages/errors/module_disabled'))
    }
    return next()
  }
}
