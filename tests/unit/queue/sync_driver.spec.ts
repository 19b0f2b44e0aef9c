import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { Dispatcher } from '#core/queue/dispatcher'
import { SyncDriver } from '#core/queue/drivers/sync_driver'
import jobRegistry from '#core/queue/job_registry'
import { Job, type JobContext } from '#core/queue/job'
import moduleSwitches from '#core/modules/module_switches'
import { nowDb } from '#core/database/time'

const seen: { payload: any; context: JobContext }[] = []

class RecordingJob extends Job<{ schoolId?: number; n: number }> {
  async handle(payload: { schoolId?: number; n: number }, context: JobContext) {
    seen.push({ payload, context })
  }
}

class ExplodingJob {
  async handle() {
    throw new Error('数据库里找不到这条邀请')
  }
}

function syncQueue() {
  const queue = new Dispatcher()
  queue.use(new SyncDriver())
  return queue
}

test.group('Queue: sync driver (QUEUE_DRIVER=sync)', (group) => {
  group.setup(async () => {
    await jobRegistry.register('core', {
      'test-recording': async () => ({ default: RecordingJob }),
      'test-exploding': async () => ({ default: ExplodingJob }),
    })
    // A job owned by a real module: the runner must skip it where that module is off.
    await jobRegistry.register('events', {
      'test-events-recording': async () => ({ default: RecordingJob }),
    })
  })
  group.each.setup(async () => {
    seen.length = 0
    return testUtils.db().truncate()
  })

  test('runs the job inline before dispatch returns, delays ignored', async ({ assert }) => {
    const queue = syncQueue()
    const result = await queue.dispatch(
      'test-recording',
      { n: 1 },
      { delay: 3_600_000, jobId: 'test-recording-1' }
    )
    assert.equal(result.status, 'completed')
    assert.lengthOf(seen, 1)
    assert.deepEqual(seen[0].payload, { n: 1 })
    assert.equal(seen[0].context.jobId, 'test-recording-1')
    assert.equal(seen[0].context.driver, 'sync')
    assert.equal(seen[0].context.attempt, 1)
  })

  test('the probe job stamps its row (the job really touches the database)', async ({ assert }) => {
    const queue = syncQueue()
    const [row] = await db.table('queue_probes').insert({ created_at: nowDb() }).returning('id')
    const probeId = Number(typeof row === 'object' ? row.id : row)
    await queue.dispatch('queue-probe', { probeId })
    const probe = await db.from('queue_probes').where('id', probeId).first()
    assert.isNotNull(probe.processed_at)
    assert.equal(probe.driver, 'sync')
  })

  test('a failing job never fails the caller: it is logged and recorded in failed_jobs', async ({
    assert,
  }) => {
    const queue = syncQueue()
    const result = await queue.dispatch('test-exploding', { invitationId: 7 }, { jobId: 'boom-7' })
    assert.equal(result.status, 'failed')
    const rows = await db.from('failed_jobs')
    assert.lengthOf(rows, 1)
    assert.equal(rows[0].name, 'test-exploding')
    assert.equal(rows[0].driver, 'sync')
    assert.equal(rows[0].job_id, 'boom-7')
    assert.deepEqual(JSON.parse(rows[0].payload), { invitationId: 7 })
    assert.include(rows[0].error, '数据库里找不到这条邀请')
  })

  test('an unknown job name or an invalid jobId is a programming error', async ({ assert }) => {
    const queue = syncQueue()
    await assert.rejects(
      () => queue.dispatch('no-such-job', {}),
      /Unknown background job "no-such-job"/
    )
    await assert.rejects(
      () => queue.dispatch('test-recording', { n: 1 }, { jobId: 'a:b' }),
      /Invalid jobId/
    )
    await assert.rejects(
      () => queue.dispatch('test-recording', { n: 1 }, { jobId: '42' }),
      /Invalid jobId/
    )
    assert.lengthOf(seen, 0)
  })

  test('a module job skips the school that switched the module off, and only that school', async ({
    assert,
  }) => {
    const { school: njsf, site: njsfSite } = await world.school()
    const { school: szsf } = await world.school()
    await moduleSwitches.setEnabled(njsfSite, 'events', false)
    const queue = syncQueue()
    const off = await queue.dispatch('test-events-recording', { schoolId: njsf.id, n: 1 })
    const on = await queue.dispatch('test-events-recording', { schoolId: szsf.id, n: 2 })
    assert.equal(off.status, 'skipped')
    assert.equal(on.status, 'completed')
    assert.deepEqual(
      seen.map((s) => s.payload.n),
      [2]
    )
    assert.isFalse(await seen[0].context.enabledFor(njsf.id))
    assert.isTrue(await seen[0].context.enabledFor(szsf.id))
  })

  test('a module job is skipped everywhere when the province makes the module unavailable', async ({
    assert,
  }) => {
    const main = await world.mainSite()
    const { school: szsf } = await world.school()
    await moduleSwitches.setEnabled(main, 'events', false)
    const queue = syncQueue()
    assert.equal((await queue.dispatch('test-events-recording', { n: 1 })).status, 'skipped')
    assert.equal(
      (await queue.dispatch('test-events-recording', { schoolId: szsf.id, n: 2 })).status,
      'skipped'
    )
    assert.lengthOf(seen, 0)
  })
})
