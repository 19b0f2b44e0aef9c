import moduleSwitches from '#core/modules/module_switches'
import jobRegistry, { CORE_QUEUE } from '#core/queue/job_registry'
import type { JobContext } from '#core/queue/job'

export type RunOutcome = 'completed' | 'skipped'

export interface RunOptions {
  jobId: string | null
  attempt: number
  driver: 'sync' | 'redis'
}

/**
 * Runs one job the same way in both drivers: resolves the class by stable name, skips a module
 * job when the module is off (province-wide, or for the payload's `schoolId`), then calls handle.
 * Errors propagate to the driver (retry / failed_jobs).
 */
export async function runJob(name: string, payload: any, options: RunOptions): Promise<RunOutcome> {
  const { job, Class } = await jobRegistry.resolve(name)
  const isModuleJob = job.queue !== CORE_QUEUE
  if (isModuleJob) {
    const schoolId = payload && typeof payload.schoolId === 'number' ? payload.schoolId : null
    const on = schoolId
      ? await moduleSwitches.isEnabledForSchool(schoolId, job.queue)
      : await moduleSwitches.isAvailableInProvince(job.queue)
    if (!on) return 'skipped'
  }
  const context: JobContext = {
    name,
    queue: job.queue,
    jobId: options.jobId,
    attempt: options.attempt,
    driver: options.driver,
    enabledFor: (schoolId: number) =>
      isModuleJob ? moduleSwitches.isEnabledForSchool(schoolId, job.queue) : Promise.resolve(true),
  }
  await new Class().handle(payload, context)
  return 'completed'
}
