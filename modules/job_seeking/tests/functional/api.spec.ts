import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Employer from '#core/accounts/models/employer'
import Job from '#modules/job_seeking/models/job'
import JobApplication from '#modules/job_seeking/models/job_application'
import interviews from '#modules/job_seeking/services/interviews'
import resumes from '#modules/job_seeking/services/resumes'
import { makeJob, hiringWorld } from '#modules/job_seeking/tests/helpers'
import { tokenFor } from '#tests/functional/api/token'
import { api } from '#tests/helpers/requests'

const MAIN = 'localhost'

test.group(
  'Job-seeking API: 招聘职位, 单位, 求职意向, 简历, 申请 / 收藏, 求职记录, 面试',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('jobs: the page’s keyword and filters, 20 a page with has_more, no unverified employer', async ({
      client,
      assert,
    }) => {
      const world = await hiringWorld()
      const pending = await Employer.create({
        name: '待审核公司',
        uscc: '91320000MA00000001',
        status: 'pending',
      } as any)
      await makeJob(pending.id, '隐藏职位')
      const list = await api(client, { site: 'njsf' })
        .get('/api/v1/jobs')
        .qs({ keyword: '软件开发' })
      list.assertStatus(200)
      const titles = list.body().data.map((j: any) => j.title)
      assert.include(titles, '软件开发工程师')
      assert.notInclude(titles, '隐藏职位')
      assert.containsSubset(list.body().meta, { page: 1, per_page: 20 })
      assert.notProperty(list.body().meta, 'total')
      const dev = list.body().data.find((j: any) => j.title === '软件开发工程师')
      assert.containsSubset(dev, { id: world.devJob.id, url: `/jobs/${world.devJob.id}` })
      assert.isString(dev.salary)
      for (let i = 0; i < 21; i++) await makeJob(world.company.id, `批量职位 ${i}`)
      const first = await api(client, { site: 'njsf' })
        .get('/api/v1/jobs')
        .qs({ keyword: '批量职位' })
      assert.lengthOf(first.body().data, 20)
      assert.isTrue(first.body().meta.has_more)
      const second = await api(client, { site: 'njsf' })
        .get('/api/v1/jobs')
        .qs({ keyword: '批量职位', page: 2 })
      assert.lengthOf(second.body().data, 1)
      assert.isFalse(second.body().meta.has_more)
      const hidden = await Job.findByOrFail('title', '隐藏职位')
      const detail = await api(client, { site: 'njsf' }).get(`/api/v1/jobs/${hidden.id}`)
      detail.assertStatus(404)
      const shown = await api(client, { site: 'njsf' }).get(`/api/v1/jobs/${world.devJob.id}`)
      shown.assertStatus(200)
      assert.containsSubset(shown.body().data, {
        id: world.devJob.id,
        status: 'open',
        closed_reason: null,
      })
    })

    test('jobs updated_since: only postings changed since then', async ({ client, assert }) => {
      const world = await hiringWorld()
      await db.from('jobs').update({ updated_at: '2020-01-01 00:00:00' })
      await makeJob(world.company.id, '新发布职位')
      const response = await api(client, { site: 'njsf' })
        .get('/api/v1/jobs')
        .qs({ updated_since: '2021-01-01T00:00:00+08:00' })
      assert.deepEqual(
        response.body().data.map((j: any) => j.title),
        ['新发布职位']
      )
    })

    test('companies: verified employers only, with their open jobs', async ({ client, assert }) => {
      const world = await hiringWorld()
      const pending = await Employer.create({
        name: '待审核公司',
        uscc: '91320000MA00000002',
        status: 'pending',
      } as any)
      const list = await api(client, { site: 'njsf' }).get('/api/v1/companies').qs({ per_page: 50 })
      list.assertStatus(200)
      const names = list.body().data.map((c: any) => c.name)
      assert.include(names, world.company.name)
      assert.notInclude(names, '待审核公司')
      const detail = await api(client, { site: 'njsf' }).get(
        `/api/v1/companies/${world.company.id}`
      )
      detail.assertStatus(200)
      assert.isAbove(detail.body().data.jobs.length, 0)
      const hidden = await api(client, { site: 'njsf' }).get(`/api/v1/companies/${pending.id}`)
      hidden.assertStatus(404)
    })

    test('intention and subscription: read and save through the page’s validator and dictionaries', async ({
      client,
      assert,
    }) => {
      const world = await hiringWorld()
      const token = await tokenFor(world.zhang)
      const saved = await api(client, { site: 'njsf', token }).put('/api/v1/me/intention', {
        type: 'employment',
        cities: ['南京市'],
        subscribed: true,
        frequency: 'daily',
      })
      saved.assertStatus(200)
      assert.containsSubset(saved.body().data, {
        type: 'employment',
        cities: ['南京市'],
        subscribed: true,
        frequency: 'daily',
      })
      const read = await api(client, { site: 'njsf', token }).get('/api/v1/me/intention')
      assert.deepEqual(read.body().data.cities, ['南京市'])
      const notInDictionary = await api(client, { site: 'njsf', token }).put(
        '/api/v1/me/intention',
        { type: 'employment', cities: ['火星'] }
      )
      notInDictionary.assertStatus(422)
      assert.equal(notInDictionary.body().error.fields.cities, '请从列表中选择')
      const badType = await api(client, { site: 'njsf', token }).put('/api/v1/me/intention', {
        type: 'lottery',
      })
      badType.assertStatus(422)
      assert.property(badType.body().error.fields, 'type')
    })

    test('resumes: list and PDF of one’s own; another student’s resume PDF is 404', async ({
      client,
      assert,
    }) => {
      const world = await hiringWorld({ resumes: 2 })
      const zhang = await tokenFor(world.zhang)
      const list = await api(client, { site: 'njsf', token: zhang }).get('/api/v1/me/resumes')
      list.assertStatus(200)
      assert.lengthOf(list.body().data, 2)
      const resume = list.body().data[0]
      assert.equal(resume.pdf_url, `/api/v1/me/resumes/${resume.id}/pdf`)
      const pdf = await api(client, { site: 'njsf', token: zhang }).get(resume.pdf_url)
      pdf.assertStatus(200)
      assert.equal(pdf.header('content-type'), 'application/pdf')
      const wangResume = await resumes.create(world.wang, '王五的简历')
      const foreign = await api(client, { site: 'njsf', token: zhang }).get(
        `/api/v1/me/resumes/${wangResume.id}/pdf`
      )
      foreign.assertStatus(404)
      assert.equal(foreign.body().error.code, 'not_found')
    })

    test('apply and favourite: the page’s rules (resume choice, once per job); records list them', async ({
      client,
      assert,
    }) => {
      const world = await hiringWorld({ resumes: 2 })
      const token = await tokenFor(world.zhang)
      const jobId = world.devJob.id
      const noChoice = await api(client, { site: 'njsf', token }).post(
        `/api/v1/jobs/${jobId}/applications`,
        {}
      )
      noChoice.assertStatus(422)
      assert.match(noChoice.body().error.message, /简历/)
      const resumeId = world.zhangResumes[0].id
      const applied = await api(client, { site: 'njsf', token }).post(
        `/api/v1/jobs/${jobId}/applications`,
        { resume_id: resumeId }
      )
      applied.assertStatus(200)
      assert.containsSubset(applied.body().data, {
        status: 'submitted',
        status_label: '已投递',
        job: { id: jobId },
      })
      const twice = await api(client, { site: 'njsf', token }).post(
        `/api/v1/jobs/${jobId}/applications`,
        { resume_id: resumeId }
      )
      twice.assertStatus(422)
      const fav = await api(client, { site: 'njsf', token }).post(`/api/v1/jobs/${jobId}/favourite`)
      assert.deepEqual(fav.body().data, { job_id: jobId, favourite: true })
      const records = await api(client, { site: 'njsf', token }).get('/api/v1/me/applications')
      assert.equal(records.body().data[0].job.id, jobId)
      const favourites = await api(client, { site: 'njsf', token }).get('/api/v1/me/favourites')
      const favourite = favourites.body().data.find((f: any) => f.job.id === jobId)
      assert.equal(favourite.application_id, applied.body().data.id)
      const unfav = await api(client, { site: 'njsf', token }).post(
        `/api/v1/jobs/${jobId}/favourite`
      )
      assert.isFalse(unfav.body().data.favourite)
      const me = await api(client, { site: 'njsf', token }).get('/api/v1/me')
      assert.equal(me.body().data.counts.applications, records.body().meta.total)
      assert.equal(me.body().data.counts.favourites, favourites.body().meta.total - 1)
      // Another student sees none of it.
      const wang = await tokenFor(world.wang)
      const theirs = await api(client, { host: MAIN, token: wang }).get('/api/v1/me/applications')
      assert.notInclude(
        theirs.body().data.map((a: any) => a.id),
        applied.body().data.id
      )
    })

    test('interviews: list and answer once; another student’s invitation is 404', async ({
      client,
      assert,
    }) => {
      const world = await hiringWorld()
      const token = await tokenFor(world.zhang)
      const applied = await api(client, { site: 'njsf', token }).post(
        `/api/v1/jobs/${world.devJob.id}/applications`,
        { resume_id: world.zhangResumes[0].id }
      )
      const application = await JobApplication.findOrFail(applied.body().data.id)
      const invitation = await interviews.invite(
        application,
        {
          mode: 'onsite',
          starts_at: DateTime.now()
            .plus({ days: 2 })
            .setZone('Asia/Shanghai')
            .toFormat("yyyy-MM-dd'T'HH:mm"),
          place: '三楼会议室',
          letter: '请准时参加面试',
        },
        { jobTitle: world.devJob.title, employerName: world.company.name }
      )
      const list = await api(client, { site: 'njsf', token }).get('/api/v1/me/interviews')
      list.assertStatus(200)
      assert.containsSubset(list.body().data[0], {
        id: invitation.id,
        status: 'pending',
        place: '三楼会议室',
      })
      const wang = await tokenFor(world.wang)
      const foreign = await api(client, { host: MAIN, token: wang }).post(
        `/api/v1/me/interviews/${invitation.id}/answer`,
        { answer: 'refused' }
      )
      foreign.assertStatus(404)
      const accepted = await api(client, { site: 'njsf', token }).post(
        `/api/v1/me/interviews/${invitation.id}/answer`,
        { answer: 'accepted' }
      )
      accepted.assertStatus(200)
      assert.equal(accepted.body().data.status, 'accepted')
      const again = await api(client, { site: 'njsf', token }).post(
        `/api/v1/me/interviews/${invitation.id}/answer`,
        { answer: 'refused' }
      )
      again.assertStatus(422)
      assert.include(again.body().error.message, '不能重复回复')
      const bad = await api(client, { site: 'njsf', token }).post(
        `/api/v1/me/interviews/${invitation.id}/answer`,
        { answer: 'maybe' }
      )
      bad.assertStatus(422)
      assert.property(bad.body().error.fields, 'answer')
    })
  }
)
