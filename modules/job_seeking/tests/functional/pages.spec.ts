import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import moduleSwitches from '#core/modules/module_switches'
import { as } from '#tests/helpers/requests'
import { hiringWorld } from '#modules/job_seeking/tests/helpers'

test.group('Job seeking pages render (招聘职位, 求职记录, 我的简历, 职位管理)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('every page of the module answers for its actor', async ({ client, assert }) => {
    const world = await hiringWorld()
    const host = 'njsf.localhost'
    // Only this module's widgets on the home pages (the other modules have their own tests).
    for (const other of ['events', 'procedures'])
      await moduleSwitches.setEnabled(world.njsfSite, other, false)
    const publicPages = [
      '/jobs',
      `/jobs/${world.devJob.id}`,
      `/companies/${world.company.id}`,
      '/',
      '/jobs?keyword=南京&sort=salary',
    ]
    for (const url of publicPages) {
      const r = await client.get(url).header('host', host)
      assert.equal(r.status(), 200, `${url}: ${r.text().slice(0, 300)}`)
      assert.notMatch(r.text(), /@!?[a-zA-Z_]+\(/, `${url} shows an unrendered Edge tag`)
    }
    const resumeId = world.zhangResumes[0].id
    const studentPages = [
      '/student',
      '/student/jobs',
      '/student/intention',
      '/student/resumes',
      `/student/resumes/${resumeId}`,
      `/student/resumes/${resumeId}/preview`,
      '/student/records',
      '/student/records?tab=interviews',
      '/student/records?tab=favourites',
      `/student/jobs/${world.devJob.id}/apply`,
      `/jobs/${world.devJob.id}`,
    ]
    for (const url of studentPages) {
      const r = await as(client, world.zhang, { site: 'njsf' }).visit(url)
      assert.equal(r.status(), 200, `${url}: ${r.text().slice(0, 500)}`)
      assert.notMatch(r.text(), /@!?[a-zA-Z_]+\(/, `${url} shows an unrendered Edge tag`)
    }
    const employerPages = [
      '/employer/jobs',
      '/employer/jobs/new',
      `/employer/jobs/${world.devJob.id}/edit`,
      '/employer/applications',
    ]
    for (const url of employerPages) {
      const r = await as(client, world.hr).visit(url)
      assert.equal(r.status(), 200, `${url}: ${r.text().slice(0, 500)}`)
      assert.notMatch(r.text(), /@!?[a-zA-Z_]+\(/, `${url} shows an unrendered Edge tag`)
    }
  }).timeout(120_000)
})
