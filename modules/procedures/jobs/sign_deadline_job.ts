import { Job } from '#core/queue/job'
import signingService from '#modules/procedures/services/signing_service'

/**
 * 签约邀请到期 (rule 12): one delayed job per invitation, jobId `sign-deadline-<id>`.
 * Idempotent and harmless before the deadline (the sync driver runs it at once): it only
 * expires a pending invitation whose deadline has passed, and tells both sides.
 */
export default class SignDeadlineJob extends Job<{ invitationId: number; schoolId?: number }> {
  async handle(payload: { invitationId: number }) {
    await signingService.expireIfDue(Number(payload.invitationId))
  }
}
