import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import type User from '#core/accounts/models/user'
import { toDb } from '#core/database/time'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import { NJSF, attendee, eventsWorld, makeEvent, registered } from '#modules/events/tests/helpers'
import { as } from '#tests/helpers/requests'

/** Staff scan (or type) a code at the door, as the check-in page posts it. */
function checkIn(client: ApiClient, staff: User, eventId: number, code: string) {
  return as(client, staff, NJSF).htmx(`/school/events/${eventId}/checkin`, { code })
}

/** 张三 registered for an event of 南京示范大学 whose doors have opened. */
async function atTheDoor(client: ApiClient) {
  const world = await eventsWorld()
  const event = await makeEvent(world)
  const ticket = await registered(client, world.studentZhang, event.id)
  await openDoors(event.id)
  return { world, event, ticket }
}

/** What a refused code is made from: the world and the event whose door it is shown at. */
type Door = {
  client: ApiClient
  world: Awaited<ReturnType<typeof eventsWorld>>
  event: RecruitmentEvent
}

/** Check-in opens shortly before the start: the test events begin now (registration is over). */
async function openDoors(...eventIds: number[]) {
  await RecruitmentEvent.query()
    .whereIn('id', eventIds)
    .update({ starts_at: toDb(DateTime.now().minus({ minutes: 30 })) })
}

test.group('入场签到 (check-in by ticket code)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('staff check a ticket in and see who it is; attendance counts go up', async ({
    client,
    assert,
  }) => {
    const { world, event, ticket } = await atTheDoor(client)
    const response = await checkIn(
      client,
      world.njsfStaff,
      event.id,
      ticket.displayCode.toLowerCase()
    )
    response.assertStatus(200)
    response.assertTextIncludes('签到成功：张三')
    response.assertTextIncludes(world.zhangsan.studentNumber)
    response.assertTextIncludes(
      '<div class="stat-value" id="count-checked-in" hx-swap-oob="true">1</div>'
    )
    await ticket.refresh()
    assert.isNotNull(ticket.checkedInAt)
    assert.equal(ticket.checkedInBy, world.njsfStaff.id)
  })

  test('double check-in: a ticket checks in once, the second time is refused', async ({
    client,
  }) => {
    const { world, event, ticket } = await atTheDoor(client)
    const post = () => checkIn(client, world.njsfStaff, event.id, ticket.ticketCode)
    ;(await post()).assertStatus(200)
    const second = await post()
    second.assertStatus(422)
    second.assertTextIncludes('不能重复签到')
  })

  test('double check-in under concurrency: of 10 simultaneous scans exactly one succeeds', async ({
    client,
    assert,
  }) => {
    const { world, event, ticket } = await atTheDoor(client)
    const responses = await Promise.all(
      Array.from({ length: 10 }, () =>
        checkIn(client, world.njsfStaff, event.id, ticket.ticketCode)
      )
    )
    assert.equal(responses.filter((r) => r.status() === 200).length, 1)
    assert.equal(responses.filter((r) => r.text().includes('不能重复签到')).length, 9)
  })

  test('refused at the door: {refusal}')
    .with([
      {
        refusal: 'a cancelled ticket, with the reason',
        message: '该入场券已取消报名，不能签到',
        // Cancelled before the doors open (no cancelling once the event has begun).
        code: async ({ client, world, event }: Door) => {
          const ticket = await registered(client, world.studentZhang, event.id)
          const zhang = attendee(client, world.studentZhang, NJSF)
          ;(await zhang.cancel(ticket.id)).assertStatus(200)
          return ticket.ticketCode
        },
      },
      {
        refusal: "another event's ticket, naming the event it belongs to",
        message: '该入场券不属于本场活动（属于「另一场宣讲会」）',
        code: async ({ client, world }: Door) => {
          const other = await makeEvent(world, { title: '另一场宣讲会' })
          const ticket = await registered(client, world.studentZhang, other.id)
          await openDoors(other.id)
          return ticket.ticketCode
        },
      },
      {
        refusal: 'an unknown code, as invalid',
        message: '入场券无效',
        code: async () => 'ABCD-EFGH-JKLM',
      },
    ])
    .run(async ({ client }, { message, code }) => {
      const world = await eventsWorld()
      const event = await makeEvent(world, { title: '今天的招聘会' })
      const presented = await code({ client, world, event })
      await openDoors(event.id)
      const response = await checkIn(client, world.njsfStaff, event.id, presented)
      response.assertStatus(422)
      response.assertTextIncludes(message)
    })

  test('staff of another school cannot check in nor manage the event (404, like a missing event)', async ({
    client,
  }) => {
    const { world, event, ticket } = await atTheDoor(client)
    const szsf = as(client, world.szsfStaff, { site: 'szsf' })
    const checkin = await szsf.postForm(`/school/events/${event.id}/checkin`, {
      code: ticket.ticketCode,
    })
    checkin.assertStatus(404)
    ;(await szsf.visit(`/school/events/${event.id}/checkin`)).assertStatus(404)
    ;(await szsf.visit(`/school/events/${event.id}`)).assertStatus(404)
    ;(await szsf.postForm(`/school/events/${event.id}`, { title: '改名' })).assertStatus(404)
  })

  test('the province checks in at its own fairs; school staff cannot', async ({ client }) => {
    const world = await eventsWorld()
    const fair = await makeEvent(world, {
      siteId: world.main.id,
      schoolId: null,
      title: '省级招聘会',
    })
    const ticket = await registered(client, world.studentZhang, fair.id)
    await openDoors(fair.id)
    const staff = await as(client, world.njsfStaff, NJSF).postForm(
      `/school/events/${fair.id}/checkin`,
      { code: ticket.ticketCode }
    )
    staff.assertStatus(404)
    const province = await as(client, world.admin).htmx(`/province/events/${fair.id}/checkin`, {
      code: ticket.ticketCode,
    })
    province.assertStatus(200)
    province.assertTextIncludes('签到成功：张三')
  })

  test('the check-in page lists the counts and the school events to pick from', async ({
    client,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { title: '签到测试招聘会' })
    await registered(client, world.studentZhang, event.id)
    const staff = as(client, world.njsfStaff, NJSF)
    const index = await staff.visit('/school/checkin')
    index.assertStatus(200)
    index.assertTextIncludes('签到测试招聘会')
    index.assertTextIncludes('已签到 0 / 已报名 1')
    const page = await staff.visit(`/school/events/${event.id}/checkin`)
    page.assertStatus(200)
    page.assertTextIncludes('扫码或输入入场券编号')
  })
})

test.group('入场签到: only while the event is on', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a ticket is not checked in days before the event', async ({ client, assert }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world)
    const ticket = await registered(client, world.studentZhang, event.id)
    const response = await checkIn(client, world.njsfStaff, event.id, ticket.displayCode)
    response.assertTextIncludes('签到尚未开始')
    await ticket.refresh()
    assert.isNull(ticket.checkedInAt)
  })

  test('a ticket is not checked in after the event has ended', async ({ client, assert }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world)
    const ticket = await registered(client, world.studentZhang, event.id)
    await RecruitmentEvent.query()
      .where('id', event.id)
      .update({
        starts_at: toDb(DateTime.now().minus({ hours: 5 })),
        ends_at: toDb(DateTime.now().minus({ minutes: 1 })),
      })
    const response = await checkIn(client, world.njsfStaff, event.id, ticket.displayCode)
    response.assertTextIncludes('本场活动已结束，不能再签到')
    await ticket.refresh()
    assert.isNull(ticket.checkedInAt)
  })
})
