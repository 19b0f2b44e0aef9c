import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { buildNavigation } from '#core/ui/navigation'

/** Shares the logged-in actor and the request path with every view. */
export default class ViewGlobalsMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    await ctx.auth.check()
    const user = ctx.auth.user ?? null
    ctx.view.share({
      currentUser: user,
      currentPath: ctx.request.url(),
      isHtmx: ctx.request.header('hx-request') === 'true',
      // The portal navigation, built only by pages that show it (the layout's default nav).
      publicNav: () => buildNavigation(ctx, 'public'),
    })
    return next()
  }
}
