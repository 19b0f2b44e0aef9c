import { UnrecoverableError, Worker, type Job as BullJob } from 'bullmq'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import jobRegistry, { UnknownJobError } from '#core/queue/job_registry'
import { runJob } from '#core/queue/runner'
import failedJobs from '#core/queue/failed_jobs'
import { RedisDriver } from '#core/queue/drivers/redis_driver'
import { redisTarget, type RedisTarget } from '#core/queue/redis_connection'

export interface WorkerPoolOptions {
  target?: RedisTarget
  prefix?: string
  concurrency?: number
  /** Only these queues (module ids or `core`); default: every queue that has jobs. */
  queues?: string[]
  outboxFlushMs?: number
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
  #closing: Promise<void> | null = null

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
      worker.on('error', (error) => logger.error({ err: error, queue: name }, 'queue worker error'))
      this.workers.push(worker)
    }
    await Promise.all(this.workers.map((w) => w.waitUntilReady()))
    await this.syncSchedules(queues)
    const every = this.#options.outboxFlushMs ?? queueConfig.worker.outboxFlushMs
    await this.flushOutbox()
    this.#timer = setInterval(() => void this.flushOutbox(), every)
    return queues
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
      logger.warn({ err: error }, 'outbox flush failed')
      return 0
    }
  }

  /** Graceful shutdown: stops taking jobs, waits for the ones in flight, closes connections. */
  close() {
    if (!this.#closing) {
      this.#closing = (async () => {
        if (this.#timer) clearInterval(this.#timer)
        await Promise.allSettled(this.workers.map((w) => w.close()))
        await this.producer.close()
      })()
    }
    return this.#closing
  }
}
