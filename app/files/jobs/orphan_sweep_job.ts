import logger from '@adonisjs/core/services/logger'
import { Job } from '#core/queue/job'
import files, { ORPHAN_AGE_HOURS } from '#core/files/file_service'

/**
 * 清理孤立文件 (repeatable, core queue): uploads that no record references after
 * ORPHAN_AGE_HOURS, and bytes left on disk without a row. Safe to run any number of times.
 */
export default class FilesOrphanSweepJob extends Job<{ olderThanHours?: number }> {
  static attempts = 3
  static backoffMs = 60_000
  /** Also run by `node ace queue:sweep` (QUEUE_DRIVER=sync has no worker). */
  static sweep = true

  async handle(payload: { olderThanHours?: number }) {
    const hours =
      Number(payload?.olderThanHours) > 0 ? Number(payload.olderThanHours) : ORPHAN_AGE_HOURS
    const removed = await files.sweepOrphans(hours)
    if (removed.rows || removed.strays) logger.info(removed, 'files: removed orphan uploads')
  }
}
