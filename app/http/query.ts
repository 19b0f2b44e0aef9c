import { MAX_ID } from '#core/validation/rules'

/**
 * Integers that come from the query string (ids, years, page numbers). `Number(input) || null`
 * lets through 2^31 and more, `1e309` (Infinity), `1.5`, `-3` and the first element of an
 * array; PostgreSQL answers 500 to an integer column compared with such a value. Here a value
 * is a whole number written in plain digits within 1..max, or it is nothing.
 */
export function queryInt(value: unknown, max: number = MAX_ID): number | null {
  if (typeof value === 'number') value = String(value)
  if (typeof value !== 'string') return null
  const text = value.trim()
  if (!/^[1-9]\d{0,9}$/.test(text)) return null
  const n = Number(text)
  return n <= max ? n : null
}

/** An id named by the query string: 1..2147483647 (the integer columns), or null. */
export function queryId(value: unknown): number | null {
  return queryInt(value, MAX_ID)
}

/** A page number: 1..MAX_ID, anything else is the first page. */
export function queryPage(value: unknown): number {
  return queryInt(value) ?? 1
}
