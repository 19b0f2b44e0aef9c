/** A refusal the user can act on: shown as a Chinese message, never as a crash. */
export class EventRefusal extends Error {
  constructor(
    message: string,
    public code: string,
    public status = 422
  ) {
    super(message)
  }
}

/** Unique-key violations on PostgreSQL (23505) and SQLite. */
export function isUniqueViolation(error: any) {
  return (
    error?.code === '23505' ||
    error?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /UNIQUE constraint failed/.test(String(error?.message))
  )
}

/** Errors found after validation (cross-field rules): shown beside the fields like validation errors. */
export class FormErrors extends Error {
  constructor(public errors: Record<string, string>) {
    super(Object.values(errors)[0] ?? '提交的内容有误')
  }
}
