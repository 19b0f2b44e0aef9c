import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { text } from '#core/i18n/text'
import { formatSalary } from '#core/ui/format'
import { INTENTION_TYPES, type IntentionType } from '#modules/job_seeking/models/job_intention'
import { visibleJobs } from '#modules/job_seeking/services/job_search'
import { studentCountSubqueries, studentCounts } from '#modules/job_seeking/services/applications'

/**
 * 学生中心首页: 求职意向 state and the 已投简历 / 收藏职位 / 待面试 counts — ONE statement (scalar
 * subqueries; the intention's type and subscription as two of them), no model hydration: the
 * widget shows only these five values.
 */
export async function studentStatsWidget(ctx: HttpContext) {
  const user = ctx.auth.use('web').user
  if (!user || user.kind !== 'student') return ''
  const userId = user.id
  const row: any = await db
    .query()
    .select(
      db
        .from('job_intentions')
        .where('user_id', userId)
        .select('type')
        .limit(1)
        .as('intention_type'),
      db
        .from('job_intentions')
        .where('user_id', userId)
        .select('subscribed')
        .limit(1)
        .as('intention_subscribed'),
      ...studentCountSubqueries(userId)
    )
    .first()
  const type = row?.intention_type as IntentionType | null | undefined
  const intention = type
    ? {
        typeLabel: INTENTION_TYPES[type] ? text(INTENTION_TYPES[type]) : type,
        subscribed: Boolean(row.intention_subscribed),
      }
    : null
  const counts = studentCounts(row)
  return ctx.view.render('job_seeking::widgets/student_stats', { intention, counts })
}

/** Latest 招聘职位 with 更多 (portal and student home): one statement, only the columns shown. */
export async function latestJobsWidget(ctx: HttpContext) {
  const rows = await visibleJobs()
    .select(
      'jobs.id',
      'jobs.title',
      'jobs.city',
      'jobs.salary_min',
      'jobs.salary_max',
      'employers.name as employer_name'
    )
    .orderBy('jobs.published_at', 'desc')
    .orderBy('jobs.id', 'desc')
    .limit(6)
  const jobs = rows.map((r: any) => ({
    id: r.id,
    title: r.title,
    city: r.city,
    employerName: r.employer_name,
    salaryText: formatSalary(r.salary_min, r.salary_max),
  }))
  const user = ctx.auth.use('web').user
  return ctx.view.render('job_seeking::widgets/latest_jobs', {
    jobs,
    moreUrl: router.makeUrl(user?.kind === 'student' ? 'student.jobs' : 'jobs.index'),
  })
}
