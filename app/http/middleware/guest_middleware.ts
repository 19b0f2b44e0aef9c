import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/** Login and activation pages: someone already logged in goes to their own home. */
export default class GuestMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (await ctx.auth.use('web').check()) {
      const user = ctx.auth.use('web').user!
      const home = {
        student: '/student',
        employer: '/employer',
        staff: '/school',
        admin: '/province',
      }[user.kind]
      return ctx.response.redirect(home)
    }
    return next()
  }
}
