import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { capabilities } from '#tests/helpers/capabilities'
import { Dispatcher } from '#core/queue/dispatcher'
import { RedisDriver } from '#core/queue/drivers/redis_driver'
import { WorkerPool } from '#core/queue/worker'
import jobRegistry from '#core/queue/job_registry'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import { Job, type JobContext } from '#core/queue/job'
import {
  closedPort,
  dropPrefix,
  realRedis,
  uniquePrefix,
  waitFor,
} from '#tests/unit/queue/redis_helpers'

interface Run {
  n: number
  at: number
  attempt: number
  jobId: string | null
}
const runs: Run[] = []
let failuresLeft = 0

class RecordingJob extends Job<{ n: number; schoolId?: number }> {
  static attempts = 3
  static backoffMs = 100
  async handle(payload: { n: number }, context: JobContext) {
    if (failuresLeft > 0) {
      failuresLeft--
      throw new Error(`暂时失败 (attempt ${context.attempt})`)
    }
    runs.push({ n: payload.n, at: Date.now(), attempt: context.attempt, jobId: context.jobId })
  }
}

class AlwaysFailingJob extends Job<{ n: number }> {
  static attempts = 2
  static backoffMs = 50
  async handle() {
    throw new Error('签约邀请不存在')
  }
}

class DeadlineJob extends Job<{ invitationId: number; n: number }> {
  static jobId = (payload: { invitationId: number }) => `sign-deadline-${payload.invitationId}`
  async handle(payload: { n: number }, context: JobContext) {
    runs.push({ n: payload.n, at: Date.now(), attempt: context.attempt, jobId: context.jobId })
  }
}

class SlowJob extends Job<{ n: number }> {
  async handle(payload: { n: number }) {
    await new Promise((r) => setTimeout(r, 600))
    runs.push({ n: payload.n, at: Date.now(), attempt: 1, jobId: null })
  }
}

test.group('Queue: BullMQ driver against the real Redis', (group) => {
  let prefix: string
  const open: { close(): Promise<void> }[] = []
  const track = <T extends { close(): Promise<void> }>(x: T) => (open.push(x), x)

  group.tap((t) =>
    t.skip(Boolean(capabilities.skipWithoutRedis()), capabilities.skipWithoutRedis() || undefined)
  )
  group.setup(async () => {
    await jobRegistry.register('core', {
      'test-redis-recording': async () => ({ default: RecordingJob }),
      'test-redis-failing': async () => ({ default: AlwaysFailingJob }),
      'test-redis-slow': async () => ({ default: SlowJob }),
      'test-redis-deadline': async () => ({ default: DeadlineJob }),
    })
    await jobRegistry.register('events', {
      'test-redis-events': async () => ({ default: RecordingJob }),
    })
  })
  group.each.setup(async () => {
    runs.length = 0
    failuresLeft = 0
    prefix = uniquePrefix()
    const truncate = await testUtils.db().truncate()
    return async () => {
      await Promise.allSettled(open.splice(0).map((x) => x.close()))
      await dropPrefix(prefix)
      await truncate()
    }
  })

  function producer(target = realRedis()) {
    const driver = track(new RedisDriver({ target, prefix, timeoutMs: 1500 }))
    const queue = new Dispatcher()
    queue.use(driver)
    return { driver, queue }
  }
  function workers(queues = ['core']) {
    return track(new WorkerPool({ prefix, queues, concurrency: 5, outboxFlushMs: 200 }))
  }

  test('a dispatched job is queued in Redis and run by a worker', async ({ assert }) => {
    const { queue } = producer()
    await workers().start()
    const result = await queue.dispatch('test-redis-recording', { n: 1 })
    assert.equal(result.status, 'queued')
    await waitFor(async () => runs.length === 1)
    assert.equal(runs[0].n, 1)
    assert.equal(runs[0].jobId, result.jobId)
  })

  test('a delayed job waits for its delay', async ({ assert }) => {
    const { queue } = producer()
    await workers().start()
    const sentAt = Date.now()
    await queue.dispatch('test-redis-recording', { n: 2 }, { delay: 800 })
    await waitFor(async () => runs.length === 1)
    assert.isAtLeast(runs[0].at - sentAt, 750)
  })

  test('dispatching twice with the same jobId runs the job once (idempotency key)', async ({
    assert,
  }) => {
    const { queue } = producer()
    await queue.dispatch(
      'test-redis-recording',
      { n: 3 },
      { jobId: 'sign-deadline-42', delay: 300 }
    )
    await queue.dispatch(
      'test-redis-recording',
      { n: 4 },
      { jobId: 'sign-deadline-42', delay: 300 }
    )
    await workers().start()
    await waitFor(async () => runs.length >= 1)
    await new Promise((r) => setTimeout(r, 500))
    assert.deepEqual(
      runs.map((r) => r.n),
      [3]
    )
  })

  test('a job class can derive its idempotency key from the payload (static jobId)', async ({
    assert,
  }) => {
    const { queue } = producer()
    const first = await queue.dispatch(
      'test-redis-deadline',
      { invitationId: 7, n: 1 },
      { delay: 300 }
    )
    const second = await queue.dispatch(
      'test-redis-deadline',
      { invitationId: 7, n: 2 },
      { delay: 300 }
    )
    await queue.dispatch('test-redis-deadline', { invitationId: 8, n: 3 }, { delay: 300 })
    assert.equal(first.jobId, 'sign-deadline-7')
    assert.equal(second.jobId, 'sign-deadline-7')
    await workers().start()
    await waitFor(async () => runs.length >= 2)
    await new Promise((r) => setTimeout(r, 400))
    assert.sameMembers(
      runs.map((r) => `${r.jobId}:${r.n}`),
      ['sign-deadline-7:1', 'sign-deadline-8:3']
    )
  })

  test('a failing job is retried with back-off and succeeds on a later attempt', async ({
    assert,
  }) => {
    failuresLeft = 2
    const { queue } = producer()
    await workers().start()
    await queue.dispatch('test-redis-recording', { n: 5 })
    await waitFor(async () => runs.length === 1)
    assert.equal(runs[0].attempt, 3)
    assert.lengthOf(await db.from('failed_jobs'), 0)
  })

  test('a job that uses up its attempts lands in failed_jobs once, and 重试 runs it again', async ({
    assert,
  }) => {
    const { queue, driver } = producer()
    await workers().start()
    await queue.dispatch('test-redis-failing', { n: 6 }, { jobId: 'failing-6' })
    const rows = await waitFor(async () => {
      const r = await db.from('failed_jobs')
      return r.length ? r : null
    })
    await new Promise((r) => setTimeout(r, 300))
    assert.lengthOf(await db.from('failed_jobs'), 1)
    assert.equal(rows[0].job_id, 'failing-6')
    assert.equal(rows[0].attempts, 2)
    assert.include(rows[0].error, '签约邀请不存在')

    const failedJobs = (await import('#core/queue/failed_jobs')).default
    await driver.retry(failedJobs.toRow(rows[0]))
    await waitFor(async () => (await db.from('failed_jobs')).length === 2)
  })

  test('a module job skips a school that switched the module off (worker side)', async ({
    assert,
  }) => {
    const { school: njsf, site: njsfSite } = await world.school()
    const { school: szsf } = await world.school()
    await moduleSwitches.setEnabled(njsfSite, 'events', false)
    const { queue } = producer()
    await workers(['events']).start()
    await queue.dispatch('test-redis-events', { n: 7, schoolId: njsf.id })
    await queue.dispatch('test-redis-events', { n: 8, schoolId: szsf.id })
    await waitFor(async () => runs.length === 1)
    await new Promise((r) => setTimeout(r, 300))
    assert.deepEqual(
      runs.map((r) => r.n),
      [8]
    )
  })

  test('close() waits for the job in flight (graceful shutdown)', async ({ assert }) => {
    const { queue } = producer()
    const pool = workers()
    await pool.start()
    await queue.dispatch('test-redis-slow', { n: 9 })
    await new Promise((r) => setTimeout(r, 200))
    assert.lengthOf(runs, 0)
    await pool.close()
    assert.deepEqual(
      runs.map((r) => r.n),
      [9]
    )
  })

  test('repeatable jobs declared in a manifest (schedules) run on their interval', async ({
    assert,
  }) => {
    const manifest = moduleRegistry.get('events')!
    const previous = manifest.schedules
    manifest.schedules = [{ name: 'test-redis-events', every: 300, payload: { n: 10 } }]
    try {
      const pool = workers(['events'])
      await pool.start()
      await waitFor(async () => runs.length >= 2, 5000)
      assert.isTrue(runs.every((r) => r.n === 10))
      const schedulers = await pool.producer.queue('events').getJobSchedulers()
      assert.lengthOf(schedulers, 1)
      // Removing the declaration removes the schedule on the next start.
      manifest.schedules = []
      await pool.syncSchedules(['events'])
      assert.lengthOf(await pool.producer.queue('events').getJobSchedulers(), 0)
    } finally {
      manifest.schedules = previous
    }
  })

  test('Redis down: the dispatch still succeeds at once, the job waits in the outbox and runs after Redis returns', async ({
    assert,
  }) => {
    const down = producer({ ...realRedis(), port: await closedPort() })
    const started = Date.now()
    const result = await down.queue.dispatch(
      'test-redis-recording',
      { n: 11 },
      { jobId: 'outbox-test-11' }
    )
    const second = await down.queue.dispatch('test-redis-recording', { n: 12 })
    assert.isBelow(Date.now() - started, 3000)
    assert.equal(result.status, 'outboxed')
    assert.equal(second.status, 'outboxed')
    const rows = await db.from('queue_outbox').orderBy('id')
    assert.deepEqual(
      rows.map((r) => r.name),
      ['test-redis-recording', 'test-redis-recording']
    )
    assert.lengthOf(runs, 0)

    // Redis is back: the worker flushes the outbox on its interval and runs both jobs.
    await workers().start()
    await waitFor(async () => runs.length === 2)
    assert.sameMembers(
      runs.map((r) => r.n),
      [11, 12]
    )
    assert.equal(runs.find((r) => r.n === 11)!.jobId, 'outbox-test-11')
    assert.lengthOf(await db.from('queue_outbox'), 0)
  })

  test('an outbox row whose job no longer exists goes to failed_jobs instead of blocking the outbox', async ({
    assert,
  }) => {
    const down = producer({ ...realRedis(), port: await closedPort() })
    await down.queue.dispatch('test-redis-recording', { n: 15 })
    await db.from('queue_outbox').update({ name: 'removed-module-job' })
    await down.queue.dispatch('test-redis-recording', { n: 16 })
    const up = producer()
    assert.equal(await up.driver.flushOutbox(), 1)
    assert.lengthOf(await db.from('queue_outbox'), 0)
    const failed = await db.from('failed_jobs')
    assert.lengthOf(failed, 1)
    assert.equal(failed[0].name, 'removed-module-job')
    assert.include(failed[0].error, 'Unknown background job')
  })

  test('Redis back: the next successful dispatch also flushes the outbox, keeping the remaining delay', async ({
    assert,
  }) => {
    const down = producer({ ...realRedis(), port: await closedPort() })
    await down.queue.dispatch('test-redis-recording', { n: 13 }, { delay: 1500 })
    const up = producer()
    await up.queue.dispatch('test-redis-recording', { n: 14 })
    await up.driver.flushOutbox()
    assert.lengthOf(await db.from('queue_outbox'), 0)
    const delayed = await up.driver.queue('core').getDelayedCount()
    assert.equal(delayed, 1)
    await workers().start()
    await waitFor(async () => runs.length === 2, 5000)
    assert.deepEqual(
      runs.map((r) => r.n),
      [14, 13]
    )
  })
})
