import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace queue:work`: runs the BullMQ workers of every queue (core and each installed module
 * with jobs), the repeatable schedules and the outbox flusher, until SIGTERM/SIGINT; then waits
 * for the jobs in flight and exits.
 */
export default class QueueWork extends BaseCommand {
  static commandName = 'queue:work'
  static description = 'Run the background job workers (BullMQ on Redis) until SIGTERM'
  static options: CommandOptions = { startApp: true, staysAlive: true }

  @flags.array({ description: 'Only these queues (module ids or core)' })
  declare queue: string[]

  @flags.number({ description: 'Jobs processed in parallel per queue' })
  declare concurrency: number

  async run() {
    const { WorkerPool } = await import('#core/queue/worker')
    const pool = new WorkerPool({ queues: this.queue, concurrency: this.concurrency })
    let stopping = false
    const stop = async (signal: string) => {
      if (stopping) return
      stopping = true
      this.logger.info(`queue:work received ${signal}, finishing the jobs in flight…`)
      await pool.close()
      this.logger.info('queue:work stopped')
      await this.app.terminate()
    }
    this.app.terminating(async () => {
      await pool.close()
    })
    // bin/console.ts listens to SIGTERM (app.terminate); handle both signals here so the
    // jobs in flight finish before the process exits.
    process.removeAllListeners('SIGTERM')
    process.once('SIGTERM', () => void stop('SIGTERM'))
    process.once('SIGINT', () => void stop('SIGINT'))
    const queues = await pool.start()
    this.logger.info(`queue:work processing queues: ${queues.join(', ')}`)
  }
}
