import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import Job from '#modules/job_seeking/models/job'
import { next } from '#database/factories/core'

/**
 * 招聘职位 of the test world: open, published now, 南京市, 8000-12000 元/月. Merge `employerId`
 * (a verified employer's, e.g. from `world.employer()`); `closed` state for a closed posting.
 */
export const JobFactory = factory
  .define(Job, () => {
    const n = next()
    return {
      title: `开发工程师${n}`,
      category: '软件开发',
      nature: '全职',
      province: '江苏省',
      city: '南京市',
      industry: '信息传输、软件和信息技术服务业',
      salaryMin: 8000,
      salaryMax: 12000,
      description: '职位描述内容，负责开发工作。',
      status: 'open' as Job['status'],
      publishedAt: DateTime.now(),
    }
  })
  .state('closed', (job) => {
    job.status = 'closed' as Job['status']
  })
  .build()
