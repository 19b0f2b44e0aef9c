import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import Employer from '#core/accounts/models/employer'
import Job from '#modules/job_seeking/models/job'
import JobApplication from '#modules/job_seeking/models/job_application'
import jobDirectory from '#modules/job_seeking/services/job_directory'

function jobData(employerId: number, title: string, extra: Partial<Job> = {}) {
  return {
    employerId,
    title,
    category: '软件开发',
    nature: '全职',
    province: '江苏省',
    city: '南京市',
    salaryMin: 8000,
    salaryMax: 12000,
    status: 'open' as const,
    publishedAt: DateTime.now(),
    ...extra,
  }
}

test.group('Job directory (service other modules use)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('open jobs of an employer leave out closed, expired jobs and unverified employers', async ({
    assert,
  }) => {
    const world = await seedCore()
    const open = await Job.create(jobData(world.company.id, '软件开发工程师'))
    await Job.create(jobData(world.company.id, '已关闭职位', { status: 'closed' }))
    await Job.create(
      jobData(world.company.id, '已过期职位', { deadline: DateTime.now().minus({ days: 1 }) })
    )
    const pending = await Employer.create({
      name: '待审核公司',
      uscc: '91320100MA1999990X',
      status: 'pending',
    })
    const hidden = await Job.create(jobData(pending.id, '未审核单位职位'))

    const jobs = await jobDirectory.openJobsOf(world.company.id)
    assert.deepEqual(
      jobs.map((j) => j.title),
      ['软件开发工程师']
    )
    assert.equal(jobs[0].url, `/jobs/${open.id}`)
    assert.equal(jobs[0].salaryText, '8k-12k/月')
    assert.deepEqual(await jobDirectory.openJobsOf(pending.id), [])
    assert.deepEqual(
      (await jobDirectory.jobsByIds([hidden.id, open.id])).map((j) => j.id),
      [open.id]
    )
    assert.equal(jobDirectory.companyUrl(world.company.id), `/companies/${world.company.id}`)
  })

  test('applicants of an employer are the students who applied to its jobs', async ({ assert }) => {
    const world = await seedCore()
    const job = await Job.create(jobData(world.company.id, '软件开发工程师'))
    await JobApplication.create({
      jobId: job.id,
      employerId: world.company.id,
      userId: world.studentZhang.id,
      schoolId: world.studentZhang.schoolId!,
      status: 'submitted',
    })
    const applicants = await jobDirectory.applicantsOf(world.company.id)
    assert.deepEqual(applicants, [
      {
        userId: world.studentZhang.id,
        name: '张三',
        schoolId: world.njsf.id,
        studentNumber: '2026000001',
        jobTitle: '软件开发工程师',
      },
    ])
  })
})
