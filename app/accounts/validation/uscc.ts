import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set below
 * (no I, O, S, V, Z); position 1 is the registering authority, 2 the entity type,
 * 3–8 the administrative division code (digits), 9–17 the organisation code, and 18 a
 * check character: 31 − (Σ value(cᵢ) × wᵢ mod 31), where 31 maps to 0.
 */
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const SHAPE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/

export function usccCheckCharacter(first17: string): string | null {
  if (first17.length !== 17) return null
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CHARSET.indexOf(first17[i])
    if (value < 0) return null
    sum += value * WEIGHTS[i]
  }
  const check = (31 - (sum % 31)) % 31
  return CHARSET[check]
}

/** True for a well-formed code whose 18th character matches the GB 32100 check. */
export function isValidUscc(code: string): boolean {
  const value = code.trim().toUpperCase()
  if (!SHAPE.test(value)) return false
  return usccCheckCharacter(value.slice(0, 17)) === value[17]
}

/**
 * VineJS rule: `vine.string().trim().toUpperCase().use(usccRule())`.
 * Messages (i18n `validator.shared.messages`): `uscc.length` / `uscc.checksum`, or a field-specific
 * key `<field>.uscc.checksum`; the Chinese defaults below apply without a translation.
 */
export const usccRule = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const code = value.trim().toUpperCase()
    if (code.length !== 18) {
      field.report('统一社会信用代码应为 18 位', 'uscc.length', field)
      return
    }
    if (!SHAPE.test(code)) {
      field.report('统一社会信用代码含有无效字符（不使用 I、O、S、V、Z）', 'uscc.charset', field)
      return
    }
    if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) {
      field.report('统一社会信用代码校验位不正确，请核对后重新输入', 'uscc.checksum', field)
    }
  }
)
