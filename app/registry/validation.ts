import vine from '@vinejs/vine'

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** Why an 18-digit resident ID number (GB 11643) is wrong, or null when it is valid. */
export function idNumberProblem(value: string): string | null {
  const v = value.trim().toUpperCase()
  if (!/^\d{17}[\dX]$/.test(v)) return '身份证号应为 18 位（最后一位可为 X）'
  const birth = v.slice(6, 14)
  const date = new Date(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10).replace(/-/g, '') !== birth) {
    return '身份证号中的出生日期无效'
  }
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(v[i]), 0)
  if (ID_CHECK[sum % 11] !== v[17]) return '身份证号校验位错误（GB 11643）'
  return null
}

export const MOBILE = /^1\d{10}$/

/** VineJS rule: a valid resident ID number, the reason named in Chinese. */
export const idNumberRule = vine.createRule((value, _options, field) => {
  if (typeof value !== 'string' || !value) return
  // A stored legacy value that is not being changed is kept as it is.
  if (field.meta?.record && field.meta.record.idNumber === value) return
  const problem = idNumberProblem(value)
  if (problem) field.report(problem, 'idNumber', field)
})

export const DEGREE_LEVELS = ['专科', '本科', '硕士研究生', '博士研究生']
export const GENDERS = ['男', '女']
