import { DateTime, FixedOffsetZone } from 'luxon'

/**
 * Asia/Shanghai (China Standard Time, UTC+8, no daylight saving since 1991) as a fixed offset:
 * luxon asks Intl for the offset of a named zone on every conversion (`partsOffset`, a few % of a
 * logged-in page's CPU in the profile); the fixed zone is plain arithmetic with the same result for
 * every time this platform stores.
 */
export const DISPLAY_ZONE = FixedOffsetZone.instance(8 * 60)

// Masking of personal fields lives in the privacy helper (one rule for views, forms, exports, audit).
export { maskIdNumber, maskPhone } from '#core/privacy/mask'

/** Stored in UTC, shown in Asia/Shanghai: 2026-06-01 14:00 */
export function formatDateTime(value: DateTime | Date | string | null | undefined) {
  const dt = toDateTime(value)
  return dt ? dt.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm') : ''
}

export function formatDate(value: DateTime | Date | string | null | undefined) {
  const dt = toDateTime(value)
  return dt ? dt.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd') : ''
}

function toDateTime(value: DateTime | Date | string | null | undefined) {
  if (!value) return null
  if (DateTime.isDateTime(value)) return value
  if (value instanceof Date) return DateTime.fromJSDate(value)
  const iso = DateTime.fromISO(value, { zone: 'utc' })
  return iso.isValid ? iso : DateTime.fromSQL(value, { zone: 'utc' })
}

/** Salary ranges: 6k-8k/月 or 10-15万/年 */
export function formatSalary(
  min?: number | null,
  max?: number | null,
  unit: 'month' | 'year' = 'month'
) {
  if (!min && !max) return '面议'
  if (unit === 'year') {
    const w = (n: number) => `${Math.round(n / 1000) / 10}`
    return `${w(min ?? max!)}-${w(max ?? min!)}万/年`
  }
  const k = (n: number) => `${Math.round(n / 100) / 10}k`
  return `${k(min ?? max!)}-${k(max ?? min!)}/月`
}
