import logger from '@adonisjs/core/services/logger'
import { runJob } from '#core/queue/runner'
import failedJobs, { type FailedJobRow } from '#core/queue/failed_jobs'
import jobRegistry from '#core/queue/job_registry'
import type { DispatchOptions, DispatchResult, QueueDriver } from '#core/queue/types'

/**
 * QUEUE_DRIVER=sync: runs the job inline, once, when it is dispatched (delays ignored).
 * A failing job never fails the caller: the error is logged and recorded in failed_jobs
 * (retry from /province/jobs).
 *
 * Dispatch AFTER your transaction commits: on SQLite a job that queries the database while the
 * caller still holds a transaction would wait for it.
 */
export class SyncDriver implements QueueDriver {
  readonly name = 'sync' as const

  async dispatch(name: string, payload: object, options: DispatchOptions): Promise<DispatchResult> {
    const jobId = options.jobId ?? null
    try {
      const outcome = await runJob(name, payload, { jobId, attempt: 1, driver: 'sync' })
      return { status: outcome, jobId }
    } catch (error) {
      logger.error({ err: error, job: name, jobId }, 'background job failed (sync driver)')
      try {
        const registered = await jobRegistry.get(name)
        await failedJobs.record({
          driver: 'sync',
          queue: registered?.queue ?? 'unknown',
          name,
          jobId,
          payload,
          error,
          attempts: 1,
        })
      } catch (recordError) {
        logger.error({ err: recordError, job: name }, 'could not record the failed job')
      }
      return { status: 'failed', jobId }
    }
  }

  /** 重试: runs the job inline again (a new failure is recorded as a new row). */
  async retry(row: FailedJobRow) {
    return this.dispatch(row.name, JSON.parse(row.payload), { jobId: row.jobId ?? undefined })
  }

  async close() {}
}
