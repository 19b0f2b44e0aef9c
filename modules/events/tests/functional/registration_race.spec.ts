import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import { createServer } from 'node:net'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import queue from '#core/queue/dispatcher'
import { RedisDriver } from '#core/queue/drivers/redis_driver'
import type User from '#core/accounts/models/user'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import { RegistrationService, REFUSAL } from '#modules/events/services/registration_service'
import { Refusal } from '#core/http/refusal'
import { text } from '#core/i18n/text'
import {
  NJSF,
  attendee,
  eventsWorld,
  makeEvent,
  makeStudents,
  seatsOf,
} from '#modules/events/tests/helpers'

function register(client: ApiClient, student: User, event: RecruitmentEvent) {
  return attendee(client, student, NJSF).register(event.id)
}

/** The seats as the rush leaves them: registered rows, open 我的日程 entries, `taken`. */
async function seats(eventId: number) {
  const { registered, schedule, taken } = await seatsOf(eventId)
  return { registered, schedule, taken }
}

/** A local port nothing listens on: "Redis is down". */
function closedPort() {
  return new Promise<number>((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}

test.group('报名抢座 under a rush (rule 9, issue 12)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('名额已满 is never answered while a seat is free: a seat freed by another process is granted on the next request', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 2 })
    const [a, b, c, d] = await makeStudents(world.njsf.id, 4)
    ;(await register(client, a, event)).assertStatus(200)
    ;(await register(client, b, event)).assertStatus(200)
    // Sold out: this process now holds the sold-out hint for the event.
    const refused = await register(client, c, event)
    refused.assertStatus(422)
    refused.assertTextIncludes(text(REFUSAL.full))

    // Another web process cancels a's registration: this process is not told.
    await db.transaction(async (trx) => {
      await trx
        .from('event_registrations')
        .where('event_id', event.id)
        .where('user_id', a.id)
        .update({ status: 'cancelled', cancelled_at: new Date() })
      await trx.from('recruitment_events').where('id', event.id).decrement('taken', 1)
      await trx
        .from('schedule_entries')
        .where('user_id', a.id)
        .where('source_key', `event-${event.id}`)
        .update({ cancelled_at: new Date() })
    })
    const granted = await register(client, c, event)
    granted.assertStatus(200)
    granted.assertTextIncludes('报名成功')
    assert.deepEqual(await seats(event.id), { registered: 2, schedule: 2, taken: 2 })

    // Full again: refused, and the database agrees.
    const again = await register(client, d, event)
    again.assertStatus(422)
    again.assertTextIncludes(text(REFUSAL.full))

    // A larger capacity set elsewhere is seen at once too.
    await db.from('recruitment_events').where('id', event.id).update({ capacity: 3 })
    ;(await register(client, d, event)).assertStatus(200)
    assert.deepEqual(await seats(event.id), { registered: 3, schedule: 3, taken: 3 })
  })

  test('two app instances sharing the database give exactly the capacity, each refusal 名额已满', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 30 })
    const students = await makeStudents(world.njsf.id, 121)
    const waiting = students.pop()!
    // The second instance has its own memory (its own sold-out hints), as a second process has.
    const other = new RegistrationService()
    const viaHttp = students.slice(0, 60)
    const viaOther = students.slice(60)
    const [responses, outcomes] = await Promise.all([
      Promise.all(viaHttp.map((s) => register(client, s, event))),
      Promise.all(
        viaOther.map((s) =>
          other.register(s, event.id).then(
            () => 'granted',
            (error) => (error instanceof Refusal ? error.message : `error: ${error}`)
          )
        )
      ),
    ])
    const httpGranted = responses.filter((r) => r.status() === 200).length
    const otherGranted = outcomes.filter((o) => o === 'granted').length
    assert.equal(httpGranted + otherGranted, 30)
    for (const r of responses.filter((x) => x.status() !== 200)) {
      assert.equal(r.status(), 422)
      assert.include(r.text(), text(REFUSAL.full))
    }
    for (const o of outcomes.filter((x) => x !== 'granted')) assert.equal(o, text(REFUSAL.full))
    assert.deepEqual(await seats(event.id), { registered: 30, schedule: 30, taken: 30 })

    // Both instances now think the event sold out. A 取消 through the first frees a seat: the second
    // grants it to the next student (its hint is confirmed by the database, not trusted).
    await assert.rejects(() => other.register(waiting, event.id), text(REFUSAL.full))
    const holder = await db
      .from('event_registrations')
      .where('event_id', event.id)
      .where('status', 'registered')
      .select('id', 'user_id')
      .first()
    const holderUser = students.find((s) => s.id === Number(holder.user_id))!
    const cancelled = await attendee(client, holderUser, NJSF).cancel(holder.id)
    cancelled.assertStatus(200)
    const revived = await other.register(waiting, event.id)
    assert.isAbove(revived.id, 0)
    assert.deepEqual(await seats(event.id), { registered: 30, schedule: 30, taken: 30 })
  }).timeout(120000)

  test('with Redis down the rush still gives exactly the capacity and no reminder is lost (outbox)', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 20 })
    const students = await makeStudents(world.njsf.id, 80)
    const driver = new RedisDriver({
      target: { host: '127.0.0.1', port: await closedPort() },
      prefix: 'h_perfrush_down',
      timeoutMs: 200,
    })
    const previous = queue.use(driver)
    try {
      const responses = await Promise.all(students.map((s) => register(client, s, event)))
      assert.lengthOf(
        responses.filter((r) => r.status() === 200),
        20
      )
      for (const r of responses.filter((x) => x.status() !== 200)) {
        assert.equal(r.status(), 422)
        assert.include(r.text(), text(REFUSAL.full))
      }
    } finally {
      queue.use(previous)
      await driver.close()
    }
    assert.deepEqual(await seats(event.id), { registered: 20, schedule: 20, taken: 20 })
    const reminders = await db
      .from('queue_outbox')
      .where('name', 'events-reminder')
      .count('* as n')
      .first()
    assert.equal(Number(reminders.n), 20)
  }).timeout(120000)
})
