import moduleRegistry from '#core/modules/registry'
import { coreJobs, coreSchedules } from '#core/queue/core_jobs'
import type { JobClass } from '#core/queue/job'

export interface RegisteredJob {
  name: string
  /** Module id that owns the job, or `core`. Also the BullMQ queue name. */
  queue: string
  load: () => Promise<{ default: any }>
}

export interface Schedule {
  name: string
  every?: number
  pattern?: string
  payload?: object
  queue: string
}

export const CORE_QUEUE = 'core'

/**
 * Every job the app knows: core jobs plus the `jobs` of every installed module manifest,
 * each under a stable name. Names are global: two owners declaring the same name is an error.
 */
export class JobRegistry {
  #jobs = new Map<string, RegisteredJob>()
  #classes = new Map<string, JobClass>()
  #loaded = false

  async load() {
    if (this.#loaded) return this
    await moduleRegistry.load()
    const jobs = new Map<string, RegisteredJob>()
    const add = (queue: string, entries: Record<string, () => Promise<{ default: any }>>) => {
      for (const [name, load] of Object.entries(entries)) {
        const existing = jobs.get(name)
        if (existing)
          throw new Error(`Job name "${name}" declared by both "${existing.queue}" and "${queue}"`)
        jobs.set(name, { name, queue, load })
      }
    }
    add(CORE_QUEUE, coreJobs)
    for (const manifest of moduleRegistry.all()) add(manifest.id, manifest.jobs ?? {})
    this.#jobs = jobs
    this.#loaded = true
    return this
  }

  async get(name: string) {
    await this.load()
    return this.#jobs.get(name)
  }

  async all() {
    await this.load()
    return [...this.#jobs.values()]
  }

  /** Queues that have at least one job (core + modules with jobs). */
  async queues() {
    return [...new Set((await this.all()).map((j) => j.queue))]
  }

  /** Repeatable jobs: the core's (`coreSchedules`) and those declared by module manifests (`schedules`). */
  async schedules(): Promise<Schedule[]> {
    await this.load()
    const out: Schedule[] = coreSchedules.map((s) => ({ ...s, queue: CORE_QUEUE }))
    for (const manifest of moduleRegistry.all()) {
      for (const s of manifest.schedules ?? []) {
        out.push({ ...s, queue: manifest.id })
      }
    }
    return out
  }

  /** Loads the job class (cached). A job that fails to load is an error, never a silent success. */
  async resolve(name: string): Promise<{ job: RegisteredJob; Class: JobClass }> {
    const job = await this.get(name)
    if (!job) throw new UnknownJobError(name)
    let Class = this.#classes.get(name)
    if (!Class) {
      Class = (await job.load()).default as JobClass
      if (typeof Class !== 'function' || typeof Class.prototype?.handle !== 'function') {
        throw new Error(`Job "${name}" does not export a class with a handle(payload) method`)
      }
      this.#classes.set(name, Class)
    }
    return { job, Class }
  }

  /** Adds jobs at run time (tests, or core code that is not a module). */
  async register(queue: string, entries: Record<string, () => Promise<{ default: any }>>) {
    await this.load()
    for (const [name, load] of Object.entries(entries)) {
      this.#jobs.set(name, { name, queue, load })
      this.#classes.delete(name)
    }
  }

  /** Test helper: forget loaded state (after changing the installed modules in a test). */
  reset() {
    this.#jobs.clear()
    this.#classes.clear()
    this.#loaded = false
  }
}

export class UnknownJobError extends Error {
  constructor(public jobName: string) {
    super(
      `Unknown background job "${jobName}": declare it in a module manifest (jobs) or in app/queue/core_jobs.ts`
    )
  }
}

const jobRegistry = new JobRegistry()
export default jobRegistry
