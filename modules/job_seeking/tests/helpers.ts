import { DateTime } from 'luxon'
import { seedCore } from '#database/demo/core'
import { seedJobSeekingDemo } from '#modules/job_seeking/database/demo'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import Job from '#modules/job_seeking/models/job'

/** Core world + the module's demo data (dictionaries re-seeded after truncate). */
export async function seedWorld() {
  const world = await seedCore()
  await dictionaries.ensureSeeded()
  const demo = await seedJobSeekingDemo(world)
  const devJob = demo.jobs.find((j) => j.title === '软件开发工程师')!
  return { ...world, ...demo, devJob }
}

export async function makeJob(
  employerId: number,
  title: string,
  extra: Record<string, unknown> = {}
) {
  return Job.create({
    employerId,
    title,
    category: '软件开发',
    nature: '全职',
    province: '江苏省',
    city: '南京市',
    industry: '信息传输、软件和信息技术服务业',
    salaryMin: 8000,
    salaryMax: 12000,
    description: '职位描述内容，负责开发工作。',
    status: 'open',
    publishedAt: DateTime.now(),
    ...extra,
  })
}
