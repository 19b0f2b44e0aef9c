import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import applications from '#modules/job_seeking/services/applications'
import intentions from '#modules/job_seeking/services/intentions'
import jobSearch from '#modules/job_seeking/services/job_search'

/** 学生中心首页: 求职意向 state and the 已投简历 / 收藏职位 / 待面试 counts. */
export async function studentStatsWidget(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  if (!user || user.kind !== 'student') return ''
  const [{ intention }, counts] = await Promise.all([
    intentions.of(user.id),
    applications.countsFor(user.id),
  ])
  return ctx.view.render('job_seeking::widgets/student_stats', { intention, counts })
}

/** Latest 招聘职位 with 更多 (portal and student home). */
export async function latestJobsWidget(ctx: HttpContext) {
  const jobs = await jobSearch.latest(6)
  const user = ctx.auth.use('web').user
  return ctx.view.render('job_seeking::widgets/latest_jobs', {
    jobs,
    moreUrl: router.makeUrl(user?.kind === 'student' ? 'student.jobs' : 'jobs.index'),
  })
}
