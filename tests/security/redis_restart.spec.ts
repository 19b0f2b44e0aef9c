import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { createServer, connect, type Server, type Socket } from 'node:net'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import { Queue } from 'bullmq'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { capabilities } from '#tests/helpers/capabilities'
import { dropPrefix, closedPort, realRedis, waitFor } from '#tests/unit/queue/redis_helpers'
import queue from '#core/queue/dispatcher'
import type { QueueDriver } from '#core/queue/types'
import { RedisDriver } from '#core/queue/drivers/redis_driver'
import { WorkerPool } from '#core/queue/worker'
import { runJob } from '#core/queue/runner'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { world, invite, passDeadline } from '#modules/procedures/tests/helpers'
import { makeEvent } from '#modules/events/tests/helpers'
import registrations from '#modules/events/services/registration_service'

/**
 * Item 8 of the security issue: a Redis restarted without persistence loses every delayed job
 * and the repeatable schedules. The database is the source of truth: the sweeps find what is due,
 * the worker re-creates its schedules, and an outage is logged once.
 */
const SWEEPS = ['events-reminder-sweep', 'procedures-deadline-sweep']
const prefixFor = () => `h_durable-${randomUUID().slice(0, 8)}`

async function schedulerNames(prefix: string, queues = ['events', 'procedures']) {
  const names: string[] = []
  for (const name of queues) {
    const q = new Queue(name, { connection: { ...realRedis() }, prefix })
    try {
      for (const s of await q.getJobSchedulers()) names.push(s.key)
    } finally {
      await q.close()
    }
  }
  return names.sort()
}

async function hasJob(prefix: string, queueName: string, jobId: string) {
  const q = new Queue(queueName, { connection: { ...realRedis() }, prefix })
  try {
    return Boolean(await q.getJob(jobId))
  } finally {
    await q.close()
  }
}

/** Dispatches through BullMQ under `prefix` (the test env uses the sync driver). */
async function withRedisQueue<T>(prefix: string, body: () => Promise<T>) {
  const driver = new RedisDriver({ prefix })
  const previous = queue.use(driver)
  try {
    return await body()
  } finally {
    queue.use(previous)
    await driver.close()
  }
}

/** A queue whose jobs are lost (Redis accepted them, then restarted without persistence). */
async function withLostJobs<T>(body: () => Promise<T>) {
  const lost: QueueDriver = {
    name: 'redis',
    dispatch: async () => ({ status: 'queued', jobId: null }),
    retry: async () => ({ status: 'queued', jobId: null }),
    close: async () => {},
  }
  const previous = queue.use(lost)
  try {
    return await body()
  } finally {
    queue.use(previous)
  }
}

const reminderMessages = (userId: number) =>
  db.from('messages').where('user_id', userId).where('title', 'like', '活动提醒%')

/** A TCP forwarder to the real Redis that can be cut and restored (a Redis restart, as a client sees it). */
class RedisProxy {
  #server: Server | null = null
  #sockets = new Set<Socket>()
  port = 0

  async up() {
    this.#server = createServer((client) => {
      const upstream = connect(realRedis().port, realRedis().host)
      this.#sockets.add(client).add(upstream)
      client.pipe(upstream).pipe(client)
      const drop = () => {
        client.destroy()
        upstream.destroy()
      }
      client.on('error', drop).on('close', drop)
      upstream.on('error', drop).on('close', drop)
    })
    await new Promise<void>((resolve) => this.#server!.listen(this.port, '127.0.0.1', resolve))
    const address = this.#server.address()
    this.port = typeof address === 'object' && address ? address.port : 0
  }

  async down() {
    for (const socket of this.#sockets) socket.destroy()
    this.#sockets.clear()
    await new Promise<void>((resolve) =>
      this.#server ? this.#server.close(() => resolve()) : resolve()
    )
    this.#server = null
  }
}

function startWorker(env: Record<string, string>) {
  const child = spawn(process.execPath, ['ace', 'queue:work'], {
    cwd: app.makePath(),
    env: { ...process.env, QUEUE_DRIVER: 'redis', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk) => (output += chunk.toString()))
  return { child, output: () => output }
}

function stopWorker(child: ChildProcess) {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve()
    const timer = setTimeout(() => child.kill('SIGKILL'), 15_000)
    child.once('exit', () => {
      clearTimeout(timer)
      resolve()
    })
    child.kill('SIGTERM')
  })
}

const count = (text: string, needle: string) => text.split(needle).length - 1

test.group('Redis 重启不丢任务: the database is the source of truth', (group) => {
  group.tap((t) =>
    t.skip(Boolean(capabilities.skipWithoutRedis()), capabilities.skipWithoutRedis() || undefined)
  )
  group.each.setup(() => testUtils.db().truncate())

  test('签约邀请到期: a due invitation whose delayed job Redis lost is expired by the sweep', async ({
    assert,
  }) => {
    const prefix = prefixFor()
    const w = await world()
    const invitation = await withRedisQueue(prefix, () => invite(w.employerUser, w.njsf.id))
    assert.isTrue(await hasJob(prefix, 'procedures', `sign-deadline-${invitation.id}`))
    // Redis restarted without persistence: the delayed job is gone; then the deadline passes.
    await dropPrefix(prefix)
    await passDeadline(invitation)
    const pool = new WorkerPool({ prefix, queues: ['procedures'], outboxFlushMs: 60_000 })
    try {
      await pool.start()
      await waitFor(async () => {
        await invitation.refresh()
        return invitation.status === 'expired'
      }, 20_000)
    } finally {
      await pool.close()
      await dropPrefix(prefix)
    }
    const notices = await db
      .from('messages')
      .where('dedupe_key', `sign-expired-${invitation.id}`)
      .select('user_id')
    assert.sameMembers(
      notices.map((n) => Number(n.user_id)),
      [w.studentZhang.id, w.employerUser.id]
    )
  }).timeout(60_000)

  test('签约邀请到期: the sweep and the per-invitation job expire an invitation once, not before its deadline', async ({
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    const sweep = () =>
      runJob('procedures-deadline-sweep', {}, { jobId: null, attempt: 1, driver: 'sync' })
    await sweep()
    await invitation.refresh()
    assert.equal(invitation.status, 'pending', 'not due yet: the sweep leaves it alone')
    await passDeadline(invitation)
    await Promise.all([
      sweep(),
      runJob(
        'sign-deadline',
        { invitationId: invitation.id, schoolId: w.njsf.id },
        {
          jobId: `sign-deadline-${invitation.id}`,
          attempt: 1,
          driver: 'sync',
        }
      ),
    ])
    await sweep()
    await invitation.refresh()
    assert.equal(invitation.status, 'expired')
    const audits = await db
      .from('audit_logs')
      .where('action', 'procedures.invitation.expire')
      .where('subject_type', 'signing_invitation')
      .where('subject_id', String(invitation.id))
    assert.lengthOf(audits, 1)
    assert.lengthOf(
      await db.from('messages').where('dedupe_key', `sign-expired-${invitation.id}`),
      2
    )
  })

  test('活动提醒: a due reminder whose job Redis lost is sent once by the sweep, not again on the next', async ({
    assert,
  }) => {
    const prefix = prefixFor()
    const w = await world()
    const startsAt = DateTime.now().plus({ hours: 20 })
    const event = await makeEvent(w, {
      startsAt,
      endsAt: startsAt.plus({ hours: 3 }),
      registrationEndsAt: startsAt.minus({ hours: 1 }),
    })
    const registration = await withRedisQueue(prefix, () =>
      registrations.register(w.studentZhang, event.id)
    )
    // No worker ran it; Redis restarted without persistence and lost it.
    await dropPrefix(prefix)
    assert.lengthOf(await reminderMessages(w.studentZhang.id), 0)
    const pool = new WorkerPool({ prefix, queues: ['events'], outboxFlushMs: 60_000 })
    try {
      await pool.start()
      await waitFor(async () => (await reminderMessages(w.studentZhang.id)).length > 0, 20_000)
      // The next sweeps (and a late copy of the per-registration job) send nothing more.
      await runJob('events-reminder-sweep', {}, { jobId: null, attempt: 1, driver: 'sync' })
      await runJob(
        'events-reminder',
        { registrationId: registration.id, schoolId: w.njsf.id },
        { jobId: null, attempt: 1, driver: 'sync' }
      )
      await runJob('events-reminder-sweep', {}, { jobId: null, attempt: 1, driver: 'sync' })
    } finally {
      await pool.close()
      await dropPrefix(prefix)
    }
    const sent = await reminderMessages(w.studentZhang.id)
    assert.lengthOf(sent, 1)
    assert.include(sent[0].title, event.title)
  }).timeout(60_000)

  test('定时任务自动恢复: the worker re-creates its schedules when their keys vanish', async ({
    assert,
  }) => {
    const prefix = prefixFor()
    await world()
    const pool = new WorkerPool({
      prefix,
      queues: ['events', 'procedures'],
      outboxFlushMs: 60_000,
      scheduleCheckMs: 300,
    })
    try {
      await pool.start()
      assert.deepEqual(await schedulerNames(prefix), SWEEPS)
      await dropPrefix(prefix)
      assert.deepEqual(await schedulerNames(prefix), [])
      const back = await waitFor(async () => {
        const names = await schedulerNames(prefix)
        return names.length === SWEEPS.length ? names : null
      }, 10_000)
      assert.deepEqual(back, SWEEPS)
    } finally {
      await pool.close()
      await dropPrefix(prefix)
    }
  }).timeout(60_000)

  test('Redis 重启: after an outage the worker logs one line each way, re-creates its schedules and the sweep runs', async ({
    assert,
  }) => {
    const prefix = prefixFor()
    const w = await world()
    const proxy = new RedisProxy()
    await proxy.up()
    const worker = startWorker({ QUEUE_PREFIX: prefix, REDIS_PORT: String(proxy.port) })
    try {
      await waitFor(async () => worker.output().includes('processing queues'), 45_000, 100).catch(
        () => {
          throw new Error(`queue:work did not start:\n${worker.output()}`)
        }
      )
      await waitFor(async () => (await schedulerNames(prefix)).length === SWEEPS.length, 10_000)

      // Redis goes away and comes back empty (no persistence).
      await proxy.down()
      await dropPrefix(prefix)
      const invitation = await invite(w.employerUser, w.njsf.id)
      await passDeadline(invitation)
      const startsAt = DateTime.now().plus({ hours: 20 })
      const event = await makeEvent(w, {
        startsAt,
        endsAt: startsAt.plus({ hours: 3 }),
        registrationEndsAt: startsAt.minus({ hours: 1 }),
      })
      await withLostJobs(() => registrations.register(w.studentZhang, event.id))
      await new Promise((resolve) => setTimeout(resolve, 4000))
      // Its job was lost with Redis: the reminder may already have come from the database side
      // (on PostgreSQL it does), but never twice; after Redis is back it is there exactly once.
      assert.isAtMost((await reminderMessages(w.studentZhang.id)).length, 1)
      await proxy.up()

      await waitFor(async () => (await schedulerNames(prefix)).length === SWEEPS.length, 20_000)
      await waitFor(async () => {
        const row = await SigningInvitation.find(invitation.id)
        return row?.status === 'expired'
      }, 20_000)
      await waitFor(async () => (await reminderMessages(w.studentZhang.id)).length === 1, 20_000)
      // A later sweep does not send it again.
      await new Promise((resolve) => setTimeout(resolve, 1500))
      assert.lengthOf(await reminderMessages(w.studentZhang.id), 1)
      const output = worker.output()
      assert.equal(count(output, 'Redis unreachable, retrying'), 1, output)
      assert.equal(count(output, 'Redis back after'), 1, output)
      assert.notInclude(output, 'queue worker error', output)
    } finally {
      await stopWorker(worker.child)
      await proxy.down()
      await dropPrefix(prefix)
    }
  }).timeout(120_000)

  test('Redis 不可达: a worker pointed at a closed port logs one line, not one per retry', async ({
    assert,
  }) => {
    const port = await closedPort()
    const worker = startWorker({ QUEUE_PREFIX: prefixFor(), REDIS_PORT: String(port) })
    try {
      await waitFor(async () => worker.output().includes('Redis unreachable'), 45_000, 100)
      // ioredis retries every few hundred ms on several connections per queue: give it time.
      await new Promise((resolve) => setTimeout(resolve, 5000))
    } finally {
      await stopWorker(worker.child)
    }
    const output = worker.output()
    assert.equal(count(output, 'Redis unreachable, retrying'), 1, output)
    assert.notInclude(output, 'queue worker error', output)
    assert.isBelow(output.split('\n').filter((l) => /ERROR|WARN/.test(l)).length, 2, output)
  }).timeout(90_000)
})
