import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { fromDb, nowDb } from '#core/database/time'

export interface FailedJobRecord {
  driver: 'sync' | 'redis'
  queue: string
  name: string
  jobId: string | null
  payload: unknown
  error: unknown
  attempts: number
}

export interface FailedJobRow {
  id: number
  driver: 'sync' | 'redis'
  queue: string
  name: string
  jobId: string | null
  payload: string
  error: string
  attempts: number
  failedAt: ReturnType<typeof fromDb>
  retriedAt: ReturnType<typeof fromDb>
}

export function describeError(error: unknown) {
  if (error instanceof Error)
    return (error.stack ?? `${error.name}: ${error.message}`).slice(0, 4000)
  return String(error).slice(0, 4000)
}

/** 失败任务: jobs that used up their attempts, kept in the database so both drivers share one list. */
export class FailedJobs {
  async record(entry: FailedJobRecord) {
    await db.table('failed_jobs').insert({
      driver: entry.driver,
      queue: entry.queue,
      name: entry.name,
      job_id: entry.jobId,
      payload: JSON.stringify(entry.payload ?? {}),
      error: describeError(entry.error),
      attempts: entry.attempts,
      failed_at: nowDb(),
    })
  }

  toRow(raw: any): FailedJobRow {
    return {
      id: Number(raw.id),
      driver: raw.driver,
      queue: raw.queue,
      name: raw.name,
      jobId: raw.job_id,
      payload: raw.payload,
      error: raw.error,
      attempts: Number(raw.attempts),
      failedAt: fromDb(raw.failed_at),
      retriedAt: fromDb(raw.retried_at),
    }
  }

  async find(id: number) {
    const raw = await db.from('failed_jobs').where('id', id).first()
    return raw ? this.toRow(raw) : null
  }

  /**
   * Marks a failed job as retried (a conditional update, in the caller's transaction): returns
   * when, or null when it was already retried (two admins clicking at once).
   */
  async markRetried(
    id: number,
    userId: number | null,
    client: Pick<QueryClientContract, 'from'> = db
  ) {
    const now = nowDb()
    const updated = await client
      .from('failed_jobs')
      .where('id', id)
      .whereNull('retried_at')
      .update({ retried_at: now, retried_by: userId })
    if (Number(Array.isArray(updated) ? updated[0] : updated) === 0) return null
    return fromDb(now) ?? DateTime.now()
  }
}

const failedJobs = new FailedJobs()
export default failedJobs
