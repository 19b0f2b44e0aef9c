import type { HttpContext } from '@adonisjs/core/http'
import { buildNavigation } from '#core/ui/navigation'

/** Public job pages keep the student's (or employer's) navigation when one is logged in. */
export async function chrome(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  if (user?.kind === 'student')
    return { area: 'student', nav: await buildNavigation(ctx, 'student') }
  if (user?.kind === 'employer')
    return { area: 'employer', nav: await buildNavigation(ctx, 'employer') }
  // Visitors get the layout's portal navigation (首页 … 招聘公告 of the modules this site enables).
  return { area: 'public', nav: null }
}

export function currentStudent(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  return user?.kind === 'student' ? user : null
}

/** The logged-in user of an actor area (the area middleware guarantees it). */
export function actor(ctx: HttpContext) {
  return ctx.auth.use('web').user!
}
