import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { as, guest } from '#tests/helpers/requests'
import { route } from '#tests/helpers/urls'
import JobApplication from '#modules/job_seeking/models/job_application'
import jobSearch from '#modules/job_seeking/services/job_search'
import jobPosting from '#modules/job_seeking/services/job_posting'
import applications from '#modules/job_seeking/services/applications'
import resumes from '#modules/job_seeking/services/resumes'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import { hiringWorld } from '#modules/job_seeking/tests/helpers'

const njsf = { site: 'njsf' }

test.group('招聘职位: visibility and Chinese keyword search', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('jobs of an unverified employer never show (list, detail, company page)', async ({
    client,
    assert,
  }) => {
    await hiringWorld()
    const { employer: pending } = await world.employer({ name: '待审核单位', verified: false })
    const hidden = await JobFactory.merge({
      employerId: pending.id,
      title: '隐藏的会计职位',
    }).create()
    const list = await guest(client, njsf).visit('/jobs?keyword=隐藏')
    assert.notInclude(list.text(), '隐藏的会计职位')
    assert.equal((await guest(client, njsf).visit(`/jobs/${hidden.id}`)).status(), 404)
    assert.equal((await guest(client, njsf).visit(`/companies/${pending.id}`)).status(), 404)
  })

  test('two-character Chinese terms match title and company name (会计, 南京, 示范科技)', async ({
    assert,
  }) => {
    await hiringWorld()
    const { employer: other } = await world.employer({ name: '江苏会计师事务所' })
    await JobFactory.merge({ employerId: other.id, title: '会计助理' }).create()
    await JobFactory.merge({ employerId: other.id, title: '行政专员' }).create()
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
    const { company } = await hiringWorld()
    company.name = '新示范软件集团'
    await company.save()
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
    const { company } = await hiringWorld()
    // 25 visible jobs (with 软件开发工程师): a second page of 5.
    await JobFactory.merge({ employerId: company.id, title: '会计助理' }).create()
    await JobFactory.merge({ employerId: company.id, city: '苏州市' }).createMany(3)
    await JobFactory.merge({ employerId: company.id }).createMany(20)
    await JobFactory.apply('closed')
      .merge({ employerId: company.id, title: '已关闭的职位' })
      .create()
    await JobFactory.merge({
      employerId: company.id,
      title: '已过期的职位',
      deadline: DateTime.now().minus({ days: 1 }),
    }).create()
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
    assert.lengthOf(second.items, 5)
    assert.isFalse(second.hasMore)
    assert.isEmpty(first.items.filter((j) => second.items.some((k) => k.id === j.id)))
    const page = await guest(client, njsf).visit('/jobs')
    assert.include(page.text(), '更多')
    assert.include(page.text(), 'href="/jobs?page=2"')
    const fragment = await guest(client, njsf)
      .visit('/jobs?keyword=会计')
      .header('hx-request', 'true')
    assert.notInclude(fragment.text(), '<html')
    assert.include(fragment.text(), '会计助理')
  })
})

test.group('申请职位 and 收藏职位', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('with several resumes the student must choose one', async ({ client, assert }) => {
    const { zhang, devJob, zhangResumes } = await hiringWorld({ resumes: 2 })
    const response = await as(client, zhang, njsf).postForm(`/student/jobs/${devJob.id}/apply`)
    response.assertFlashMessage('errorsBag', { resume_id: '请选择要投递的简历' })
    assert.isNull(
      await JobApplication.query().where('job_id', devJob.id).where('user_id', zhang.id).first()
    )
    await as(client, zhang, njsf).postForm(`/student/jobs/${devJob.id}/apply`, {
      resume_id: zhangResumes[1].id,
    })
    const application = await JobApplication.query()
      .where('job_id', devJob.id)
      .where('user_id', zhang.id)
      .firstOrFail()
    assert.equal(application.resumeId, zhangResumes[1].id)
    const message = await db
      .from('messages')
      .where('user_id', zhang.id)
      .where('dedupe_key', `job-application-${application.id}`)
      .first()
    assert.exists(message)
  })

  test('one application per student per job: a concurrent double click creates one', async ({
    client,
    assert,
  }) => {
    const { zhang, devJob, zhangResumes } = await hiringWorld()
    const send = () =>
      as(client, zhang, njsf).postForm(`/student/jobs/${devJob.id}/apply`, {
        resume_id: zhangResumes[0].id,
      })
    await Promise.all([send(), send(), send()])
    const count = await db
      .from('job_applications')
      .where('job_id', devJob.id)
      .where('user_id', zhang.id)
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
    const { zhang, company, zhangResumes } = await hiringWorld()
    const closed = await JobFactory.apply('closed')
      .merge({ employerId: company.id, title: '停止招聘的职位' })
      .create()
    const expired = await JobFactory.merge({
      employerId: company.id,
      title: '截止的职位',
      deadline: DateTime.now().minus({ hours: 1 }),
    }).create()
    const form = { resume_id: zhangResumes[0].id }
    const r1 = await as(client, zhang, njsf).postForm(`/student/jobs/${closed.id}/apply`, form)
    r1.assertFlashMessage('error', '该职位已停止招聘，无法申请')
    const r2 = await as(client, zhang, njsf).postForm(`/student/jobs/${expired.id}/apply`, form)
    r2.assertFlashMessage('error', '该职位已过报名截止日期，无法申请')
    // Over htmx the refusal is a toast (422, nothing swapped), never a second page.
    const r3 = await as(client, zhang, njsf).htmx(`/student/jobs/${closed.id}/apply`, form)
    r3.assertStatus(422)
    assert.include(String(r3.header('hx-trigger')), 'toast')
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
    const { zhang, devJob } = await hiringWorld()
    const toggle = () => as(client, zhang, njsf).htmx(`/student/jobs/${devJob.id}/favourite`)
    const on = await toggle()
    assert.include(on.text(), '已收藏')
    assert.notInclude(on.text(), '<html')
    const tab = await as(client, zhang, njsf).visit('/student/records?tab=favourites')
    assert.include(tab.text(), '软件开发工程师')
    const off = await toggle()
    assert.include(off.text(), '收藏职位')
    assert.equal(
      Number(
        (await db.from('job_favourites').where('user_id', zhang.id).count('* as total').first())
          .total
      ),
      0
    )
  })

  test('a visitor who clicks 申请职位 is asked to log in and comes back to the job', async ({
    client,
    assert,
  }) => {
    const { devJob } = await hiringWorld()
    const r = await guest(client, njsf).visit(`/student/jobs/${devJob.id}/apply`).redirects(0)
    assert.equal(r.status(), 302)
    assert.include(
      r.header('location'),
      `/login?redirect=${encodeURIComponent(`/student/jobs/${devJob.id}/apply`)}`
    )
  })

  test('another student cannot open an application of 张三 (404) and the tab is his own', async ({
    client,
    assert,
  }) => {
    const { zhang, wang, devJob, zhangResumes } = await hiringWorld()
    const { application: mine } = await applications.apply(zhang, devJob.id, zhangResumes[0].id)
    const ok = await as(client, zhang, njsf).visit(`/student/applications/${mine.id}`)
    assert.equal(ok.status(), 200)
    const other = await as(client, wang, { site: 'szsf' }).visit(`/student/applications/${mine.id}`)
    assert.equal(other.status(), 404)
    const records = await as(client, wang, { site: 'szsf' }).visit('/student/records')
    assert.notInclude(records.text(), '软件开发工程师')
  })
})

test.group('职位管理 (employer)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  const posting = {
    title: '嵌入式工程师',
    category: '软件开发',
    nature: '全职',
    city: '南京市',
    salary_min: '9000',
    salary_max: '14000',
    description: '负责嵌入式软件开发与调试工作。',
  }

  test('posts a job with dictionary values, errors beside the fields, closes and reopens it', async ({
    client,
    assert,
  }) => {
    const { hr } = await hiringWorld()
    const bad = await as(client, hr).postForm('/employer/jobs', { ...posting, city: '不存在市' })
    bad.assertFlashMessage('errorsBag', { city: '请从列表中选择' })
    // The old input comes back with the errors.
    bad.assertFlashMessage('title', '嵌入式工程师')
    const missing = await as(client, hr).postForm('/employer/jobs', {
      category: '软件开发',
      nature: '全职',
      city: '南京市',
    })
    assert.equal(missing.status(), 302)
    const good = await as(client, hr).postForm('/employer/jobs', posting)
    assert.equal(good.header('location'), '/employer/jobs')
    const job = await db.from('jobs').where('title', '嵌入式工程师').firstOrFail()
    assert.equal(job.province, '江苏省')
    // 停止招聘 / 重新开放 are row actions of the 职位管理 resource.
    const closed = await as(client, hr).postForm(`/employer/jobs/${job.id}/actions/close`)
    closed.assertFlashMessage('success', '职位「嵌入式工程师」已停止招聘')
    assert.equal((await db.from('jobs').where('id', job.id).first()).status, 'closed')
    assert.notInclude(
      (await jobSearch.list({ keyword: '嵌入式' })).items.map((j) => j.id),
      job.id
    )
    await as(client, hr).postForm(`/employer/jobs/${job.id}/actions/reopen`)
    assert.include(
      (await jobSearch.list({ keyword: '嵌入式' })).items.map((j) => j.id),
      job.id
    )
    const audit = await db
      .from('audit_logs')
      .where('subject_type', 'job')
      .where('subject_id', String(job.id))
      .orderBy('id')
      .select('action')
    assert.deepEqual(
      audit.map((a: any) => a.action),
      ['job.close', 'job.reopen']
    )
  })

  test('the list: tabs with counts by state, search, applicants, the record with its applicants', async ({
    client,
    assert,
  }) => {
    const { hr, company, zhang, devJob, zhangResumes } = await hiringWorld()
    await JobFactory.apply('closed').merge({ employerId: company.id, title: '测试工程师' }).create()
    const { employer: other } = await world.employer({ name: '他单位' })
    await JobFactory.merge({ employerId: other.id, title: '他单位的职位' }).create()
    await applications.apply(zhang, devJob.id, zhangResumes[0].id)

    const list = await as(client, hr).visit(route('employer.jobs.index'))
    list.assertStatus(200)
    assert.match(list.text(), /data-tab="all">[^<]*<span class="badge-count">2</)
    assert.match(list.text(), /data-tab="open">[^<]*<span class="badge-count">1</)
    assert.match(list.text(), /data-tab="closed">[^<]*<span class="badge-count">1</)
    assert.include(list.text(), '软件开发工程师')
    assert.notInclude(list.text(), '他单位的职位')
    const closedTab = await as(client, hr).visit('/employer/jobs?tab=closed')
    assert.include(closedTab.text(), '测试工程师')
    assert.notInclude(closedTab.text(), '软件开发工程师')
    const found = await as(client, hr).visit('/employer/jobs?q=测试')
    assert.include(found.text(), '测试工程师')
    assert.notInclude(found.text(), '软件开发工程师')

    const record = await as(client, hr).visit(`/employer/jobs/${devJob.id}`)
    record.assertStatus(200)
    assert.include(record.text(), '应聘学生')
    assert.include(record.text(), '张三')
    assert.include(record.text(), `/employer/jobs/${devJob.id}/edit`)
  })

  test('应聘管理: search, filter by job, decisions as row actions, 应聘详情 marks 已查看', async ({
    client,
    assert,
  }) => {
    const { hr, company, zhang, wang, devJob, zhangResumes } = await hiringWorld()
    const testJob = await JobFactory.merge({ employerId: company.id, title: '测试工程师' }).create()
    const { application: zhangs } = await applications.apply(zhang, devJob.id, zhangResumes[0].id)
    const wangResume = await resumes.create(wang, '王五的简历')
    const { application: wangs } = await applications.apply(wang, testJob.id, wangResume.id)
    const rows = async (url: string) =>
      [...(await as(client, hr).visit(url)).text().matchAll(/<tr data-row="(\d+)"/g)].map((m) =>
        Number(m[1])
      )
    assert.sameMembers(await rows('/employer/applications'), [zhangs.id, wangs.id])
    assert.deepEqual(await rows('/employer/applications?q=张三'), [zhangs.id])
    assert.deepEqual(await rows('/employer/applications?q=测试工程师'), [wangs.id])
    assert.deepEqual(await rows(`/employer/applications?f_job=${testJob.id}`), [wangs.id])

    const rejected = await as(client, hr).postForm(
      `/employer/applications/${zhangs.id}/actions/rejected`
    )
    rejected.assertFlashMessage('success', '已标记为「不合适」')
    assert.equal((await JobApplication.findOrFail(zhangs.id)).status, 'rejected')
    assert.exists(
      await db
        .from('messages')
        .where('user_id', zhang.id)
        .where('dedupe_key', `job-application-${zhangs.id}-rejected`)
        .first()
    )
    // A finished application offers no decision any more.
    const stale = await as(client, hr).postForm(`/employer/applications/${zhangs.id}/actions/hired`)
    stale.assertFlashMessage('error', '当前状态不能执行此操作')
    assert.equal((await JobApplication.findOrFail(zhangs.id)).status, 'rejected')

    const detail = await as(client, hr).visit(`/employer/applications/${wangs.id}`)
    detail.assertStatus(200)
    assert.include(detail.text(), '王五 · 测试工程师')
    assert.equal((await JobApplication.findOrFail(wangs.id)).status, 'viewed')
  })

  test('an employer not yet verified cannot publish jobs', async ({ client, assert }) => {
    const { hr, company } = await hiringWorld()
    company.status = 'pending'
    await company.save()
    const r = await as(client, hr).postForm('/employer/jobs', {
      ...posting,
      title: '待审核单位的职位',
    })
    // Refused (by the employer area's own check, or by the posting rule below), never created.
    assert.equal(r.status(), 302)
    assert.isNull(await db.from('jobs').where('title', '待审核单位的职位').first())
    await assert.rejects(
      () =>
        jobPosting.create(company, {
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
    const { hr, zhang, zhangResumes } = await hiringWorld()
    const { employer: other } = await world.employer({ name: '他单位' })
    const otherJob = await JobFactory.merge({ employerId: other.id }).create()
    const { application: foreign } = await applications.apply(
      zhang,
      otherJob.id,
      zhangResumes[0].id
    )
    assert.equal((await as(client, hr).visit(`/employer/jobs/${otherJob.id}/edit`)).status(), 404)
    assert.equal((await as(client, hr).visit(`/employer/jobs/${otherJob.id}`)).status(), 404)
    const close = await as(client, hr).postForm(`/employer/jobs/${otherJob.id}/actions/close`)
    assert.equal(close.status(), 404)
    assert.equal((await db.from('jobs').where('id', otherJob.id).first()).status, 'open')
    assert.equal((await as(client, hr).visit(`/employer/applications/${foreign.id}`)).status(), 404)
  })
})
