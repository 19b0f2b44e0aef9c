import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { toDb } from '#core/database/time'
import { as } from '#tests/helpers/requests'
import { route } from '#tests/helpers/urls'
import applications from '#modules/job_seeking/services/applications'
import resumes from '#modules/job_seeking/services/resumes'
import { hiringWorld } from '#modules/job_seeking/tests/helpers'

function todoOf(html: string, label: string) {
  for (const m of html.matchAll(
    /<li><a href="([^"]+)">([^<]+)<\/a><span class="tag tag-orange">(\d+)<\/span><\/li>/g
  )) {
    if (m[2].includes(label)) return { href: m[1].replace(/&amp;/g, '&'), count: Number(m[3]) }
  }
  return null
}

test.group('求职待办：单位中心计数与应聘管理列表一致', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('新投递 / 面试待回复 / 待进行的面试 open 应聘管理 listing exactly the counted applications', async ({
    client,
    assert,
  }) => {
    const { hr, zhang, wang, company, devJob, zhangResumes } = await hiringWorld()
    // Two applications of this employer: one new, one with an interview.
    const { application: fresh } = await applications.apply(zhang, devJob.id, zhangResumes[0].id)
    const wangResume = await resumes.create(wang, '王五的简历')
    const { application: invited } = await applications.apply(wang, devJob.id, wangResume.id)
    await applications.changeStatus(invited, 'interview', devJob.title, company.name)
    await db.table('interview_invitations').insert({
      application_id: invited.id,
      user_id: wang.id,
      employer_id: company.id,
      mode: 'onsite',
      starts_at: toDb(DateTime.now().plus({ days: 3 })),
      place: '公司会议室',
      letter: '邀请您参加面试',
      status: 'pending',
      created_at: toDb(DateTime.now()),
      updated_at: toDb(DateTime.now()),
    })

    // 应聘管理 is the admin resource's list: one row per application (`data-row`).
    const listed = async (href: string) => {
      const page = (await as(client, hr).visit(href)).text()
      return [...page.matchAll(/<tr data-row="(\d+)"/g)].map((m) => Number(m[1]))
    }
    const home = route('employer.home')
    let html = (await as(client, hr).visit(home)).text()
    const fresh1 = todoOf(html, '新投递、尚未查看的简历')
    assert.equal(fresh1?.count, 1)
    assert.deepEqual(await listed(fresh1!.href), [fresh.id])
    const pending = todoOf(html, '面试邀请待学生回复')
    assert.equal(pending?.count, 1)
    assert.deepEqual(await listed(pending!.href), [invited.id])
    assert.isNull(todoOf(html, '学生已接受、待进行的面试'))

    // The student accepts: it moves from 待回复 to 待进行.
    await db
      .from('interview_invitations')
      .where('application_id', invited.id)
      .update({ status: 'accepted' })
    html = (await as(client, hr).visit(home)).text()
    assert.isNull(todoOf(html, '面试邀请待学生回复'))
    const upcoming = todoOf(html, '学生已接受、待进行的面试')
    assert.equal(upcoming?.count, 1)
    assert.deepEqual(await listed(upcoming!.href), [invited.id])

    // The tab counts come from the application machine's states.
    const list = (await as(client, hr).visit(route('employer.applications.index'))).text()
    assert.match(list, /data-tab="submitted">[^<]*<span class="badge-count">1</)
    assert.match(list, /data-tab="interview">[^<]*<span class="badge-count">1</)
  })
})
