import { FieldErrors, Refusal, type RefusalOptions } from '#core/http/refusal'

/**
 * A refusal of the procedures module: the core `Refusal` with a lang key (`procedures.refusals.…`,
 * `data` for its placeholders), code `procedure_refused` and 409 unless said (the record's state
 * does not allow it). Messages beside several fields: the core `FieldErrors`.
 */
export function refused(message: string, options: RefusalOptions = {}) {
  return new Refusal(message, { code: 'procedure_refused', status: 409, ...options })
}

/** 审核退回 needs its reason, beside the comment field (every review queue). */
export function assertReturnReason(decision: string, comment: string | null | undefined) {
  if (decision === 'return' && !comment?.trim())
    throw new FieldErrors({ comment: 'procedures.refusals.return_reason_required' })
}
