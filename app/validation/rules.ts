import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#core/ui/format'

/**
 * The shared input rules of the platform, once: mobile numbers, 身份证号 (GB 11643 check digit),
 * 统一社会信用代码 (GB 32100 check character), datetime-local times and record ids. The messages
 * live in resources/lang/zh-CN/validator.json (`validator.shared.messages.<rule>`); the defaults
 * passed to `field.report` here are only what VineJS shows without a messages provider.
 */

// ---------------------------------------------------------------- mobile

/** A mainland mobile number: 11 digits starting with 1. */
export const MOBILE = /^1\d{10}$/

/** `vine.string().trim().regex(MOBILE)`; message key `mobile` (or `<field>.mobile`). */
export const mobileRule = vine.createRule((value: unknown, _options: undefined, field) => {
  if (typeof value !== 'string' || !field.isValid) return
  if (!MOBILE.test(value)) field.report('The {{ field }} must be a mobile number', 'mobile', field)
})

export function vineMobile() {
  return vine.string().trim().use(mobileRule())
}

// ---------------------------------------------------------------- 身份证号

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

export type IdNumberIssue = 'idNumber.length' | 'idNumber.birth' | 'idNumber.checksum'

/** What is wrong with an 18-digit resident ID number (GB 11643), or null when it is valid. */
export function idNumberIssue(value: string): IdNumberIssue | null {
  const v = value.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return 'idNumber.length'
  const birth = v.slice(6, 14)
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth)
    return 'idNumber.birth'
  if (idNumberCheckCharacter(v.slice(0, 17)) !== v[17]) return 'idNumber.checksum'
  return null
}

/** The 18th character of a resident ID number from its first 17 digits (GB 11643). */
export function idNumberCheckCharacter(first17: string) {
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(first17[i]), 0)
  return ID_CHECK[sum % 11]
}

export function isValidIdNumber(value: string) {
  return idNumberIssue(value) === null
}

/**
 * VineJS rule: a valid resident ID number; message keys `idNumber.length` / `idNumber.birth` /
 * `idNumber.checksum`. A stored legacy value that is not being changed (`meta.record.idNumber`)
 * is kept as it is.
 */
export const idNumberRule = vine.createRule((value: unknown, _options: undefined, field) => {
  if (typeof value !== 'string' || !value) return
  if (field.meta?.record && field.meta.record.idNumber === value) return
  const issue = idNumberIssue(value)
  if (issue) field.report('The {{ field }} is not a valid resident ID number', issue, field)
})

// ---------------------------------------------------------------- 统一社会信用代码

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set below
 * (no I, O, S, V, Z); position 1 is the registering authority, 2 the entity type,
 * 3–8 the administrative division code (digits), 9–17 the organisation code, and 18 a
 * check character: 31 − (Σ value(cᵢ) × wᵢ mod 31), where 31 maps to 0.
 */
const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const USCC_SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = USCC_CHARSET.indexOf(first17[i])
    if (value < 0) return null
    sum += value * USCC_WEIGHTS[i]
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]
}

/** True for a well-formed code whose 18th character matches the GB 32100 check. */
export function isValidUscc(code: string): boolean {
  const value = code.trim().toUpperCase()
  if (!USCC_SHAPE.test(value)) return false
  return usccCheckCharacter(value.slice(0, 17)) === value[17]
}

/**
 * VineJS rule: `vine.string().trim().toUpperCase().use(usccRule())`; message keys
 * `uscc.length` / `uscc.charset` / `uscc.checksum` (or `<field>.uscc.checksum`).
 */
export const usccRule = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const code = value.trim().toUpperCase()
    const fail = (rule: string) =>
      field.report('The {{ field }} is not a valid unified social credit code', rule, field)
    if (code.length !== 18) return fail('uscc.length')
    if (!USCC_SHAPE.test(code)) return fail('uscc.charset')
    if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) fail('uscc.checksum')
  }
)

// ---------------------------------------------------------------- local date-times

/** `<input type="datetime-local">`: yyyy-MM-ddTHH:mm(:ss), read in Asia/Shanghai. */
export const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/

/**
 * A time that exists: the pattern alone lets 2026-02-30 or 25:00 through, and an invalid
 * DateTime reaching the model is a 500. Years outside 2000..2100 are typing mistakes.
 * Message key `localDateTime`.
 */
export const existingLocalDateTime = vine.createRule(
  (value: unknown, _options: undefined, field) => {
    if (typeof value !== 'string' || !field.isValid) return
    const dt = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
    if (!dt.isValid || dt.year < 2000 || dt.year > 2100)
      field.report('The {{ field }} must be a valid time', 'localDateTime', field)
  }
)

/** A datetime-local form field that names a real moment (Asia/Shanghai). */
export function vineLocalDateTime() {
  return vine.string().trim().regex(LOCAL_DATETIME).use(existingLocalDateTime())
}

/** The field's value as a UTC DateTime (after `vineLocalDateTime` validated it). */
export function fromLocalInput(value: string) {
  return DateTime.fromISO(value, { zone: DISPLAY_ZONE }).toUTC()
}

// ---------------------------------------------------------------- record ids

/**
 * Every id column is a 32-bit integer (PostgreSQL `integer`/`serial`): an id outside
 * 1..2147483647 cannot name a record, and passing it to PostgreSQL answers 500.
 */
export const MAX_ID = 2147483647

/** A form field naming a record by id: a whole number in 1..2147483647 (the integer columns). */
export function vineId() {
  return vine.number().withoutDecimals().range([1, MAX_ID])
}

/** A checkbox (`on`/`1`/`true`); absent means unchecked (`undefined`). */
export function vineCheckbox() {
  return vine.boolean().optional()
}

// ---------------------------------------------------------------- text

/** Reports `required` for a value that is only spaces (VineJS checks presence before trim). */
export const notBlank = vine.createRule((value: unknown, _options: undefined, field) => {
  if (typeof value === 'string' && value.trim() === '')
    field.report('The {{ field }} field must be defined', 'required', field)
})

/** A required one-line text: trimmed, not blank, at most `max` characters (the column size). */
export function vineText(max: number) {
  return vine.string().use(notBlank()).trim().maxLength(max)
}

/** An optional text (empty means not given), trimmed, at most `max` characters. */
export function vineOptionalText(max: number) {
  return vine.string().trim().maxLength(max).optional()
}

/** A checkbox's raw form value counts as ticked (for `requiredWhen` callbacks, before casting). */
export function isTicked(value: unknown) {
  return value === true || value === 1 || value === '1' || value === 'true' || value === 'on'
}
