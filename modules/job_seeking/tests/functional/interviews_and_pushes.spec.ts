import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import moduleSwitches from '#core/modules/module_switches'
import InterviewInvitation from '#modules/job_seeking/models/interview_invitation'
import intentions from '#modules/job_seeking/services/intentions'
import interviews from '#modules/job_seeking/services/interviews'
import subscriptionPush from '#modules/job_seeking/services/subscription_push'
import { as } from '#tests/helpers/requests'
import { makeJob, hiringWorld, sendIntention } from '#modules/job_seeking/tests/helpers'

async function invite(
  world: Awaited<ReturnType<typeof hiringWorld>>,
  client: any,
  mode: 'video' | 'onsite'
) {
  const application = world.zhangApplication!
  const startsAt = DateTime.now()
    .setZone('Asia/Shanghai')
    .plus({ days: 3 })
    .toFormat("yyyy-MM-dd'T'HH:mm")
  const form: Record<string, string> = {
    mode,
    starts_at: startsAt,
    letter: '张三同学：诚邀您参加面试。',
  }
  if (mode === 'video') form.video_link = 'https://meeting.example.com/j/123456'
  else form.place = '南京市鼓楼区示范路 1 号 3 楼会议室'
  await as(client, world.hr).postForm(`/employer/applications/${application.id}/interview`, form)
  return InterviewInvitation.query()
    .where('application_id', application.id)
    .orderBy('id', 'desc')
    .firstOrFail()
}

test.group('面试邀请', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('我的日程 holds an invited interview with its place and city; refusing removes it', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ applied: true })
    const invitation = await invite(world, client, 'onsite')
    const entry = () =>
      db
        .from('schedule_entries')
        .where('user_id', world.zhang.id)
        .where('source_key', `interview-${invitation.id}`)
    const invited = await entry().first()
    assert.exists(invited)
    assert.include(invited.title, '面试（待回复）')
    const job = await db
      .from('jobs')
      .join('job_applications', 'job_applications.job_id', 'jobs.id')
      .where('job_applications.id', invitation.applicationId)
      .select('jobs.city')
      .first()
    assert.equal(invited.location, `${job.city} · 南京市鼓楼区示范路 1 号 3 楼会议室`)
    const page = await as(client, world.zhang, { site: 'njsf' }).visit('/student/schedule')
    page.assertTextIncludes(`${job.city} · 南京市鼓楼区示范路 1 号 3 楼会议室`)
    await interviews.answer(world.zhang.id, invitation.id, 'refused')
    const refused = await entry()
    assert.lengthOf(refused, 1)
    assert.isNotNull(refused[0].cancelled_at)
  })

  test('video link shows only after the student accepts; accepting adds 我的日程 and messages', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ applied: true })
    const invitation = await invite(world, client, 'video')
    const inviteMessage = await db
      .from('messages')
      .where('user_id', world.zhang.id)
      .where('dedupe_key', `interview-invite-${invitation.id}`)
      .first()
    assert.exists(inviteMessage)
    const before = await as(client, world.zhang, { site: 'njsf' }).visit(
      '/student/records?tab=interviews'
    )
    assert.notInclude(before.text(), 'meeting.example.com')
    assert.include(before.text(), '接受邀请后显示视频面试链接')
    const accepted = await as(client, world.zhang, { site: 'njsf' }).htmx(
      `/student/interviews/${invitation.id}/answer`,
      { answer: 'accepted' }
    )
    assert.include(accepted.text(), 'https://meeting.example.com/j/123456')
    assert.include(accepted.text(), '已接受')
    const schedule = await db
      .from('schedule_entries')
      .where('user_id', world.zhang.id)
      .where('source_key', `interview-${invitation.id}`)
      .first()
    assert.exists(schedule)
    const hrMessage = await db
      .from('messages')
      .where('user_id', world.hr.id)
      .where('dedupe_key', `interview-answer-${invitation.id}`)
      .first()
    assert.exists(hrMessage)
  })

  test('onsite invitation shows place and time; a refused one never shows accept buttons again', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ applied: true })
    const invitation = await invite(world, client, 'onsite')
    const page = await as(client, world.zhang, { site: 'njsf' }).visit(
      `/student/interviews/${invitation.id}`
    )
    assert.include(page.text(), '3 楼会议室')
    await as(client, world.zhang, { site: 'njsf' }).postForm(
      `/student/interviews/${invitation.id}/answer`,
      { answer: 'refused' }
    )
    const again = await as(client, world.zhang, { site: 'njsf' }).postForm(
      `/student/interviews/${invitation.id}/answer`,
      { answer: 'accepted' }
    )
    again.assertFlashMessage('error', '该面试邀请已拒绝，不能重复回复')
    assert.equal((await InterviewInvitation.findOrFail(invitation.id)).status, 'refused')
  })

  test('concurrent answers: exactly one wins', async ({ client, assert }) => {
    const world = await hiringWorld({ applied: true })
    const invitation = await invite(world, client, 'video')
    const answer = (a: string) =>
      as(client, world.zhang, { site: 'njsf' }).postForm(
        `/student/interviews/${invitation.id}/answer`,
        { answer: a }
      )
    const responses = await Promise.all([
      answer('accepted'),
      answer('refused'),
      answer('accepted'),
      answer('refused'),
    ])
    const refusals = responses.filter((r) =>
      /already|不能重复回复/.test(JSON.stringify(r.flashMessages() ?? {}))
    )
    assert.lengthOf(refusals, 3)
    const final = await InterviewInvitation.findOrFail(invitation.id)
    assert.include(['accepted', 'refused'], final.status)
    const answers = await db
      .from('messages')
      .where('user_id', world.zhang.id)
      .where('dedupe_key', `interview-answer-${invitation.id}`)
      .count('* as total')
      .first()
    assert.equal(Number(answers.total), 1)
  })

  test('another student cannot see or answer 张三’s invitation', async ({ client, assert }) => {
    const world = await hiringWorld({ applied: true })
    const invitation = await invite(world, client, 'video')
    assert.equal(
      (
        await as(client, world.wang, { site: 'szsf' }).visit(`/student/interviews/${invitation.id}`)
      ).status(),
      404
    )
    await as(client, world.wang, { site: 'szsf' }).postForm(
      `/student/interviews/${invitation.id}/answer`,
      { answer: 'accepted' }
    )
    assert.equal((await InterviewInvitation.findOrFail(invitation.id)).status, 'pending')
  })

  test('the reminder the day before is sent once (dedupe key) and not before its window', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ applied: true })
    const invitation = await invite(world, client, 'onsite')
    await interviews.answer(world.zhang.id, invitation.id, 'accepted')
    // Three days ahead: not yet.
    assert.isFalse(await interviews.remind(invitation.id))
    await db
      .from('interview_invitations')
      .where('id', invitation.id)
      .update({
        starts_at: DateTime.now().plus({ hours: 20 }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss'),
      })
    if (db.connection().dialect.name === 'postgres') {
      await db
        .from('interview_invitations')
        .where('id', invitation.id)
        .update({ starts_at: DateTime.now().plus({ hours: 20 }).toJSDate() })
    }
    assert.equal(await interviews.remindDue(), 1)
    await interviews.remindDue()
    const reminders = await db
      .from('messages')
      .where('user_id', world.zhang.id)
      .where('dedupe_key', `interview-reminder-${invitation.id}`)
      .count('* as total')
      .first()
    assert.equal(Number(reminders.total), 1)
  })
})

test.group('求职意向 and subscription pushes', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('only 拟就业 keeps the detailed fields and 订阅设置', async ({ client, assert }) => {
    const world = await hiringWorld()
    await sendIntention(client, world.zhang, {
      type: 'further_study',
      cities: ['南京市'],
      subscribed: 'on',
      frequency: 'daily',
    })
    const { intention, terms } = await intentions.of(world.zhang.id)
    assert.equal(intention!.type, 'further_study')
    assert.isFalse(intention!.subscribed)
    assert.deepEqual(terms.city, [])
    const bad = await sendIntention(client, world.zhang, {
      type: 'employment',
      cities: ['火星市'],
    })
    bad.assertFlashMessage('errorsBag', { cities: '请从列表中选择' })
  })

  test('a new matching job is pushed once to subscribed students; others and disabled schools get nothing', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld()
    await sendIntention(client, world.zhang, {
      type: 'employment',
      cities: ['南京市', '苏州市'],
      categories: ['软件开发'],
      subscribed: 'on',
      frequency: 'immediate',
    })
    await intentions.save(world.wang, {
      type: 'employment',
      cities: ['南京市'],
      subscribed: true,
      frequency: 'immediate',
    })
    // Employer posts through the HTTP form: the push job runs (sync driver).
    await as(client, world.hr).postForm('/employer/jobs', {
      title: '后端开发工程师',
      category: '软件开发',
      nature: '全职',
      city: '南京市',
      salary_min: '10000',
      salary_max: '16000',
      description: '负责后端服务的设计与开发。',
    })
    const job = await db.from('jobs').where('title', '后端开发工程师').firstOrFail()
    const pushed = await db
      .from('messages')
      .where('dedupe_key', `job-push-${job.id}`)
      .select('user_id')
    assert.sameMembers(
      pushed.map((m: any) => m.user_id),
      [world.zhang.id, world.wang.id]
    )
    // Running again never pushes twice.
    const again = await subscriptionPush.pushJob(job.id)
    assert.equal(again.messages, 0)
    assert.lengthOf(await db.from('messages').where('dedupe_key', `job-push-${job.id}`), 2)
    // A job in another city / category does not match 张三.
    const other = await makeJob(world.company.id, '上海会计', {
      city: '上海市',
      category: '财务会计',
    })
    await subscriptionPush.pushJob(other.id)
    assert.isNull(
      await db
        .from('messages')
        .where('user_id', world.zhang.id)
        .where('dedupe_key', `job-push-${other.id}`)
        .first()
    )
    // The module switched off for 苏州示范学院: 王五 gets nothing.
    await moduleSwitches.setEnabled(world.szsfSite, 'job_seeking', false)
    const third = await makeJob(world.company.id, '南京软件实施工程师', { city: '南京市' })
    await subscriptionPush.pushJob(third.id)
    assert.isNull(
      await db
        .from('messages')
        .where('user_id', world.wang.id)
        .where('dedupe_key', `job-push-${third.id}`)
        .first()
    )
    assert.exists(
      await db
        .from('messages')
        .where('user_id', world.zhang.id)
        .where('dedupe_key', `job-push-${third.id}`)
        .first()
    )
  })

  test('daily subscribers get one digest listing the pushed jobs', async ({ assert }) => {
    const world = await hiringWorld()
    await intentions.save(world.zhang, {
      type: 'employment',
      cities: ['南京市'],
      subscribed: true,
      frequency: 'daily',
    })
    const a = await makeJob(world.company.id, '摘要职位甲')
    const b = await makeJob(world.company.id, '摘要职位乙')
    await subscriptionPush.pushJob(a.id)
    await subscriptionPush.pushJob(b.id)
    assert.isNull(
      await db
        .from('messages')
        .where('user_id', world.zhang.id)
        .where('dedupe_key', `job-push-${a.id}`)
        .first()
    )
    assert.equal(await subscriptionPush.sendDigest('daily'), 1)
    assert.equal(await subscriptionPush.sendDigest('daily'), 0)
    const digest = await db
      .from('messages')
      .where('user_id', world.zhang.id)
      .where('dedupe_key', 'like', 'job-digest-daily-%')
      .firstOrFail()
    assert.include(digest.body, '摘要职位甲')
    assert.include(digest.body, '摘要职位乙')
  })
})
