import db from '@adonisjs/lucid/services/db'
import { Job, type JobContext } from '#core/queue/job'
import { nowDb } from '#core/database/time'

/** 队列自检: marks a probe row as processed, proving that jobs really run (worker alive). */
export default class QueueProbeJob extends Job<{ probeId: number }> {
  static attempts = 3
  static backoffMs = 500

  async handle(payload: { probeId: number }, context: JobContext) {
    await db
      .from('queue_probes')
      .where('id', payload.probeId)
      .whereNull('processed_at')
      .update({ processed_at: nowDb(), driver: context.driver })
  }
}
