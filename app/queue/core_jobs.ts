/**
 * Jobs owned by the core (not by a module): stable name → lazy import.
 * Module jobs are declared in their manifests (`jobs`).
 */
export const coreJobs: Record<string, () => Promise<{ default: any }>> = {
  /** 队列自检: the province jobs page sends one to prove a worker is processing jobs. */
  'queue-probe': () => import('#core/queue/jobs/queue_probe_job'),
}
