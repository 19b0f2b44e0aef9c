/**
 * Masking of personal fields (身份证号, 手机号): the one place that decides how they look outside
 * the audited 查看完整身份证号 action. Used by views, admin forms and lists, CSV exports, histories
 * and the audit log (whose diffs are stored masked).
 */

/** 3201**********1234: the region prefix and the last four stay, the birth date never shows. */
export function maskIdNumber(value: string | null | undefined) {
  if (!value) return ''
  if (value.length <= 8) return '*'.repeat(value.length)
  return value.slice(0, 4) + '*'.repeat(value.length - 8) + value.slice(-4)
}

/** 138****0000 for an 11-digit mobile; other numbers (landlines) are not personal and stay. */
export function maskPhone(value: string | null | undefined) {
  if (!value) return ''
  return /^1\d{10}$/.test(value) ? `${value.slice(0, 3)}****${value.slice(7)}` : value
}

export type PersonalKind = 'idNumber' | 'phone'

/** Field names (camelCase and snake_case, as audit diffs and rows use them) that hold personal data. */
const PERSONAL_KEYS: Record<string, PersonalKind> = {
  idNumber: 'idNumber',
  id_number: 'idNumber',
  phone: 'phone',
  mobile: 'phone',
}

export function personalKindOf(key: string): PersonalKind | null {
  return PERSONAL_KEYS[key] ?? null
}

/** The masked form of a value of the given kind (non-strings are returned as they are). */
export function maskAs(kind: PersonalKind, value: unknown): unknown {
  if (typeof value !== 'string' || value === '') return value
  return kind === 'idNumber' ? maskIdNumber(value) : maskPhone(value)
}

/** A value masked when its field name is a personal field. Masking twice gives the same text. */
export function maskField(key: string, value: unknown): unknown {
  const kind = personalKindOf(key)
  return kind ? maskAs(kind, value) : value
}

/** An audit diff `{ field: [old, new] }` with personal fields masked on both sides. */
export function maskChanges<T extends Record<string, unknown>>(changes: T): T {
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(changes)) {
    out[key] = Array.isArray(value) ? value.map((v) => maskField(key, v)) : maskField(key, value)
  }
  return out as T
}

/**
 * True when a submitted form value is the masked placeholder of the stored value: the form showed
 * the masked value and the user left it as it was (so the stored value stays unchanged).
 */
export function isMaskedPlaceholder(kind: PersonalKind, submitted: unknown, stored: unknown) {
  if (typeof submitted !== 'string' || typeof stored !== 'string' || !stored) return false
  const masked = maskAs(kind, stored)
  return masked !== stored && submitted.trim().toUpperCase() === String(masked).toUpperCase()
}

const ID_IN_TEXT = /(?<![0-9A-Za-z])(\d{4})\d{10}(\d{3}[\dXx])(?![0-9A-Za-z])/g
const MOBILE_IN_TEXT = /(?<!\d)(1\d{2})\d{4}(\d{4})(?!\d)/g

/** Free text (log lines, notes) with any 18-character ID number and 11-digit mobile masked. */
export function maskText(text: string) {
  return text
    .replace(ID_IN_TEXT, (_m, head, tail) => `${head}**********${tail}`)
    .replace(MOBILE_IN_TEXT, (_m, head, tail) => `${head}****${tail}`)
}
