import { Refusal } from '#core/http/refusal'

/** A refusal the user can act on: shown as a Chinese message, never as a crash. */
export class EventRefusal extends Refusal {
  declare code: string

  constructor(message: string, code: string, status = 422) {
    super(message, { code, status })
  }
}

/** Unique-key violations on PostgreSQL and SQLite: the one core check. */
export { isUniqueViolation } from '#core/database/errors'

/** Errors found after validation (cross-field rules): shown beside the fields like validation errors. */
export class FormErrors extends Error {
  constructor(public errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? '提交的内容有误')
  }
}
