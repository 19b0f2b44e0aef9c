import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'

const KEEP = new Set(['adonis_schema', 'adonis_schema_versions'])
let tables: string[] | null = null

/**
 * Empties every table in one statement (PostgreSQL) or one transaction (SQLite).
 * Lucid's `db:truncate` re-checks migrations and truncates table by table, which costs
 * seconds per test on PostgreSQL with this many tables.
 */
export async function resetDatabase() {
  const client = db.connection()
  const isPg = client.dialect.name === 'postgres'
  tables ??= (await client.getAllTables(isPg ? ['public'] : undefined)).filter((t) => !KEEP.has(t))
  if (tables.length === 0) return
  if (isPg) {
    await client.rawQuery(
      `TRUNCATE ${tables.map((t) => `"${t}"`).join(', ')} RESTART IDENTITY CASCADE`
    )
    return
  }
  await client.rawQuery('PRAGMA foreign_keys = OFF')
  try {
    await client.transaction(async (trx) => {
      for (const table of tables!) await trx.rawQuery(`DELETE FROM "${table}"`)
      const hasSequence = await trx.rawQuery(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
      )
      if (hasSequence.length) await trx.rawQuery('DELETE FROM sqlite_sequence')
    })
  } finally {
    await client.rawQuery('PRAGMA foreign_keys = ON')
  }
}

/** Makes `testUtils.db().truncate()` (used by every test group) use the fast reset. */
export function useFastTruncate() {
  const prototype = Object.getPrototypeOf(testUtils.db())
  prototype.truncate = async function () {
    return () => resetDatabase()
  }
}
