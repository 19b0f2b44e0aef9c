import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { defineMachine } from '#core/state/machine'
import { Refusal } from '#core/http/refusal'

/** A probe table of its own, so the core's machine is proven apart from any module. */
const TABLE = 'machine_probe_rows'

const ticket = defineMachine({
  name: 'probe.ticket',
  table: TABLE,
  states: ['open', 'held', 'closed'],
  initial: ['open'],
  transitions: {
    hold: { from: ['open'], to: 'held', refuse: '该记录已不在可保留状态' },
    edit: { from: ['open', 'held'], to: '=', refuse: '已关闭的记录不能修改' },
    close: { from: ['open', 'held'], to: 'closed', refuse: 'errors.state_changed' },
  },
})

/** Test rows may start in any state (tests are data, outside the status-write contract). */
async function row(status = 'open', owner = 1) {
  const [id] = await db
    .table(TABLE)
    .insert({ status, owner, note: '', updated_at: new Date() })
    .returning('id')
  return Number(typeof id === 'object' ? (id as any).id : id)
}

async function statusOf(id: number) {
  return (await db.from(TABLE).where('id', id).first()).status as string
}

test.group('Core state machine (defineMachine / apply)', (group) => {
  group.setup(async () => {
    await db.connection().schema.dropTableIfExists(TABLE)
    await db.connection().schema.createTable(TABLE, (t) => {
      t.increments('id')
      t.string('status', 20).notNullable()
      t.integer('owner').notNullable()
      t.string('note', 50)
      t.timestamp('updated_at')
    })
    return () => db.connection().schema.dropTableIfExists(TABLE)
  })

  test('a transition changes the state in one conditional update', async ({ assert }) => {
    const id = await row()
    assert.equal(await ticket.apply(db.connection(), 'hold', id), 'held')
    assert.equal(await statusOf(id), 'held')
  })

  test('refused with its text when the row is no longer in an allowed state', async ({
    assert,
  }) => {
    const id = await row('closed')
    const error = await ticket.apply(db.connection(), 'hold', id).catch((e) => e)
    assert.instanceOf(error, Refusal)
    assert.equal(error.message, '该记录已不在可保留状态')
    assert.equal(error.status, 409)
    assert.equal(error.code, 'ticket_hold_refused')
  })

  test('a refusal given as a lang key is answered in Chinese', async ({ assert }) => {
    const id = await row('closed')
    const error = await ticket.apply(db.connection(), 'close', id).catch((e) => e)
    assert.equal(error.message, '该记录的状态已变化，请刷新页面后再操作')
  })

  test("'=' keeps the state and writes the other columns only where allowed", async ({
    assert,
  }) => {
    const id = await row('held')
    assert.isNull(await ticket.apply(db.connection(), 'edit', id, { set: { note: '已改' } }))
    const after = await db.from(TABLE).where('id', id).first()
    assert.equal(after.status, 'held')
    assert.equal(after.note, '已改')
    const closed = await row('closed')
    await assert.rejects(() =>
      ticket.apply(db.connection(), 'edit', closed, { set: { note: 'x' } })
    )
    assert.equal((await db.from(TABLE).where('id', closed).first()).note, '')
  })

  test('extra conditions (ownership) are part of the same update', async ({ assert }) => {
    const id = await row('open', 7)
    await assert.rejects(() => ticket.apply(db.connection(), 'hold', id, { where: { owner: 8 } }))
    assert.equal(await statusOf(id), 'open')
    await ticket.apply(db.connection(), 'hold', id, { where: { owner: 7 } })
    assert.equal(await statusOf(id), 'held')
  })

  test('two racing transitions: exactly one wins', async ({ assert }) => {
    const id = await row()
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () =>
        db.transaction((trx) => ticket.apply(trx, 'hold', id), { isolationLevel: 'read committed' })
      )
    )
    assert.lengthOf(
      results.filter((r) => r.status === 'fulfilled'),
      1
    )
    assert.equal(await statusOf(id), 'held')
  })

  test('applyMany answers exactly the rows that changed', async ({ assert }) => {
    const a = await row('open')
    const b = await row('closed')
    const c = await row('held')
    const changed = await ticket.applyMany(db.connection(), 'close', [a, b, c])
    assert.sameMembers(changed, [a, c])
  })

  test('a row cannot be created in a state that is not initial, nor reach an unknown one', ({
    assert,
  }) => {
    assert.throws(() => ticket.initial('closed' as any))
    assert.throws(() =>
      defineMachine({
        name: 'probe.bad',
        table: TABLE,
        states: ['a'],
        initial: ['a'],
        transitions: { go: { from: ['a'], to: 'b' as any, refuse: 'x' } },
      })
    )
    assert.isTrue(ticket.can('hold', 'open'))
    assert.isFalse(ticket.can('hold', 'closed'))
  })
})
