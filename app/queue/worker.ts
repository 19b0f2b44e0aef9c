import { UnrecoverableError, Worker, type Job as BullJob } from 'bullmq'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import jobRegistry, { UnknownJobError } from '#core/queue/job_registry'
import { runJob } from '#core/queue/runner'
import failedJobs from '#core/queue/failed_jobs'
import { RedisDriver } from '#core/queue/drivers/redis_driver'
import { redisTarget, type RedisTarget } from '#core/queue/redis_connection'
import { RedisOutage, isConnectionError } from '#core/queue/outage'

export interface WorkerPoolOptions {
  target?: RedisTarget
  prefix?: string
  concurrency?: number
  /** Only these queues (module ids or `core`); default: every queue that has jobs. */
  queues?: string[]
  outboxFlushMs?: number
  /** How often the worker checks that its repeatable schedules still exist in Redis. */
  scheduleCheckMs?: number
}

/**
 * What `node ace queue:work` runs: one BullMQ worker per queue (core + each module with jobs),
 * the repeatable jobs declared in manifests (`schedules`), and the outbox flusher.
 * `close()` waits for the jobs in flight (worker.close()).
 */
export class WorkerPool {
  readonly workers: Worker[] = []
  readonly producer: RedisDriver
  #target: RedisTarget
  #prefix: string
  #options: WorkerPoolOptions
  #timer: NodeJS.Timeout | null = null
  #scheduleTimer: NodeJS.Timeout | null = null
  #closing: Promise<void> | null = null
  #queues: string[] = []
  #wasReady = false
  #resyncing: Promise<void> | null = null
  #vanished = new Set<string>()
  /** One log line per Redis outage (not one per connection and retry). */
  readonly outage = new RedisOutage()

  constructor(options: WorkerPoolOptions = {}) {
    this.#options = options
    this.#target = options.target ?? redisTarget()
    this.#prefix = options.prefix ?? queueConfig.prefix
    this.producer = new RedisDriver({ target: this.#target, prefix: this.#prefix, timeoutMs: 5000 })
  }

  async start() {
    const known = await jobRegistry.queues()
    const queues = this.#options.queues?.length
      ? this.#options.queues.filter((q) => known.includes(q))
      : known
    this.#queues = queues
    this.#watchProducer()
    for (const name of queues) {
      const worker = new Worker(name, (job) => this.process(job), {
        connection: {
          host: this.#target.host,
          port: this.#target.port,
          password: this.#target.password,
          maxRetriesPerRequest: null,
        },
        prefix: this.#prefix,
        concurrency: this.#options.concurrency ?? queueConfig.worker.concurrency,
      })
      worker.on('failed', (job, error) => void this.onFailed(name, job, error))
      worker.on('error', this.#onError('queue worker error', { queue: name }))
      this.workers.push(worker)
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()))
    // The producer connection may still be reconnecting (its back-off is its own): wait for it.
    while (this.producer.connection.status !== 'ready' && !this.#closing) {
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    await this.syncSchedules(queues)
    const every = this.#options.outboxFlushMs ?? queueConfig.worker.outboxFlushMs
    await this.flushOutbox()
    this.#timer = setInterval(() => void this.flushOutbox(), every)
    const checkEvery = this.#options.scheduleCheckMs ?? queueConfig.worker.scheduleCheckMs
    this.#scheduleTimer = setInterval(() => void this.ensureSchedules(), checkEvery)
    return queues
  }

  /**
   * Connection errors of workers and queues feed the outage (logged once); only when the
   * producer connection is not ready, so a straggling retry after Redis is back stays quiet.
   */
  #onError(what: string, extra: Record<string, unknown> = {}) {
    return (error: Error) => {
      if (isConnectionError(error)) {
        if (this.producer.connection.status !== 'ready') this.outage.down(error)
        return
      }
      // A job in flight while Redis restarted without persistence cannot be finished: its key is
      // gone. Expected once per such job (the sweeps redo its work): one warning, not a stack per try.
      const vanished = /Missing key for job (\S+?)\.? /.exec(error.message ?? '')
      if (vanished) {
        if (this.#vanished.has(vanished[1])) return
        if (this.#vanished.size > 1000) this.#vanished.clear()
        this.#vanished.add(vanished[1])
        return logger.warn(
          { job: vanished[1], ...extra },
          'job lost from Redis (restart without persistence?)'
        )
      }
      logger.error({ err: error, ...extra }, what)
    }
  }

  /**
   * The producer connection is the worker's view of Redis health: 'close' starts an outage,
   * 'ready' ends it. A Redis restarted without persistence has lost the repeatable schedules,
   * so every 'ready' after the first re-creates them (upsert: harmless when they survived).
   */
  #watchProducer() {
    const connection = this.producer.connection
    connection.on('error', this.#onError('queue connection error'))
    connection.on('close', () => {
      if (this.#wasReady && !this.#closing) this.outage.down('connection closed')
    })
    connection.on('ready', () => {
      const reconnect = this.#wasReady
      this.#wasReady = true
      this.outage.up()
      if (reconnect && !this.#closing) void this.resyncSchedules('Redis reconnected')
    })
  }

  /** Re-creates the schedules (one run at a time); never throws. */
  resyncSchedules(reason: string) {
    if (!this.#resyncing) {
      this.#resyncing = this.syncSchedules(this.#queues)
        .then(() => logger.info({ reason }, 'repeatable schedules re-created'))
        .catch((error) => this.#onError('could not re-create the repeatable schedules')(error))
        .finally(() => {
          this.#resyncing = null
        })
    }
    return this.#resyncing
  }

  /**
   * Periodic check that every declared schedule still exists in Redis (keys deleted, FLUSHALL,
   * a failover to a replica that never had them): re-creates them when one is missing.
   */
  async ensureSchedules() {
    if (this.#closing || this.outage.active || this.#resyncing) return false
    try {
      const declared = (await jobRegistry.schedules()).filter((s) => this.#queues.includes(s.queue))
      for (const queueName of new Set(declared.map((s) => s.queue))) {
        const existing = await this.producer.queue(queueName).getJobSchedulers()
        const missing = declared.some(
          (s) => s.queue === queueName && !existing.some((e) => e.key === s.name || e.id === s.name)
        )
        if (missing) {
          await this.resyncSchedules('schedules missing in Redis')
          return true
        }
      }
    } catch (error) {
      this.#onError('could not check the repeatable schedules')(error as Error)
    }
    return false
  }

  async process(job: BullJob) {
    try {
      return await runJob(job.name, job.data, {
        jobId: job.id ?? null,
        attempt: job.attemptsMade + 1,
        driver: 'redis',
      })
    } catch (error) {
      // A job whose name no longer exists (module removed) cannot succeed by retrying.
      if (error instanceof UnknownJobError) throw new UnrecoverableError(error.message)
      throw error
    }
  }

  /** Records the job in failed_jobs once it has used up its attempts (not on each retry). */
  async onFailed(queue: string, job: BullJob | undefined, error: Error) {
    if (!job) return
    const attempts = job.opts.attempts ?? 1
    const final = error instanceof UnrecoverableError || job.attemptsMade >= attempts
    logger.warn(
      { err: error, job: job.name, jobId: job.id, attempt: job.attemptsMade, final },
      'background job failed'
    )
    if (!final) return
    try {
      await failedJobs.record({
        driver: 'redis',
        queue,
        name: job.name,
        jobId: job.id ?? null,
        payload: job.data,
        error,
        attempts: job.attemptsMade,
      })
    } catch (recordError) {
      logger.error({ err: recordError }, 'could not record the failed job')
    }
  }

  /** Repeatable jobs: upserts the declared schedules and removes the ones no longer declared. */
  async syncSchedules(queues: string[]) {
    const schedules = (await jobRegistry.schedules()).filter((s) => queues.includes(s.queue))
    for (const queueName of queues) {
      const queue = this.producer.queue(queueName)
      const declared = schedules.filter((s) => s.queue === queueName)
      for (const existing of await queue.getJobSchedulers()) {
        if (!declared.some((s) => s.name === existing.key || s.name === existing.id)) {
          await queue.removeJobScheduler(existing.key)
        }
      }
      for (const s of declared) {
        await queue.upsertJobScheduler(
          s.name,
          s.pattern ? { pattern: s.pattern, tz: 'Asia/Shanghai' } : { every: s.every ?? 60_000 },
          {
            name: s.name,
            data: s.payload ?? {},
            opts: {
              removeOnComplete: queueConfig.defaults.removeOnComplete,
              removeOnFail: queueConfig.defaults.removeOnFail,
            },
          }
        )
      }
    }
  }

  async flushOutbox() {
    try {
      const moved = await this.producer.flushOutbox()
      if (moved) logger.info({ moved }, 'outbox flushed into Redis')
      return moved
    } catch (error) {
      if (isConnectionError(error)) this.#onError('outbox flush failed')(error as Error)
      else logger.warn({ err: error }, 'outbox flush failed')
      return 0
    }
  }

  /** Graceful shutdown: stops taking jobs, waits for the ones in flight, closes connections. */
  close() {
    if (!this.#closing) {
      this.#closing = (async () => {
        if (this.#timer) clearInterval(this.#timer)
        if (this.#scheduleTimer) clearInterval(this.#scheduleTimer)
        await Promise.allSettled(this.workers.map((w) => w.close()))
        await this.producer.close()
      })()
    }
    return this.#closing
  }
}
