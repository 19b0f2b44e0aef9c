import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import {
  refusedRegistration,
  RegistrationService,
  REFUSAL,
} from '#modules/events/services/registration_service'
import { Refusal } from '#core/http/refusal'
import { text } from '#core/i18n/text'
import { eventsWorld, makeEvent, makeStudents, seatsOf } from '#modules/events/tests/helpers'

/** What each concurrent register call ended with: 'granted', a refusal text, or 'error: …'. */
function outcome(promise: Promise<unknown>) {
  return promise.then(
    () => 'granted',
    (error) => (error instanceof Refusal ? error.message : `error: ${error}`)
  )
}

/**
 * Group commit of grants (PostgreSQL: the concurrent grants for one event go out as one statement;
 * on SQLite each grant is its own transaction) and shared refusal reads: the database still decides.
 */
test.group('报名抢座: concurrent grants batched, refusals sharing one read (issue 12)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('50 concurrent requests for 10 seats: exactly 10, every other answer 名额已满, one registration per student', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 10 })
    const students = await makeStudents(world.njsf.id, 50)
    const service = new RegistrationService()
    const counted: string[] = []
    const connection = db.manager.get(db.primaryConnectionName)!.connection!
    const onQuery = (q: { sql: string }) => counted.push(q.sql)
    connection.client!.on('query', onQuery)
    const outcomes = await Promise.all(students.map((s) => outcome(service.register(s, event.id))))
    connection.client!.removeListener('query', onQuery)
    if (connection.dialectName === 'postgres') {
      // Group commit: the 50 grants went out in a few batch statements, not one each.
      const batches = counted.filter((q) => q.includes('WITH ORDINALITY')).length
      assert.isAtLeast(batches, 1)
      assert.isAtMost(batches, 5)
    }
    assert.lengthOf(
      outcomes.filter((o) => o === 'granted'),
      10
    )
    for (const o of outcomes.filter((x) => x !== 'granted')) assert.equal(o, text(REFUSAL.full))
    assert.deepEqual(await seatsOf(event.id), {
      registered: 10,
      students: 10,
      rows: 10,
      schedule: 10,
      taken: 10,
    })
  }).timeout(60000)

  test('a batch with a student twice, one registered already and one who cancelled: each answered as alone', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 6 })
    const [registered, cancelled, twice, ...others] = await makeStudents(world.njsf.id, 8)
    const service = new RegistrationService()
    await service.register(registered, event.id)
    const back = await service.register(cancelled, event.id)
    await service.cancel(cancelled, back.id)
    // 2 seats taken then 1 freed: 5 left for cancelled (again), twice (once), and the 5 others.
    const outcomes = await Promise.all([
      outcome(service.register(registered, event.id)),
      outcome(service.register(cancelled, event.id)),
      outcome(service.register(twice, event.id)),
      outcome(service.register(twice, event.id)),
      ...others.map((s) => outcome(service.register(s, event.id))),
    ])
    // Registered already: 已报名, or 名额已满 once the seats ran out (its box still shows its ticket).
    assert.oneOf(outcomes[0], [text(REFUSAL.twice), text(REFUSAL.full)])
    // The same student twice at once: one grant, the other answer 已报名 (or 名额已满 if the seats ran out).
    const twiceAnswers = outcomes.slice(2, 4).sort()
    assert.include(twiceAnswers, 'granted')
    assert.oneOf(
      twiceAnswers.find((o) => o !== 'granted'),
      [text(REFUSAL.twice), text(REFUSAL.full)]
    )
    const granted = outcomes.filter((o) => o === 'granted').length
    for (const o of outcomes.slice(1)) {
      if (o !== 'granted') assert.oneOf(o, [text(REFUSAL.full), text(REFUSAL.twice)])
    }
    const after = await seatsOf(event.id)
    assert.equal(after.taken, 6)
    assert.equal(after.registered, 6)
    assert.equal(after.schedule, 6)
    assert.equal(granted, 5)
    // One row per student: the cancelled one came back on its own row.
    assert.equal(after.rows, after.students)
  }).timeout(60000)

  test('a sold-out event: many refusals at once share reads, each still knows its own registration', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 3 })
    const students = await makeStudents(world.njsf.id, 40)
    const service = new RegistrationService()
    for (const s of students.slice(0, 3)) await service.register(s, event.id)
    // One refusal first: this process now knows the event sold out (a hint the database confirms).
    await assert.rejects(() => service.register(students[3], event.id), text(REFUSAL.full))
    const counted: string[] = []
    const connection = db.manager.get(db.primaryConnectionName)!.connection!
    const onQuery = (q: { sql: string }) => counted.push(q.sql)
    connection.client!.on('query', onQuery)
    const refusals = await Promise.all(
      students.map((s) =>
        service.register(s, event.id).then(
          () => null,
          (error) => error
        )
      )
    )
    connection.client!.removeListener('query', onQuery)
    for (const [i, refusal] of refusals.entries()) {
      assert.instanceOf(refusal, Refusal)
      // 名额已满 for all; the three holders' answers carry their registration (the box shows it).
      assert.equal(refusal.message, text(REFUSAL.full))
      const seen = refusedRegistration(refusal)
      if (i < 3) assert.isAbove(Number(seen?.registrationId), 0)
      else assert.isNull(seen?.registrationId)
    }
    // 40 refusals of a sold-out event: far fewer statements than one each.
    assert.isBelow(counted.length, 10)
    assert.deepEqual(await seatsOf(event.id), {
      registered: 3,
      students: 3,
      rows: 3,
      schedule: 3,
      taken: 3,
    })
  }).timeout(60000)
})
