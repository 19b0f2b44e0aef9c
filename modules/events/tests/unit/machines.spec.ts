import { test } from '@japa/runner'
import { assertMachineTable, type TransitionTable } from '#tests/helpers/machines'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import testUtils from '@adonisjs/core/services/test_utils'
import { text } from '#core/i18n/text'
import type { Machine } from '#core/state/machine'
import { eventMachine } from '#modules/events/machines/event'
import { exhibitorMachine } from '#modules/events/machines/exhibitor'
import { registrationMachine } from '#modules/events/machines/registration'
import { makeEvent } from '#modules/events/tests/helpers'
import { world } from '#tests/helpers/world'

/**
 * Every transition of the events machines: allowed exactly from the states listed (checked
 * against every state), refused with its own lang key everywhere else; states have labels; and
 * on the database each transition is one conditional UPDATE that a second attempt cannot repeat.
 */
const EXPECTED: [Machine<any, any>, TransitionTable][] = [
  [
    eventMachine,
    {
      approve: [['pending'], 'published', 'events.refusals.reviewed'],
      reject: [['pending'], 'rejected', 'events.refusals.reviewed'],
    },
  ],
  [
    exhibitorMachine,
    {
      approve: [['pending'], 'approved', 'events.refusals.reviewed'],
      reject: [['pending'], 'rejected', 'events.refusals.reviewed'],
      reapply: [['rejected'], 'pending', 'events.refusals.booth_pending'],
    },
  ],
  [
    registrationMachine,
    {
      cancel: [['registered'], 'cancelled', 'events.refusals.already_cancelled'],
      register_again: [['cancelled'], 'registered', 'events.refusals.twice'],
      check_in: [['registered'], '=', 'events.refusals.ticket_cancelled'],
    },
  ],
]

test.group('events machines', (group) => {
  group.setup(async () => {
    await i18nManager.loadTranslations()
  })

  for (const [machine, transitions] of EXPECTED) {
    test(`${machine.name}: each transition allowed from its states only, refused with its key`, ({
      assert,
    }) => {
      assertMachineTable(assert, machine, transitions)
    })
  }

  test('new rows start in an initial state only', ({ assert }) => {
    assert.deepEqual(eventMachine.initial(), { status: 'published' })
    assert.deepEqual(eventMachine.initial('pending'), { status: 'pending' })
    assert.throws(() => eventMachine.initial('rejected'))
    assert.deepEqual(exhibitorMachine.initial(), { status: 'pending' })
    assert.deepEqual(exhibitorMachine.initial('approved'), { status: 'approved' })
    assert.throws(() => exhibitorMachine.initial('rejected'))
    assert.deepEqual(registrationMachine.initial(), { status: 'registered' })
    assert.throws(() => registrationMachine.initial('cancelled'))
  })
})

/** An event of a school's subsite, the only thing these rows need around them. */
async function schoolEvent(overrides: Parameters<typeof makeEvent>[1] = {}) {
  const { school: njsf, site: njsfSite } = await world.school({ code: 'njsf' })
  return { njsf, event: await makeEvent({ njsf, njsfSite }, overrides) }
}

test.group('events machines on the database', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a session application is reviewed once: the second review is refused', async ({
    assert,
  }) => {
    const { event } = await schoolEvent({ kind: 'session', ...eventMachine.initial('pending') })
    assert.equal(await eventMachine.apply(db.connection(), 'approve', event.id), 'published')
    await assert.rejects(
      () => eventMachine.apply(db.connection(), 'reject', event.id),
      text('events.refusals.reviewed')
    )
    await event.refresh()
    assert.equal(event.status, 'published')
  })

  test('a booth: rejected, filed again, approved; never approved twice', async ({ assert }) => {
    const { event } = await schoolEvent()
    const { employer } = await world.employer()
    const [row] = await db
      .table('event_exhibitors')
      .insert({
        event_id: event.id,
        employer_id: employer.id,
        ...exhibitorMachine.initial(),
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
    const id = Number(typeof row === 'object' ? row.id : row)
    const client = db.connection()
    await assert.rejects(
      () => exhibitorMachine.apply(client, 'reapply', id),
      text('events.refusals.booth_pending')
    )
    await exhibitorMachine.apply(client, 'reject', id, { set: { reject_reason: '材料不全' } })
    await exhibitorMachine.apply(client, 'reapply', id)
    await exhibitorMachine.apply(client, 'approve', id, { set: { booth_no: 'A01' } })
    assert.equal(await exhibitorMachine.applyWhere(client, 'approve', id), 0)
    const stored = await db.from('event_exhibitors').where('id', id).first()
    assert.equal(stored.status, 'approved')
    assert.equal(stored.booth_no, 'A01')
  })

  test('a registration: checked in once, cancelled once, registered again', async ({ assert }) => {
    const { njsf, event } = await schoolEvent()
    const { user: student } = await world.student(njsf)
    const [row] = await db
      .table('event_registrations')
      .insert({
        event_id: event.id,
        user_id: student.id,
        school_id: njsf.id,
        ...registrationMachine.initial(),
        ticket_code: 'ABCDEFGHJKLM',
        registered_at: new Date(),
        created_at: new Date(),
        updated_at: new Date(),
      })
      .returning('id')
    const id = Number(typeof row === 'object' ? row.id : row)
    const client = db.connection()
    const checkIn = () =>
      registrationMachine.applyWhere(
        client,
        'check_in',
        (q: any) => q.where('id', id).whereNull('checked_in_at'),
        { set: { checked_in_at: new Date() } }
      )
    assert.equal(await checkIn(), 1)
    assert.equal(await checkIn(), 0)
    await registrationMachine.apply(client, 'cancel', id)
    await assert.rejects(
      () => registrationMachine.apply(client, 'cancel', id),
      text('events.refusals.already_cancelled')
    )
    assert.equal(await registrationMachine.applyWhere(client, 'check_in', id), 0)
    await registrationMachine.apply(client, 'register_again', id)
    await assert.rejects(
      () => registrationMachine.apply(client, 'register_again', id),
      text('events.refusals.twice')
    )
  })
})
