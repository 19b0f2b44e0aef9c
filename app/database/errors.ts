/**
 * A unique-key violation on either dialect: PostgreSQL `23505`, SQLite
 * `SQLITE_CONSTRAINT_UNIQUE` / `…_PRIMARYKEY` (better-sqlite3 also says "UNIQUE constraint
 * failed"). Two requests racing past a "does it exist?" check meet here: the loser is told
 * in Chinese what exists already, never a 500. Other constraint errors (NOT NULL, foreign
 * keys) are not this and stay errors.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null
  if (!e || typeof e !== 'object') return false
  return (
    e.code === '23505' ||
    e.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(String(e.message ?? ''))
  )
}

/**
 * A foreign-key violation (PostgreSQL `23503`, SQLite `SQLITE_CONSTRAINT_FOREIGNKEY`): a row that
 * points at a record that does not exist (an id typed into a URL), answered as "not found".
 */
export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: unknown; message?: unknown } | null
  if (!e || typeof e !== 'object') return false
  return (
    e.code === '23503' ||
    e.code === 'SQLITE_CONSTRAINT_FOREIGNKEY' ||
    /FOREIGN KEY constraint failed/.test(String(e.message ?? ''))
  )
}
