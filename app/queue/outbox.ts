import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import logger from '@adonisjs/core/services/logger'
import { fromDb, nowDb, toDb } from '#core/database/time'
import failedJobs, { describeError } from '#core/queue/failed_jobs'
import { UnknownJobError } from '#core/queue/job_registry'
import { isConnectionError } from '#core/queue/outage'

export interface OutboxEntry {
  id: number
  name: string
  payload: object
  jobId: string | null
  attempts: number | null
  /** Remaining delay in ms (0 when the job is already due). */
  delay: number
}

/** How long a flusher owns a row before another process may try it. */
const CLAIM_SECONDS = 30

/**
 * 发件箱: jobs the web process could not hand to Redis. Rows are written in the request
 * (so the job is not lost) and moved into Redis later by `flush`, with the remaining delay.
 */
export class Outbox {
  async put(
    name: string,
    payload: object,
    options: { jobId: string | null; delay?: number; attempts?: number },
    error: unknown
  ) {
    const now = DateTime.utc()
    const [row] = await db
      .table('queue_outbox')
      .insert({
        name,
        payload: JSON.stringify(payload ?? {}),
        job_id: options.jobId,
        delay_ms: options.delay ?? null,
        attempts: options.attempts ?? null,
        run_at: toDb(now.plus({ milliseconds: options.delay ?? 0 })),
        last_error: describeError(error).slice(0, 1000),
        flush_attempts: 0,
        created_at: toDb(now),
      })
      .returning('id')
    return typeof row === 'object' ? Number(row.id) : Number(row)
  }

  async count() {
    const row = await db.from('queue_outbox').count('* as total').first()
    return Number(row?.total ?? 0)
  }

  /**
   * Moves up to `limit` rows into Redis through `enqueue`. Each row is claimed first with a
   * conditional update, so concurrent flushers (several web processes and workers) never push
   * the same row twice; a row whose push fails stays for the next flush.
   * Returns how many rows were moved.
   */
  async flush(enqueue: (entry: OutboxEntry) => Promise<void>, limit = 200) {
    const rows = await db.from('queue_outbox').orderBy('id', 'asc').limit(limit)
    let moved = 0
    for (const raw of rows) {
      const now = DateTime.utc()
      const claimed = await db
        .from('queue_outbox')
        .where('id', raw.id)
        .where((q) => q.whereNull('claimed_until').orWhere('claimed_until', '<', nowDb()))
        .update({ claimed_until: toDb(now.plus({ seconds: CLAIM_SECONDS })) })
      if (Number(Array.isArray(claimed) ? claimed[0] : claimed) === 0) continue
      const runAt = fromDb(raw.run_at)
      const entry: OutboxEntry = {
        id: Number(raw.id),
        name: raw.name,
        payload: typeof raw.payload === 'string' ? JSON.parse(raw.payload) : raw.payload,
        jobId: raw.job_id,
        attempts: raw.attempts === null ? null : Number(raw.attempts),
        delay: runAt ? Math.max(0, runAt.toMillis() - now.toMillis()) : 0,
      }
      try {
        await enqueue(entry)
        await db.from('queue_outbox').where('id', raw.id).delete()
        moved++
      } catch (error) {
        if (error instanceof UnknownJobError) {
          // No longer a job of this app (module removed): it can never be queued; keep it visible
          // in 失败任务 instead of blocking the outbox.
          await failedJobs.record({
            driver: 'redis',
            queue: 'unknown',
            name: entry.name,
            jobId: entry.jobId,
            payload: entry.payload,
            error,
            attempts: 0,
          })
          await db.from('queue_outbox').where('id', raw.id).delete()
          continue
        }
        await db
          .from('queue_outbox')
          .where('id', raw.id)
          .update({
            claimed_until: null,
            flush_attempts: Number(raw.flush_attempts) + 1,
            last_error: describeError(error).slice(0, 1000),
          })
        // An outage is logged once by whoever watches the connection (the worker's RedisOutage).
        logger[isConnectionError(error) ? 'debug' : 'warn'](
          { err: error, outboxId: raw.id },
          'outbox flush stopped: Redis still unreachable'
        )
        break
      }
    }
    return moved
  }
}

const outbox = new Outbox()
export default outbox
