import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import moduleSwitches from '#core/modules/module_switches'
import { Refusal, wantsJson } from '#core/http/refusal'

/**
 * Guards every module route. The school that counts: the subsite's school, else the
 * logged-in student's or teacher's school, else the province availability.
 */
export default class ModuleGuardMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { id: string }) {
    // Pages know the session's user, the open API the bearer token's (checked before this guard).
    const user = ctx.auth.use('web').user ?? ctx.auth.use('api').user
    const schoolId =
      ctx.site.schoolId ??
      (user && (user.kind === 'student' || user.kind === 'staff') ? user.schoolId : null)
    const enabled = schoolId
      ? await moduleSwitches.isEnabledForSchool(schoolId, options.id)
      : await moduleSwitches.isAvailableInProvince(options.id)
    if (!enabled && wantsJson(ctx)) {
      throw new Refusal('本站未开通此功能', { code: 'module_disabled', status: 404 })
    }
    if (!enabled) {
      ctx.response.status(404)
      return ctx.response.send(await ctx.view.render('pages/errors/module_disabled'))
    }
    return next()
  }
}
