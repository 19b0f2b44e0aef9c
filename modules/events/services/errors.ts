import { Refusal } from '#core/http/refusal'
import { text } from '#core/i18n/text'

/** A refusal the user can act on: shown as a Chinese message, never as a crash. */
export class EventRefusal extends Refusal {
  declare code: string

  /** `message`: a lang key (`events.refusals.seats_full`); `data` fills its placeholders. */
  constructor(message: string, code: string, status = 422, data?: Record<string, unknown>) {
    super(message, { code, status, data })
  }
}

/** Unique-key violations on PostgreSQL and SQLite: the one core check. */
export { isUniqueViolation } from '#core/database/errors'

/** Errors found after validation (cross-field rules): shown beside the fields like validation errors. */
export class FormErrors extends Error {
  public errors: Record<string, string>

  /** Messages per field, as lang keys (`events.refusals.fields.place_required`) or texts. */
  constructor(errors: Record<string, string>, data: Record<string, unknown> = {}) {
    const texts = Object.fromEntries(Object.entries(errors).map(([k, v]) => [k, text(v, data)]))
    super(Object.values(texts)[0] ?? text('events.refusals.form_invalid'))
    this.errors = texts
  }
}
