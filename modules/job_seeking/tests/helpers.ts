import { seedCore } from '#database/demo/core'
import { seedJobSeekingDemo } from '#modules/job_seeking/database/demo'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import resumes from '#modules/job_seeking/services/resumes'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import { world } from '#tests/helpers/world'

/** Core world + the module's demo data (dictionaries re-seeded after truncate). */
export async function seedWorld() {
  const core = await seedCore()
  await dictionaries.ensureSeeded()
  const demo = await seedJobSeekingDemo(core)
  const devJob = demo.jobs.find((j) => j.title === '软件开发工程师')!
  return { ...core, ...demo, devJob }
}

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
 */
export async function hiringWorld(options: { resumes?: number } = {}) {
  await dictionaries.ensureSeeded()
  const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
  const { school: szsf } = await world.school({ code: 'szsf', name: '苏州示范学院' })
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
  return { njsf, szsf, zhang, wang, company, hr, devJob, zhangResumes }
}
