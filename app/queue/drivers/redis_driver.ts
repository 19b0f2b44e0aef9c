import { randomUUID } from 'node:crypto'
import { Job as BullJob, Queue, type JobsOptions } from 'bullmq'
import type { Redis } from 'ioredis'
import logger from '@adonisjs/core/services/logger'
import queueConfig from '#config/queue'
import jobRegistry, { UnknownJobError } from '#core/queue/job_registry'
import outbox, { type OutboxEntry } from '#core/queue/outbox'
import type { FailedJobRow } from '#core/queue/failed_jobs'
import {
  createProducerConnection,
  redisTarget,
  waitReady,
  withTimeout,
  type RedisTarget,
} from '#core/queue/redis_connection'
import type { DispatchOptions, DispatchResult, QueueDriver } from '#core/queue/types'

/** A web process looks at the outbox after a successful dispatch at most this often (unless it wrote to it). */
const OUTBOX_CHECK_MS = 30_000

export interface RedisDriverOptions {
  target?: RedisTarget
  prefix?: string
  /** Longest a web request waits for Redis before writing to the outbox. */
  timeoutMs?: number
}

/**
 * QUEUE_DRIVER=redis, producer side (web processes): adds jobs to BullMQ, one queue per owner
 * (module id or `core`). When Redis is unreachable the job goes to the outbox table and the
 * request still succeeds; the outbox is flushed after the next successful dispatch and by
 * the worker on an interval.
 */
export class RedisDriver implements QueueDriver {
  readonly name = 'redis' as const
  readonly prefix: string
  #target: RedisTarget
  #timeoutMs: number
  #connection: Redis | null = null
  #queues = new Map<string, Queue>()
  #triedInitialConnect = false
  #flushing: Promise<number> | null = null
  #outboxPending = false
  #lastOutboxCheck = 0

  constructor(options: RedisDriverOptions = {}) {
    this.#target = options.target ?? redisTarget()
    this.prefix = options.prefix ?? queueConfig.prefix
    this.#timeoutMs = options.timeoutMs ?? 1000
  }

  get connection() {
    if (!this.#connection) {
      this.#connection = createProducerConnection(this.#target)
      // Errors are expected while Redis is down (the outbox covers them); keep the log quiet.
      this.#connection.on('error', (error) =>
        logger.debug({ err: error }, 'queue producer connection error')
      )
    }
    return this.#connection
  }

  queue(name: string) {
    let q = this.#queues.get(name)
    if (!q) {
      q = new Queue(name, { connection: this.connection, prefix: this.prefix })
      q.on('error', (error) => logger.debug({ err: error, queue: name }, 'queue error'))
      this.#queues.set(name, q)
    }
    return q
  }

  /** BullMQ options of a job: attempts and exponential back-off from the class, then config. */
  async jobOptions(
    name: string,
    jobId: string,
    delay?: number,
    attempts?: number | null
  ): Promise<JobsOptions> {
    const { Class } = await jobRegistry.resolve(name)
    return {
      jobId,
      delay: delay && delay > 0 ? Math.round(delay) : undefined,
      attempts: attempts ?? Class.attempts ?? queueConfig.defaults.attempts,
      backoff: { type: 'exponential', delay: Class.backoffMs ?? queueConfig.defaults.backoffMs },
      removeOnComplete: queueConfig.defaults.removeOnComplete,
      removeOnFail: queueConfig.defaults.removeOnFail,
    }
  }

  /** Adds one job to Redis or throws quickly (Redis unreachable). */
  async enqueue(
    name: string,
    payload: object,
    jobId: string,
    delay?: number,
    attempts?: number | null
  ) {
    const registered = await jobRegistry.get(name)
    if (!registered) throw new UnknownJobError(name)
    const connection = this.connection
    if (connection.status !== 'ready') {
      // Wait for the very first connect; afterwards fail fast (never hold a request on Redis).
      const wait = this.#triedInitialConnect ? 0 : this.#timeoutMs
      this.#triedInitialConnect = true
      if (!(await waitReady(connection, wait)))
        throw new Error(`Redis not ready (${connection.status})`)
    }
    this.#triedInitialConnect = true
    const options = await this.jobOptions(name, jobId, delay, attempts)
    await withTimeout(
      this.queue(registered.queue).add(name, payload, options),
      this.#timeoutMs,
      'queue.add'
    )
  }

  async dispatch(name: string, payload: object, options: DispatchOptions): Promise<DispatchResult> {
    // Every job gets an id, so a late add after a timeout and its outbox copy are the same job.
    const jobId = options.jobId ?? `${name}-${randomUUID()}`
    try {
      await this.enqueue(name, payload, jobId, options.delay, options.attempts)
    } catch (error) {
      await outbox.put(
        name,
        payload,
        { jobId, delay: options.delay, attempts: options.attempts },
        error
      )
      this.#outboxPending = true
      logger.warn(
        { job: name, jobId, reason: (error as Error).message },
        'Redis unreachable: job kept in the outbox'
      )
      return { status: 'outboxed', jobId }
    }
    // Redis answers again: move what this process (or, now and then, any process) left in the outbox.
    const now = Date.now()
    if (this.#outboxPending || now - this.#lastOutboxCheck > OUTBOX_CHECK_MS) {
      this.#outboxPending = false
      this.#lastOutboxCheck = now
      void this.flushOutbox().catch(() => {
        this.#outboxPending = true
      })
    }
    return { status: 'queued', jobId }
  }

  /** Moves outbox rows into Redis (one flush at a time per process). Returns how many moved. */
  flushOutbox(): Promise<number> {
    if (!this.#flushing) {
      this.#flushing = outbox
        .flush((entry: OutboxEntry) =>
          this.enqueue(
            entry.name,
            entry.payload,
            entry.jobId ?? `${entry.name}-outbox-${entry.id}`,
            entry.delay,
            entry.attempts
          )
        )
        .finally(() => {
          this.#flushing = null
        })
    }
    return this.#flushing
  }

  /**
   * 重试: adds the job again under a new id (`<jobId>-retry-<failed row id>`), removing the failed
   * copy BullMQ kept so its id is free again. Redis down: the retry waits in the outbox like any job.
   */
  async retry(row: FailedJobRow): Promise<DispatchResult> {
    if (row.jobId) {
      try {
        const existing = await withTimeout(
          BullJob.fromId(this.queue(row.queue), row.jobId),
          this.#timeoutMs,
          'Job.fromId'
        )
        if (existing && (await existing.isFailed())) await existing.remove()
      } catch {
        // Best effort: the old copy expires with removeOnFail anyway.
      }
    }
    const base = (row.jobId ?? row.name).replace(/-retry-\d+$/, '')
    return this.dispatch(row.name, JSON.parse(row.payload), { jobId: `${base}-retry-${row.id}` })
  }

  async close() {
    await Promise.allSettled([...this.#queues.values()].map((q) => q.close()))
    this.#queues.clear()
    if (this.#connection) {
      this.#connection.disconnect()
      this.#connection = null
    }
  }
}
