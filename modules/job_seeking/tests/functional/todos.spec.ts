import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { seedCore } from '#database/demo/core'
import { seedJobSeekingDemo } from '#modules/job_seeking/database/demo'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import JobApplication from '#modules/job_seeking/models/job_application'
import { toDb } from '#core/database/time'

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
    const w = await seedCore()
    await dictionaries.ensureSeeded()
    await seedJobSeekingDemo(w)
    const employerId = w.employerUser.employerId!
    const job = await db.from('jobs').where('employer_id', employerId).orderBy('id').first()
    // Two applications of this employer: one new, one with interviews.
    const fresh = await JobApplication.firstOrCreate(
      { jobId: job.id, userId: w.studentZhang.id },
      { employerId, schoolId: w.njsf.id, status: 'submitted' }
    )
    const invited = await JobApplication.firstOrCreate(
      { jobId: job.id, userId: w.studentWang.id },
      { employerId, schoolId: w.szsf.id, status: 'interview' }
    )
    await db.from('job_applications').where('id', fresh.id).update({ status: 'submitted' })
    await db.from('job_applications').where('id', invited.id).update({ status: 'interview' })
    const interview = (status: string, days: number) => ({
      application_id: invited.id,
      user_id: w.studentWang.id,
      employer_id: employerId,
      mode: 'onsite',
      starts_at: toDb(DateTime.now().plus({ days })),
      place: '公司会议室',
      letter: '邀请您参加面试',
      status,
      created_at: toDb(DateTime.now()),
      updated_at: toDb(DateTime.now()),
    })
    await db.table('interview_invitations').multiInsert([interview('pending', 3)])
    const submitted = (
      await db
        .from('job_applications')
        .where('employer_id', employerId)
        .where('status', 'submitted')
        .select('id')
    ).map((r: any) => Number(r.id))

    const listed = async (href: string) => {
      const page = (await client.get(href).loginAs(w.employerUser)).text()
      return [...page.matchAll(/data-application="(\d+)"/g)].map((m) => Number(m[1]))
    }
    let html = (await client.get('/employer').loginAs(w.employerUser)).text()
    const fresh1 = todoOf(html, '新投递、尚未查看的简历')
    assert.equal(fresh1?.count, submitted.length)
    assert.sameMembers(await listed(fresh1!.href), submitted)
    const pending = todoOf(html, '面试邀请待学生回复')
    assert.equal(pending?.count, 1)
    assert.deepEqual(await listed(pending!.href), [invited.id])
    assert.isNull(todoOf(html, '学生已接受、待进行的面试'))

    // The student accepts: it moves from 待回复 to 待进行.
    await db
      .from('interview_invitations')
      .where('application_id', invited.id)
      .update({ status: 'accepted' })
    html = (await client.get('/employer').loginAs(w.employerUser)).text()
    assert.isNull(todoOf(html, '面试邀请待学生回复'))
    const upcoming = todoOf(html, '学生已接受、待进行的面试')
    assert.equal(upcoming?.count, 1)
    assert.deepEqual(await listed(upcoming!.href), [invited.id])
  })
})
