import i18nManager from '@adonisjs/i18n/services/main'
import { idNumberIssue } from '#core/validation/rules'

/** Why an 18-digit resident ID number (GB 11643) is wrong (Chinese, from validator.json), or null. */
export function idNumberProblem(value: string): string | null {
  const issue = idNumberIssue(value)
  if (!issue) return null
  return i18nManager.locale(i18nManager.defaultLocale).t(`validator.shared.messages.${issue}`)
}

export const DEGREE_LEVELS = ['专科', '本科', '硕士研究生', '博士研究生']
export const GENDERS = ['男', '女']
