import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace queue:sweep`: runs every sweep job (job classes with `static sweep = true`: signing
 * deadlines, event reminders …) once, inline, in this process. The worker runs them every minute
 * through the manifests' `schedules`; with QUEUE_DRIVER=sync there is no worker, so run this from
 * cron (or with `--every=60`). Sweeps are idempotent: running it next to a worker is harmless.
 */
export default class QueueSweep extends BaseCommand {
  static commandName = 'queue:sweep'
  static description =
    'Run the safety-net sweeps (due deadlines, due reminders) once, or every N seconds'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.number({ description: 'Keep running: sweep every N seconds until SIGTERM' })
  declare every: number

  async run() {
    const { default: jobRegistry } = await import('#core/queue/job_registry')
    const { runJob } = await import('#core/queue/runner')
    const sweeps: string[] = []
    for (const job of await jobRegistry.all()) {
      const { Class } = await jobRegistry.resolve(job.name)
      if (Class.sweep) sweeps.push(job.name)
    }
    let failed = false
    const once = async () => {
      for (const name of sweeps) {
        try {
          const outcome = await runJob(name, {}, { jobId: null, attempt: 1, driver: 'sync' })
          this.logger.info(`queue:sweep ${name}: ${outcome}`)
        } catch (error) {
          failed = true
          this.logger.error(`queue:sweep ${name} failed: ${(error as Error).message}`)
        }
      }
    }
    await once()
    if (!this.every || this.every <= 0) {
      this.exitCode = failed ? 1 : 0
      return this.app.terminate()
    }
    const timer = setInterval(() => void once(), this.every * 1000)
    const stop = () => {
      clearInterval(timer)
      void this.app.terminate()
    }
    process.removeAllListeners('SIGTERM')
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  }
}
