import db from '@adonisjs/lucid/services/db'
import { Job, type JobContext } from '#core/queue/job'
import { nowDb } from '#core/database/time'
import signingService from '#modules/procedures/services/signing_service'
import { invitationMachine } from '#modules/procedures/machines/invitation'

const BATCH = 200

/**
 * 签约邀请到期 with the database as the source of truth: every minute, expires each pending
 * invitation whose deadline has passed, whether or not its delayed `sign-deadline-<id>` job
 * still exists (a Redis restarted without persistence has lost it). Idempotent with that job
 * and with the read-time checks: all of them go through `expireIfDue`, one conditional UPDATE
 * of the machine's `expire` transition, which only one of them can win.
 */
export default class DeadlineSweepJob extends Job<Record<string, never>> {
  /** Safe to run at any time; `node ace queue:sweep` runs it too (QUEUE_DRIVER=sync has no worker). */
  static sweep = true

  async handle(_payload: Record<string, never>, context: JobContext) {
    await this.run((schoolId) => context.enabledFor(schoolId))
  }

  /** Returns how many invitations this run expired. */
  async run(enabledFor: (schoolId: number) => Promise<boolean> = async () => true) {
    const due = () =>
      db
        .from('signing_invitations')
        .whereIn('status', [...invitationMachine.transition('expire').from])
        .where('deadline_at', '<=', nowDb())
    const schools = await due().distinct('school_id')
    let expired = 0
    for (const { school_id: raw } of schools) {
      const schoolId = Number(raw)
      // Module off for the school: its invitations stay pending, like the per-invitation job skips them.
      if (!(await enabledFor(schoolId))) continue
      for (;;) {
        const rows = await due()
          .where('school_id', schoolId)
          .orderBy('id', 'asc')
          .limit(BATCH)
          .select('id')
        let progress = 0
        for (const row of rows) if (await signingService.expireIfDue(Number(row.id))) progress++
        expired += progress
        if (rows.length < BATCH || progress === 0) break
      }
    }
    return expired
  }
}
