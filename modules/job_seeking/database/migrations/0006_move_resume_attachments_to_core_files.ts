import { BaseSchema } from '@adonisjs/lucid/schema'
import { moveResumeAttachments } from '#modules/job_seeking/database/legacy/resume_attachments'

/**
 * 附件简历 move onto the core's file pipeline: rows and bytes of `resume_attachments` become
 * `files` rows of purpose `resume_attachment` (see the mover for idempotency), and the module's
 * own table goes.
 */
export default class extends BaseSchema {
  // The mover runs its own transaction and removes the old bytes only after it committed.
  static disableTransactions = true

  async up() {
    this.defer(async (db) => {
      await moveResumeAttachments(db)
    })
  }

  /** Not reversed: the attachments stay in the core's files (0002 drops the old table if present). */
  async down() {}
}
