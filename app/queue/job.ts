import moduleSwitches from '#core/modules/module_switches'

/** What a running job knows about itself (second argument of `handle`). */
export interface JobContext {
  /** Stable job name, e.g. `sign-deadline`. */
  name: string
  /** Owning module id, or `core`. */
  queue: string
  /** BullMQ job id (the idempotency key when one was given at dispatch). */
  jobId: string | null
  /** 1 for the first run, 2 for the first retry, … */
  attempt: number
  /** `sync` (inline) or `redis` (worker). */
  driver: 'sync' | 'redis'
  /** Whether the owning module is on for a school (always true for core jobs). */
  enabledFor(schoolId: number): Promise<boolean>
}

/**
 * Base class of a background job. A job is found by a STABLE NAME declared in a module
 * manifest (`jobs: { 'sign-deadline': () => import('#modules/x/jobs/sign_deadline') }`),
 * never by file path, so a job queued before a deploy still runs after it.
 *
 * Rules for job authors:
 * - Payloads are JSON with ids only (no ID numbers, phones, names): `{ invitationId: 42, schoolId: 3 }`.
 * - Put `schoolId` in the payload when the job concerns one school: the runner then skips it
 *   when the module is switched off for that school. Jobs that fan out over many schools
 *   call `await context.enabledFor(schoolId)` (or `moduleEnabledFor`) per school.
 * - Be idempotent: a job may run twice (retries, re-dispatch with the same jobId after it finished).
 * - With QUEUE_DRIVER=sync delays are ignored and the job runs at once: a delayed job must check its
 *   own condition (e.g. "deadline passed?") and do nothing otherwise; correctness never depends on it.
 * - Throwing makes the job retry with exponential back-off, then land in 失败任务 (/province/jobs).
 *
 * Plain classes with an async `handle(payload, context)` work too; `Job` adds typing and options.
 */
export abstract class Job<Payload extends object = Record<string, unknown>> {
  /** Attempts including the first run (default from config/queue.ts). */
  static attempts?: number
  /** First back-off delay in ms, doubled on each retry (default from config/queue.ts). */
  static backoffMs?: number
  /**
   * Idempotency key derived from the payload, used as the BullMQ jobId when the dispatcher is
   * not given one: `static jobId = (p: { invitationId: number }) => \`sign-deadline-${p.invitationId}\``.
   * Dispatching again while that job waits returns the existing job. No ':' and not a bare integer.
   */
  static jobId?: (payload: any) => string
  /**
   * A safety-net sweep (finds due work in the database; idempotent, payload `{}`): declare it in the
   * manifest's `schedules` for the worker, and `node ace queue:sweep` runs it once on demand or from
   * cron (QUEUE_DRIVER=sync has no worker).
   */
  static sweep?: boolean

  abstract handle(payload: Payload, context: JobContext): Promise<void> | void
}

/** The shape the registry accepts: `Job` subclasses or plain classes with `handle`. */
export interface JobClass {
  new (): { handle(payload: any, context: JobContext): Promise<void> | void }
  attempts?: number
  backoffMs?: number
  jobId?: (payload: any) => string
  sweep?: boolean
}

/**
 * For jobs that fan out over schools: whether `moduleId` is on for `schoolId`
 * (province availability and the school's own switch, read from the same service as the web).
 */
export async function moduleEnabledFor(schoolId: number, moduleId: string) {
  return moduleSwitches.isEnabledForSchool(schoolId, moduleId)
}
