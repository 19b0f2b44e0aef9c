/**
 * A unique-key violation on either dialect: PostgreSQL `23505`, SQLite
 * `SQLITE_CONSTRAINT_UNIQUE` / `…_PRIMARYKEY` (better-sqlite3 also says "UNIQUE constraint
 * failed"). Two requests racing past a "does it exist?" check meet here: the loser is told
 * in Chinese what exists already, never a 500. Other constraint errors (NOT NULL, foreign
 * keys) are not this and stay errors.
 */
export function isUniqueViolation(error: unknown): boolean {
  return isConstraintError(
    error,
    ['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY'],
    /UNIQUE constraint failed/
  )
}

/**
 * A foreign-key violation (PostgreSQL `23503`, SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`): a row that
 * points at a record that does not exist (an id typed into a URL), answered as "not found".
 */
export function isForeignKeyViolation(error: unknown): boolean {
  return isConstraintError(
    error,
    ['23503', 'SQLITE_CONSTRAINT_FOREIGNKEY'],
    /FOREIGN KEY constraint failed/
  )
}

/** A database error with one of `codes` (either dialect's), or whose message says `message`. */
function isConstraintError(error: unknown, codes: string[], message: RegExp) {
  const e = error as { code?: unknown; message?: unknown } | null
  if (!e || typeof e !== 'object') return false
  return codes.includes(e.code as string) || message.test(String(e.message ?? ''))
}
