import { readFileSync } from 'node:fs'
import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'

/**
 * Beyond the shape rule (8–32 characters, letters and digits), a password must not be one that
 * attackers try first, nor contain the account's own identifiers (学号, login name, phone,
 * e-mail): `password1` and `aaaaaaa1` pass the shape rule but fall to the first guesses.
 */
const COMMON = new Set(
  readFileSync(new URL('../data/common_passwords.txt', import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim().toLowerCase())
    .filter((line) => line && !line.startsWith('#'))
)

export type PasswordProblem = 'commonPassword' | 'personalPassword'

export const PASSWORD_MESSAGES: Record<PasswordProblem, string> = {
  commonPassword: '该密码过于常见或过于简单，容易被猜中，请换一个更复杂的密码',
  personalPassword: '密码不能包含学号、登录账号、手机号或邮箱等个人信息',
}

/** Identifiers shorter than this are not checked (a 2-letter login name would refuse too much). */
const MIN_IDENTIFIER = 4

function identifierParts(value: unknown): string[] {
  if (typeof value !== 'string') return []
  const text = value.trim().toLowerCase()
  if (!text) return []
  // For an e-mail the local part is what people put in passwords.
  const parts = text.includes('@') ? [text.split('@')[0]] : [text]
  return parts.filter((part) => part.length >= MIN_IDENTIFIER)
}

export function passwordProblem(password: string, identifiers: unknown[]): PasswordProblem | null {
  const lower = password.toLowerCase()
  // The word inside leading/trailing digits and symbols: "Password@2026" → "password".
  const base = lower.replace(/^[^a-z]+|[^a-z]+$/g, '')
  if (COMMON.has(lower) || (base.length >= 4 && COMMON.has(base))) return 'commonPassword'
  // Mostly one repeated character ("aaaaaaa1", "aaaa1111").
  if (new Set(lower).size < 4) return 'commonPassword'
  for (const identifier of identifiers.flatMap(identifierParts)) {
    if (lower.includes(identifier)) return 'personalPassword'
  }
  return null
}

export interface StrongPasswordOptions {
  /** Sibling fields of the same form holding identifiers (e.g. `email`, `username`, `phone`). */
  siblings?: string[]
  /** Identifiers known on the server (an edited record's login name, the 学号 being activated). */
  identifiers?: (string | null | undefined)[]
}

/**
 * `vine.string().regex(PASSWORD_RULE).use(strongPassword({ siblings: ['email'] }))`. Messages:
 * `password.commonPassword` / `password.personalPassword` in a messages provider, or the defaults.
 */
export const strongPassword = vine.createRule(
  (value: unknown, options: StrongPasswordOptions, field: FieldContext) => {
    if (typeof value !== 'string' || !field.isValid) return
    const parent = (field.parent ?? {}) as Record<string, unknown>
    const identifiers = [
      ...(options.siblings ?? []).map((name) => parent[name]),
      ...(options.identifiers ?? []),
      // Per-request identifiers passed as validation meta (`{ meta: { passwordIdentifiers } }`).
      ...((field.meta?.passwordIdentifiers as unknown[] | undefined) ?? []),
    ]
    const problem = passwordProblem(value, identifiers)
    if (problem) field.report(PASSWORD_MESSAGES[problem], problem, field)
  }
)
