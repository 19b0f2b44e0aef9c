import type { FailedJobRow } from '#core/queue/failed_jobs'

export interface DispatchOptions {
  /** Run no earlier than this many ms from now (ignored by the sync driver). */
  delay?: number
  /**
   * Idempotency key: dispatching again with the same jobId while that job exists returns the
   * existing job. No ':' and not a bare integer: `sign-deadline-42`.
   */
  jobId?: string
  /** Attempts including the first run (default: the job class's `attempts`, then config). */
  attempts?: number
}

export interface DispatchResult {
  /**
   * sync: `completed` | `skipped` (module off) | `failed` (recorded in failed_jobs);
   * redis: `queued` | `outboxed` (Redis unreachable: kept in queue_outbox, flushed later).
   */
  status: 'completed' | 'skipped' | 'failed' | 'queued' | 'outboxed'
  jobId: string | null
}

export interface QueueDriver {
  readonly name: 'sync' | 'redis'
  dispatch(name: string, payload: object, options: DispatchOptions): Promise<DispatchResult>
  /** Runs a job from 失败任务 again. */
  retry(row: FailedJobRow): Promise<DispatchResult>
  close(): Promise<void>
}
