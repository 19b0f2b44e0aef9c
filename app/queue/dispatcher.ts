import app from '@adonisjs/core/services/app'
import queueConfig from '#config/queue'
import jobRegistry, { UnknownJobError } from '#core/queue/job_registry'
import { SyncDriver } from '#core/queue/drivers/sync_driver'
import type { FailedJobRow } from '#core/queue/failed_jobs'
import type { DispatchOptions, DispatchResult, QueueDriver } from '#core/queue/types'

export type { DispatchOptions, DispatchResult } from '#core/queue/types'

/** BullMQ rejects ':' in ids and treats bare integers as its own counters. */
export function assertValidJobId(jobId: string) {
  if (!jobId || jobId.includes(':') || /^\d+$/.test(jobId) || jobId.length > 200) {
    throw new Error(
      `Invalid jobId "${jobId}": use a name with the id, e.g. "sign-deadline-42" (no ':', not a bare integer)`
    )
  }
}

/**
 * The one entry point for background work:
 *
 *   import queue from '#core/queue/dispatcher'
 *   await queue.dispatch('sign-deadline', { invitationId: 42, schoolId: 3 }, { delay: ms, jobId: 'sign-deadline-42' })
 *
 * The driver comes from QUEUE_DRIVER (config/queue.ts): `sync` runs the job inline,
 * `redis` enqueues into BullMQ (falling back to the outbox table when Redis is down).
 * Dispatch never throws because of the job or of Redis; it throws only for programming
 * errors (unknown job name, invalid jobId).
 */
export class Dispatcher {
  #driver: QueueDriver | null = null

  async driver(): Promise<QueueDriver> {
    if (!this.#driver) {
      if (queueConfig.driver === 'redis') {
        const { RedisDriver } = await import('#core/queue/drivers/redis_driver')
        this.#driver = new RedisDriver()
        // Close the Redis connection when the web process shuts down.
        app.terminating(() => this.close())
      } else {
        this.#driver = new SyncDriver()
      }
    }
    return this.#driver
  }

  /** Replaces the driver (tests; the worker uses its own). Returns the previous one. */
  use(driver: QueueDriver | null) {
    const previous = this.#driver
    this.#driver = driver
    return previous
  }

  async dispatch(
    name: string,
    payload: object = {},
    options: DispatchOptions = {}
  ): Promise<DispatchResult> {
    if (!(await jobRegistry.get(name))) throw new UnknownJobError(name)
    if (options.jobId === undefined) {
      // The job class may derive its idempotency key from the payload.
      const { Class } = await jobRegistry.resolve(name)
      if (typeof Class.jobId === 'function') options = { ...options, jobId: Class.jobId(payload) }
    }
    if (options.jobId !== undefined) assertValidJobId(options.jobId)
    if (options.delay !== undefined && (!Number.isFinite(options.delay) || options.delay < 0)) {
      options = { ...options, delay: 0 }
    }
    return (await this.driver()).dispatch(name, payload, options)
  }

  /** Runs a job from 失败任务 again through the current driver. */
  async retry(row: FailedJobRow): Promise<DispatchResult> {
    return (await this.driver()).retry(row)
  }

  async close() {
    await this.#driver?.close()
  }
}

const queue = new Dispatcher()
export default queue
