import dictionaries from '#modules/job_seeking/services/dictionaries'
import resumes from '#modules/job_seeking/services/resumes'
import applications from '#modules/job_seeking/services/applications'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import type { ApiClient } from '@japa/api-client'
import type User from '#core/accounts/models/user'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'

/** A job of the employer (the JobFactory's defaults: open, 南京市, 8000-12000), `extra` merged. */
export async function makeJob(
  employerId: number,
  title: string,
  extra: Record<string, unknown> = {}
) {
  return JobFactory.merge({ employerId, title, ...extra }).create()
}

/**
 * A small hiring world from factories: 示范科技有限公司 (verified) with its HR account and its job
 * 软件开发工程师, 张三 of 南京示范大学 (site `njsf`) with `resumes` resumes, 王五 of another school
 * (site `szsf`). The job dictionaries are seeded (the posting and intention checks read them).
 * `applied`: 张三 has applied to 软件开发工程师 with his first resume (`zhangApplication`).
 */
export async function hiringWorld(options: { resumes?: number; applied?: boolean } = {}) {
  await dictionaries.ensureSeeded()
  const { njsf, njsfSite, szsf, szsfSite } = await world.njsfAndSzsf()
  const { user: zhang } = await world.student(njsf, { name: '张三' })
  const { user: wang } = await world.student(szsf, { name: '王五' })
  const { employer: company, user: hr } = await world.employer({ name: '示范科技有限公司' })
  const devJob = await JobFactory.merge({
    employerId: company.id,
    title: '软件开发工程师',
  }).create()
  const zhangResumes = []
  for (let i = 1; i <= (options.resumes ?? 1); i++)
    zhangResumes.push(await resumes.create(zhang, `张三的简历${i}`))
  const zhangApplication = options.applied
    ? (await applications.apply(zhang, devJob.id, zhangResumes[0].id)).application
    : null
  const students = { njsf, njsfSite, szsf, szsfSite, zhang, wang, zhangResumes }
  return { ...students, company, hr, devJob, zhangApplication }
}

/** 求职意向管理 sent by a student of 南京示范大学 as the page's form does (the answer is the redirect). */
export function sendIntention(client: ApiClient, student: User, form: Record<string, unknown>) {
  return as(client, student, { site: 'njsf' }).postForm('/student/intention', form)
}
