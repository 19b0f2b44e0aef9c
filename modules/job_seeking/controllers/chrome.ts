import type { HttpContext } from '@adonisjs/core/http'
import { buildNavigation } from '#core/ui/navigation'

/** Public job pages keep the student's (or employer's) navigation when one is logged in. */
export async function chrome(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  if (user?.kind === 'student')
    return { area: 'student', nav: await buildNavigation(ctx, 'student') }
  if (user?.kind === 'employer')
    return { area: 'employer', nav: await buildNavigation(ctx, 'employer') }
  return {
    area: 'public',
    nav: [
      { label: '首页', href: '/' },
      { label: '招聘职位', href: '/jobs' },
      { label: '招聘公告', href: '/announcements' },
    ],
  }
}

export function currentStudent(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  return user?.kind === 'student' ? user : null
}

/** The logged-in user of an actor area (the area middleware guarantees it). */
export function actor(ctx: HttpContext) {
  return ctx.auth.use('web').user!
}

export function idParam(ctx: HttpContext, name = 'id') {
  const id = Number(ctx.params[name])
  return Number.isInteger(id) && id > 0 ? id : 0
}
