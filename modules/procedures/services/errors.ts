import { Refusal, FieldErrors } from '#core/http/refusal'

/**
 * A refusal of the procedures module: `message` is a lang key (`procedures.refusals.…`, with
 * `data` for its placeholders); 409 unless said (the record's state does not allow it).
 * The machines refuse with core Refusals; `instanceof ProcedureError` matches every Refusal so
 * the module's catches (bulk decisions, races) treat both alike.
 */
export class ProcedureError extends Refusal {
  constructor(
    message: string,
    field: string | null = null,
    status = 409,
    data?: Record<string, unknown>
  ) {
    super(message, { field, status, code: 'procedure_refused', data })
  }

  static [Symbol.hasInstance](value: unknown) {
    return value instanceof Refusal
  }
}

/** Refusal with messages (lang keys) beside several fields (cross-field rules of a form). */
export { FieldErrors }
