import { spawn, type ChildProcess } from 'node:child_process'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { capabilities } from '#tests/helpers/capabilities'
import { RedisDriver } from '#core/queue/drivers/redis_driver'
import { nowDb } from '#core/database/time'
import { dropPrefix, uniquePrefix, waitFor } from '#tests/unit/queue/redis_helpers'

/** Starts `node ace queue:work` as its own process, sharing this run's database and a unique prefix. */
function startWorker(prefix: string) {
  const child = spawn(process.execPath, ['ace', 'queue:work'], {
    cwd: app.makePath(),
    env: { ...process.env, QUEUE_DRIVER: 'redis', QUEUE_PREFIX: prefix },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk.toString()))
  child.stderr!.on('data', (chunk) => (output += chunk.toString()))
  return { child, output: () => output }
}

function exited(child: ChildProcess, ms: number) {
  return new Promise<number | null>((resolve, reject) => {
    if (child.exitCode !== null) return resolve(child.exitCode)
    const timer = setTimeout(() => reject(new Error(`worker did not exit within ${ms} ms`)), ms)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve(code)
    })
  })
}

test.group('node ace queue:work against the real Redis', (group) => {
  group.tap((t) =>
    t.skip(Boolean(capabilities.skipWithoutRedis()), capabilities.skipWithoutRedis() || undefined)
  )
  group.each.setup(() => testUtils.db().truncate())

  test('the worker process runs a queued job (it writes its row) and exits cleanly on SIGTERM', async ({
    assert,
  }) => {
    const prefix = uniquePrefix()
    const producer = new RedisDriver({ prefix })
    const worker = startWorker(prefix)
    try {
      await waitFor(async () => worker.output().includes('processing queues'), 45_000, 100).catch(
        () => {
          throw new Error(`queue:work did not start:\n${worker.output()}`)
        }
      )
      const [row] = await db.table('queue_probes').insert({ created_at: nowDb() }).returning('id')
      const probeId = Number(typeof row === 'object' ? row.id : row)
      const result = await producer.dispatch(
        'queue-probe',
        { probeId },
        { jobId: `queue-probe-${probeId}` }
      )
      assert.equal(result.status, 'queued')

      const probe = await waitFor(async () => {
        const p = await db.from('queue_probes').where('id', probeId).first()
        return p?.processed_at ? p : null
      }, 15_000)
      assert.equal(probe.driver, 'redis')

      worker.child.kill('SIGTERM')
      assert.equal(await exited(worker.child, 15_000), 0)
      assert.include(worker.output(), 'queue:work stopped')
    } finally {
      if (worker.child.exitCode === null) worker.child.kill('SIGKILL')
      await producer.close()
      await dropPrefix(prefix)
    }
  }).timeout(90_000)
})
