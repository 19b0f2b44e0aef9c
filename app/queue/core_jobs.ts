/**
 * Jobs owned by the core (not by a module): stable name → lazy import.
 * Module jobs are declared in their manifests (`jobs`).
 */
export const coreJobs: Record<string, () => Promise<{ default: any }>> = {
  'queue-outbox-flush': () => import('#core/queue/jobs/outbox_flush_job'),
}
