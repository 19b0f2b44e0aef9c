import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Registration from '#modules/events/models/registration'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import {
  NJSF,
  attendee,
  eventsWorld,
  makeEvent,
  makeStudents,
  registered,
  registrationCount,
} from '#modules/events/tests/helpers'
import { guest } from '#tests/helpers/requests'

test.group('学生报名参加 (rules 5, 6, 9)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('inside the window with seats left a student registers and gets a ticket and a 我的日程 entry', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world)
    const response = await attendee(client, world.studentZhang, NJSF).register(event.id)
    response.assertStatus(200)
    response.assertTextIncludes('查看入场券')
    const registration = await Registration.findByOrFail('event_id', event.id)
    assert.equal(registration.userId, world.studentZhang.id)
    assert.equal(registration.status, 'registered')
    assert.match(registration.ticketCode, /^[A-Z2-9]{12}$/)
    await event.refresh()
    assert.equal(event.taken, 1)
    const entry = await db
      .from('schedule_entries')
      .where('user_id', world.studentZhang.id)
      .where('source_key', `event-${event.id}`)
      .first()
    assert.isNotNull(entry)
    assert.isNull(entry.cancelled_at)
  })

  test('outside the registration window: refused with {message}')
    .with([
      {
        message: '报名尚未开始',
        window: { registrationStartsAt: DateTime.now().plus({ days: 1 }) },
      },
      {
        message: '报名已截止',
        window: {
          registrationStartsAt: DateTime.now().minus({ days: 3 }),
          registrationEndsAt: DateTime.now().minus({ minutes: 1 }),
        },
      },
    ])
    .run(async ({ client, assert }, { message, window }) => {
      const world = await eventsWorld()
      const event = await makeEvent(world, window)
      const response = await attendee(client, world.studentZhang, NJSF).register(event.id)
      response.assertStatus(422)
      response.assertTextIncludes(message)
      assert.equal(await registrationCount(event.id), 0)
      await event.refresh()
      assert.equal(event.taken, 0)
    })

  test('full: the last seat taken, the next student is refused with 名额已满', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 1 })
    const first = await attendee(client, world.studentZhang, NJSF).register(event.id)
    first.assertStatus(200)
    const second = await attendee(client, world.studentWang).register(event.id)
    second.assertStatus(422)
    second.assertTextIncludes('名额已满')
    await event.refresh()
    assert.equal(event.taken, 1)
  })

  test('twice: a student registers only once per event', async ({ client, assert }) => {
    const world = await eventsWorld()
    const zhang = attendee(client, world.studentZhang, NJSF)
    const event = await makeEvent(world)
    await zhang.register(event.id)
    const again = await zhang.register(event.id)
    again.assertStatus(422)
    again.assertTextIncludes('您已报名该活动，请勿重复报名')
    await event.refresh()
    assert.equal(event.taken, 1)
    assert.equal(await registrationCount(event.id), 1)
  })

  test('cancel then register again: 取消 frees the seat and the student may register again with a new ticket', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const wang = attendee(client, world.studentWang)
    const zhang = attendee(client, world.studentZhang, NJSF)
    const event = await makeEvent(world, { capacity: 1 })
    const first = await registered(client, world.studentZhang, event.id)

    const cancel = await zhang.cancel(first.id)
    cancel.assertStatus(200)
    await event.refresh()
    assert.equal(event.taken, 0)
    await first.refresh()
    assert.equal(first.status, 'cancelled')
    const entry = await db
      .from('schedule_entries')
      .where('user_id', world.studentZhang.id)
      .where('source_key', `event-${event.id}`)
      .first()
    assert.isNotNull(entry.cancelled_at)

    // The freed seat can be taken by someone else, then it is full for the first student.
    const taken = await wang.register(event.id)
    taken.assertStatus(200)
    const full = await zhang.register(event.id)
    full.assertTextIncludes('名额已满')

    const wangRegistration = await Registration.query()
      .where('event_id', event.id)
      .where('user_id', world.studentWang.id)
      .firstOrFail()
    await wang.cancel(wangRegistration.id)
    const again = await zhang.register(event.id)
    again.assertStatus(200)
    await first.refresh()
    assert.equal(first.status, 'registered')
    const revived = await db
      .from('schedule_entries')
      .where('user_id', world.studentZhang.id)
      .where('source_key', `event-${event.id}`)
      .first()
    assert.isNull(revived.cancelled_at)
    await event.refresh()
    assert.equal(event.taken, 1)
  })

  test('a registering again gets a new ticket code: the cancelled one is gone', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const zhang = attendee(client, world.studentZhang, NJSF)
    const event = await makeEvent(world)
    const before = await registered(client, world.studentZhang, event.id)
    await zhang.cancel(before.id)
    await zhang.register(event.id)
    const after = await Registration.findOrFail(before.id)
    assert.equal(after.status, 'registered')
    assert.notEqual(after.ticketCode, before.ticketCode)
  })

  test('online needs none: an online event refuses registration and says so on its page', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, {
      mode: 'online',
      onlineUrl: 'https://example.com/live',
      capacity: null,
      registrationStartsAt: null,
      registrationEndsAt: null,
    })
    const zhang = attendee(client, world.studentZhang, NJSF)
    const page = await zhang.visit(`/fairs/${event.id}`)
    page.assertStatus(200)
    page.assertTextIncludes('线上活动无需报名，直接在线投递简历即可')
    assert.notInclude(page.text(), 'id="register-button"')
    const response = await zhang.register(event.id)
    response.assertTextIncludes('线上活动无需报名')
    assert.equal(
      await db
        .from('event_registrations')
        .count('* as n')
        .first()
        .then((r: any) => Number(r.n)),
      0
    )
  })

  test('a visitor is asked to log in and comes back to the same page', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world)
    const visitor = guest(client, NJSF)
    const page = await visitor.visit(`/fairs/${event.id}`)
    page.assertTextIncludes(`/login?redirect=${encodeURIComponent(`/fairs/${event.id}`)}`)
    const post = await visitor.postForm(`/student/events/${event.id}/register`)
    post.assertStatus(302)
    assert.match(post.header('location') ?? '', /^\/login\?redirect=/)
  })

  test('seat limits hold under a rush: 200 concurrent registrations for 50 seats give exactly 50, the rest 名额已满', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 50 })
    const students = await makeStudents(world.njsf.id, 200)
    assert.lengthOf(students, 200)
    const responses = await Promise.all(
      students.map((s) => attendee(client, s, NJSF).register(event.id))
    )
    const ok = responses.filter((r) => r.status() === 200)
    const refused = responses.filter((r) => r.status() === 422)
    assert.lengthOf(ok, 50)
    assert.lengthOf(refused, 150)
    for (const r of refused) assert.include(r.text(), '名额已满')
    const rows = await db
      .from('event_registrations')
      .where('event_id', event.id)
      .where('status', 'registered')
      .count('* as n')
      .first()
    assert.equal(Number(rows.n), 50)
    await event.refresh()
    assert.equal(event.taken, 50)
  }).timeout(120000)

  test('我报名的活动 lists registrations of the main site and subsites, newest event time first', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const soon = await makeEvent(world, {
      title: '本校较早的招聘会',
      startsAt: DateTime.now().plus({ days: 2 }),
      endsAt: DateTime.now().plus({ days: 2, hours: 3 }),
      registrationEndsAt: DateTime.now().plus({ days: 1 }),
    })
    const later = await makeEvent(world, {
      title: '省级较晚的招聘会',
      siteId: world.main.id,
      schoolId: null,
      startsAt: DateTime.now().plus({ days: 9 }),
      endsAt: DateTime.now().plus({ days: 9, hours: 3 }),
    })
    const other = await makeEvent(world, {
      title: '苏州示范学院宣讲会',
      kind: 'session',
      employerId: world.company.id,
      siteId: world.szsfSite.id,
      schoolId: world.szsf.id,
      startsAt: DateTime.now().plus({ days: 5 }),
      endsAt: DateTime.now().plus({ days: 5, hours: 2 }),
    })
    // On the main site: 我报名的活动 is the same list wherever the student opens it.
    const zhang = attendee(client, world.studentZhang)
    for (const e of [soon, later, other]) (await zhang.register(e.id)).assertStatus(200)
    const page = await zhang.visit('/student/events')
    page.assertStatus(200)
    const text = page.text()
    const positions = ['省级较晚的招聘会', '苏州示范学院宣讲会', '本校较早的招聘会'].map((t) =>
      text.indexOf(t)
    )
    assert.isTrue(positions.every((p) => p > 0))
    assert.deepEqual(
      [...positions].sort((a, b) => a - b),
      positions
    )
    assert.include(text, 'hx-confirm="确定取消报名')
    assert.include(text, '查看入场券')
  })

  test('查看入场券 shows the code and a server-made QR image; another student cannot open it', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const wang = attendee(client, world.studentWang)
    const event = await makeEvent(world)
    const registration = await registered(client, world.studentZhang, event.id)
    const ticket = await attendee(client, world.studentZhang, NJSF).ticket(registration.id)
    ticket.assertStatus(200)
    ticket.assertTextIncludes(registration.displayCode)
    ticket.assertTextIncludes('src="data:image/png;base64,')
    ticket.assertTextIncludes('张三')
    const stranger = await wang.ticket(registration.id)
    stranger.assertStatus(404)
    // Another student's registration is not found (404, as the API answers), never cancelled.
    const cancel = await wang.cancel(registration.id)
    cancel.assertStatus(404)
    await registration.refresh()
    assert.equal(registration.status, 'registered')
  })

  test('a student cannot cancel after the event has started', async ({ client, assert }) => {
    const world = await eventsWorld()
    const zhang = attendee(client, world.studentZhang, NJSF)
    const event = await makeEvent(world)
    const registration = await registered(client, world.studentZhang, event.id)
    await RecruitmentEvent.query()
      .where('id', event.id)
      .update({
        starts_at: DateTime.now().minus({ minutes: 5 }).toUTC().toFormat('yyyy-MM-dd HH:mm:ss'),
      })
    const cancel = await zhang.cancel(registration.id)
    cancel.assertStatus(422)
    await registration.refresh()
    assert.equal(registration.status, 'registered')
  })
})
