import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Employer from '#core/accounts/models/employer'
import JobApplication from '#modules/job_seeking/models/job_application'
import jobSearch from '#modules/job_seeking/services/job_search'
import jobPosting from '#modules/job_seeking/services/job_posting'
import { makeJob, seedWorld } from '#modules/job_seeking/tests/helpers'

const host = 'njsf.localhost'

test.group('招聘职位: visibility and Chinese keyword search', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('jobs of an unverified employer never show (list, detail, company page)', async ({
    client,
    assert,
  }) => {
    await seedWorld()
    const pending = await Employer.create({
      name: '待审核单位',
      uscc: '91320100MA1PEND001',
      status: 'pending',
    })
    const hidden = await makeJob(pending.id, '隐藏的会计职位')
    const list = await client.get('/jobs?keyword=隐藏').header('host', host)
    assert.notInclude(list.text(), '隐藏的会计职位')
    assert.equal((await client.get(`/jobs/${hidden.id}`).header('host', host)).status(), 404)
    assert.equal((await client.get(`/companies/${pending.id}`).header('host', host)).status(), 404)
  })

  test('two-character Chinese terms match title and company name (会计, 南京, 示范科技)', async ({
    assert,
  }) => {
    await seedWorld()
    const accounting = await jobSearch.list({ keyword: '会计' })
    assert.include(
      accounting.items.map((j) => j.title),
      '会计助理'
    )
    assert.isTrue(accounting.items.every((j) => (j.title + j.employerName).includes('会计')))
    const byCompany = await jobSearch.list({ keyword: '示范科技' })
    assert.include(
      byCompany.items.map((j) => j.title),
      '软件开发工程师'
    )
    assert.isTrue(byCompany.items.every((j) => j.employerName === '示范科技有限公司'))
    const both = await jobSearch.list({ keyword: '软件 开发' })
    assert.include(
      both.items.map((j) => j.title),
      '软件开发工程师'
    )
    const none = await jobSearch.list({ keyword: '不存在的职位名' })
    assert.lengthOf(none.items, 0)
    // A LIKE wildcard typed by the user is a literal character.
    assert.lengthOf((await jobSearch.list({ keyword: '%' })).items, 0)
  })

  test('a renamed company is found under its new name', async ({ assert }) => {
    const world = await seedWorld()
    world.company.name = '新示范软件集团'
    await world.company.save()
    const found = await jobSearch.list({ keyword: '软件集团' })
    assert.include(
      found.items.map((j) => j.title),
      '软件开发工程师'
    )
  })

  test('filters, 更多 paging without a total, closed and expired jobs left out', async ({
    assert,
    client,
  }) => {
    const world = await seedWorld()
    await makeJob(world.company.id, '已关闭的职位', { status: 'closed' })
    await makeJob(world.company.id, '已过期的职位', { deadline: DateTime.now().minus({ days: 1 }) })
    const all = await jobSearch.list({ city: '南京市' })
    assert.isTrue(all.items.every((j) => j.city === '南京市'))
    assert.notInclude(
      all.items.map((j) => j.title),
      '已关闭的职位'
    )
    assert.notInclude(
      all.items.map((j) => j.title),
      '已过期的职位'
    )
    const first = await jobSearch.list({})
    assert.lengthOf(first.items, 20)
    assert.isTrue(first.hasMore)
    const second = await jobSearch.list({ page: 2 })
    assert.isFalse(second.hasMore)
    assert.isEmpty(first.items.filter((j) => second.items.some((k) => k.id === j.id)))
    const page = await client.get('/jobs').header('host', host)
    assert.include(page.text(), '更多')
    assert.include(page.text(), 'href="/jobs?page=2"')
    const fragment = await client
      .get('/jobs?keyword=会计')
      .header('host', host)
      .header('hx-request', 'true')
    assert.notInclude(fragment.text(), '<html')
    assert.include(fragment.text(), '会计助理')
  })
})

test.group('申请职位 and 收藏职位', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('with several resumes the student must choose one', async ({ client, assert }) => {
    const world = await seedWorld()
    const response = await client
      .post(`/student/jobs/${world.devJob.id}/apply`)
      .header('host', host)
      .loginAs(world.studentZhang)
      .withCsrfToken()
      .form({})
      .redirects(0)
    response.assertFlashMessage('errorsBag', { resume_id: '请选择要投递的简历' })
    assert.isNull(
      await JobApplication.query()
        .where('job_id', world.devJob.id)
        .where('user_id', world.studentZhang.id)
        .first()
    )
    await client
      .post(`/student/jobs/${world.devJob.id}/apply`)
      .header('host', host)
      .loginAs(world.studentZhang)
      .withCsrfToken()
      .form({ resume_id: world.zhangResumes[1].id })
      .redirects(0)
    const application = await JobApplication.query()
      .where('job_id', world.devJob.id)
      .where('user_id', world.studentZhang.id)
      .firstOrFail()
    assert.equal(application.resumeId, world.zhangResumes[1].id)
    const message = await db
      .from('messages')
      .where('user_id', world.studentZhang.id)
      .where('dedupe_key', `job-application-${application.id}`)
      .first()
    assert.exists(message)
  })

  test('one application per student per job: a concurrent double click creates one', async ({
    client,
    assert,
  }) => {
    const world = await seedWorld()
    const send = () =>
      client
        .post(`/student/jobs/${world.devJob.id}/apply`)
        .header('host', host)
        .loginAs(world.studentZhang)
        .withCsrfToken()
        .form({ resume_id: world.zhangResumes[0].id })
        .redirects(0)
    await Promise.all([send(), send(), send()])
    const count = await db
      .from('job_applications')
      .where('job_id', world.devJob.id)
      .where('user_id', world.studentZhang.id)
      .count('* as total')
      .first()
    assert.equal(Number(count.total), 1)
    const again = await send()
    again.assertFlashMessage('error', '您已申请过该职位，可在「求职记录」中查看进度')
  })

  test('closed or expired jobs refuse the application with a clear message', async ({
    client,
    assert,
  }) => {
    const world = await seedWorld()
    const closed = await makeJob(world.company.id, '停止招聘的职位', { status: 'closed' })
    const expired = await makeJob(world.company.id, '截止的职位', {
      deadline: DateTime.now().minus({ hours: 1 }),
    })
    const r1 = await client
      .post(`/student/jobs/${closed.id}/apply`)
      .header('host', host)
      .loginAs(world.studentZhang)
      .withCsrfToken()
      .form({ resume_id: world.zhangResumes[0].id })
      .redirects(0)
    r1.assertFlashMessage('error', '该职位已停止招聘，无法申请')
    const r2 = await client
      .post(`/student/jobs/${expired.id}/apply`)
      .header('host', host)
      .loginAs(world.studentZhang)
      .withCsrfToken()
      .form({ resume_id: world.zhangResumes[0].id })
      .redirects(0)
    r2.assertFlashMessage('error', '该职位已过报名截止日期，无法申请')
    assert.equal(
      Number(
        (
          await db
            .from('job_applications')
            .whereIn('job_id', [closed.id, expired.id])
            .count('* as total')
            .first()
        ).total
      ),
      0
    )
  })

  test('收藏职位 toggles in place and shows under 我的收藏', async ({ client, assert }) => {
    const world = await seedWorld()
    const toggle = () =>
      client
        .post(`/student/jobs/${world.devJob.id}/favourite`)
        .header('host', host)
        .header('hx-request', 'true')
        .loginAs(world.studentZhang)
        .withCsrfToken()
    const on = await toggle()
    assert.include(on.text(), '已收藏')
    assert.notInclude(on.text(), '<html')
    const tab = await client
      .get('/student/records?tab=favourites')
      .header('host', host)
      .loginAs(world.studentZhang)
    assert.include(tab.text(), '软件开发工程师')
    const off = await toggle()
    assert.include(off.text(), '收藏职位')
    assert.equal(
      Number(
        (
          await db
            .from('job_favourites')
            .where('user_id', world.studentZhang.id)
            .count('* as total')
            .first()
        ).total
      ),
      0
    )
  })

  test('a visitor who clicks 申请职位 is asked to log in and comes back to the job', async ({
    client,
    assert,
  }) => {
    const world = await seedWorld()
    const r = await client
      .get(`/student/jobs/${world.devJob.id}/apply`)
      .header('host', host)
      .redirects(0)
    assert.equal(r.status(), 302)
    assert.include(
      r.header('location'),
      `/login?redirect=${encodeURIComponent(`/student/jobs/${world.devJob.id}/apply`)}`
    )
  })

  test('another student cannot open an application of 张三 (404) and the tab is his own', async ({
    client,
    assert,
  }) => {
    const world = await seedWorld()
    const mine = await JobApplication.query().where('user_id', world.studentZhang.id).firstOrFail()
    const ok = await client
      .get(`/student/applications/${mine.id}`)
      .header('host', host)
      .loginAs(world.studentZhang)
    assert.equal(ok.status(), 200)
    const other = await client
      .get(`/student/applications/${mine.id}`)
      .header('host', 'szsf.localhost')
      .loginAs(world.studentWang)
    assert.equal(other.status(), 404)
    const records = await client
      .get('/student/records')
      .header('host', 'szsf.localhost')
      .loginAs(world.studentWang)
    assert.notInclude(records.text(), '前端开发工程师')
  })
})

test.group('职位管理 (employer)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('posts a job with dictionary values, errors beside the fields, closes and reopens it', async ({
    client,
    assert,
  }) => {
    const world = await seedWorld()
    const bad = await client
      .post('/employer/jobs')
      .loginAs(world.employerUser)
      .withCsrfToken()
      .form({
        title: '嵌入式工程师',
        category: '软件开发',
        nature: '全职',
        city: '不存在市',
        description: '负责嵌入式软件开发与调试工作。',
      })
      .redirects(0)
    bad.assertFlashMessage('errorsBag', { city: '请从列表中选择' })
    const missing = await client
      .post('/employer/jobs')
      .loginAs(world.employerUser)
      .withCsrfToken()
      .form({ category: '软件开发', nature: '全职', city: '南京市' })
      .redirects(0)
    assert.equal(missing.status(), 302)
    const good = await client
      .post('/employer/jobs')
      .loginAs(world.employerUser)
      .withCsrfToken()
      .form({
        title: '嵌入式工程师',
        category: '软件开发',
        nature: '全职',
        city: '南京市',
        salary_min: '9000',
        salary_max: '14000',
        description: '负责嵌入式软件开发与调试工作。',
      })
      .redirects(0)
    assert.equal(good.header('location'), '/employer/jobs')
    const job = await db.from('jobs').where('title', '嵌入式工程师').firstOrFail()
    assert.equal(job.province, '江苏省')
    await client
      .post(`/employer/jobs/${job.id}/close`)
      .loginAs(world.employerUser)
      .withCsrfToken()
      .redirects(0)
    assert.equal((await db.from('jobs').where('id', job.id).first()).status, 'closed')
    assert.notInclude(
      (await jobSearch.list({ keyword: '嵌入式' })).items.map((j) => j.id),
      job.id
    )
    await client
      .post(`/employer/jobs/${job.id}/reopen`)
      .loginAs(world.employerUser)
      .withCsrfToken()
      .redirects(0)
    assert.include(
      (await jobSearch.list({ keyword: '嵌入式' })).items.map((j) => j.id),
      job.id
    )
  })

  test('an employer not yet verified cannot publish jobs', async ({ client, assert }) => {
    const world = await seedWorld()
    world.company.status = 'pending'
    await world.company.save()
    const r = await client
      .post('/employer/jobs')
      .loginAs(world.employerUser)
      .withCsrfToken()
      .form({
        title: '待审核单位的职位',
        category: '软件开发',
        nature: '全职',
        city: '南京市',
        description: '负责软件开发相关工作。',
      })
      .redirects(0)
    // Refused (by the employer area's own check, or by the posting rule below), never created.
    assert.equal(r.status(), 302)
    assert.isNull(await db.from('jobs').where('title', '待审核单位的职位').first())
    await assert.rejects(
      () =>
        jobPosting.create(world.company, {
          title: '待审核单位的职位',
          category: '软件开发',
          nature: '全职',
          city: '南京市',
          description: '负责软件开发相关工作。',
        }),
      '单位尚未通过审核，审核通过后才能发布职位'
    )
    // Its existing jobs no longer show to students either.
    assert.lengthOf((await jobSearch.list({ keyword: '示范科技' })).items, 0)
  })

  test('an employer cannot touch another employer’s job or applications', async ({
    client,
    assert,
  }) => {
    const world = await seedWorld()
    const otherJob = world.jobs.find((j) => j.employerId !== world.company.id)!
    assert.equal(
      (await client.get(`/employer/jobs/${otherJob.id}/edit`).loginAs(world.employerUser)).status(),
      404
    )
    const foreign = await JobApplication.query()
      .whereNot('employer_id', world.company.id)
      .firstOrFail()
    assert.equal(
      (
        await client.get(`/employer/applications/${foreign.id}`).loginAs(world.employerUser)
      ).status(),
      404
    )
  })
})
