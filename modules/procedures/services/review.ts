import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import audit from '#core/audit/audit_service'
import { nowDb } from '#core/database/time'

/** The columns a school decision writes beside the state (the machine's `set`). */
export function reviewColumns(staff: User, comment: string | null | undefined) {
  return { review_comment: comment?.trim() || null, reviewed_by: staff.id, reviewed_at: nowDb() }
}

/** The audit entry of a school decision: the state before and after, the comment as its note. */
export function auditDecision(
  trx: TransactionClientContract,
  staff: User,
  entry: {
    action: string
    subject: { type: string; id: number }
    schoolId: number
    from: string
    to: string | null
    comment: string | null
    /** Recorded beside the new state. */
    after?: Record<string, unknown>
  }
) {
  return audit.record(
    {
      actor: staff,
      action: entry.action,
      subject: entry.subject,
      schoolId: entry.schoolId,
      before: { status: entry.from },
      after: { status: entry.to, ...entry.after },
      note: entry.comment,
    },
    trx
  )
}
