import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import type Job from '#modules/job_seeking/models/job'
import JobApplication from '#modules/job_seeking/models/job_application'
import jobDirectory from '#modules/job_seeking/services/job_directory'

test.group('Job directory (service other modules use)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('open jobs of an employer leave out closed, expired jobs and unverified employers', async ({
    assert,
  }) => {
    const { employer: company } = await world.employer()
    const jobOf = (employerId: number, title: string, extra: Partial<Job> = {}) =>
      JobFactory.merge({ employerId, title, ...extra })
    const open = await jobOf(company.id, '软件开发工程师').create()
    await jobOf(company.id, '已关闭职位').apply('closed').create()
    await jobOf(company.id, '已过期职位', { deadline: DateTime.now().minus({ days: 1 }) }).create()
    const { employer: pending } = await world.employer({ verified: false })
    const hidden = await jobOf(pending.id, '未审核单位职位').create()

    const jobs = await jobDirectory.openJobsOf(company.id)
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
    assert.equal(jobDirectory.companyUrl(company.id), `/companies/${company.id}`)
  })

  test('applicants of an employer are the students who applied to its jobs', async ({ assert }) => {
    const { school } = await world.school()
    const { graduate, user: zhang } = await world.student(school, { name: '张三' })
    const { employer: company } = await world.employer()
    const job = await JobFactory.merge({ employerId: company.id, title: '软件开发工程师' }).create()
    await JobApplication.create({
      jobId: job.id,
      employerId: company.id,
      userId: zhang.id,
      schoolId: school.id,
      status: 'submitted',
    })
    const applicants = await jobDirectory.applicantsOf(company.id)
    assert.deepEqual(applicants, [
      {
        userId: zhang.id,
        name: '张三',
        schoolId: school.id,
        studentNumber: graduate.studentNumber,
        jobTitle: '软件开发工程师',
      },
    ])
  })
})
