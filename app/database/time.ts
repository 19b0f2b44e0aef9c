import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'

/**
 * A timestamp value for raw queries that matches what Lucid models write: SQLite keeps
 * `yyyy-MM-dd HH:mm:ss` text (compared as strings), PostgreSQL gets a real Date. Always UTC.
 */
export function toDb(value: DateTime | Date = DateTime.now()) {
  const dt = DateTime.isDateTime(value) ? value : DateTime.fromJSDate(value)
  if (
    db.connection().dialect.name === 'sqlite3' ||
    db.connection().dialect.name === 'better-sqlite3'
  ) {
    return dt.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
  }
  return dt.toJSDate()
}

export function nowDb() {
  return toDb(DateTime.now())
}

/** Reads a timestamp column from a raw row (string on SQLite, Date on PostgreSQL). */
export function fromDb(value: unknown): DateTime | null {
  if (value === null || value === undefined) return null
  if (value instanceof Date) return DateTime.fromJSDate(value)
  if (typeof value === 'number') return DateTime.fromMillis(value)
  const text = String(value)
  const sql = DateTime.fromSQL(text, { zone: 'utc' })
  return sql.isValid ? sql : DateTime.fromISO(text, { zone: 'utc' })
}
