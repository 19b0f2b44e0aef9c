/**
 * Jobs owned by the core (not by a module): stable name → lazy import.
 * Module jobs are declared in their manifests (`jobs`).
 */
export const coreJobs: Record<string, () => Promise<{ default: any }>> = {
  /** 队列自检: the province jobs page sends one to prove a worker is processing jobs. */
  'queue-probe': () => import('#core/queue/jobs/queue_probe_job'),
  /** 清理孤立文件: uploads no record references (see app/files/file_service.ts sweepOrphans). */
  'files-orphan-sweep': () => import('#core/files/jobs/orphan_sweep_job'),
}

/** Repeatable core jobs, run by `node ace queue:work` like the manifests' `schedules`. */
export const coreSchedules: { name: string; every?: number; pattern?: string; payload?: object }[] =
  [{ name: 'files-orphan-sweep', every: 60 * 60_000 }]
