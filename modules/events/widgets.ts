import type { HttpContext } from '@adonisjs/core/http'
import catalog from '#modules/events/services/event_catalog'

/** 学生中心首页: 待参加活动 and the latest 招聘会 / 宣讲会 with 更多. */
export async function studentHome(ctx: HttpContext) {
  const user = ctx.auth.use('web').user!
  // One statement: the count and both lists (the count is registrations.upcomingCount's rule).
  const { pending, fairs, sessions } = await catalog.latestBoth(ctx.site, 5, user.id)
  return ctx.view.render('events::widgets/student_home', { pending, fairs, sessions })
}

/** The portal of a site: its latest 招聘会 and 宣讲会 (the subsite's own first). */
export async function portal(ctx: HttpContext) {
  const { fairs, sessions } = await catalog.latestBoth(ctx.site, 6)
  return ctx.view.render('events::widgets/portal', { fairs, sessions })
}

/** Company page (job-seeking module): the company's fairs and upcoming sessions. */
export async function companyPage(ctx: HttpContext, employerId: number) {
  if (!Number.isInteger(employerId) || employerId <= 0) return ''
  const user = ctx.auth.use('web').user
  const base = user?.kind === 'student' ? '/student' : ''
  return ctx.view.render('events::widgets/company', {
    ...(await catalog.ofEmployer(employerId)),
    base,
  })
}
