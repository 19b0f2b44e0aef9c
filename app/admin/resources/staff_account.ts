import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { FieldDef } from '#core/admin/resource'
import User from '#core/accounts/models/user'
import { PASSWORD_RULE } from '#core/accounts/validators'
import { strongPassword } from '#core/accounts/validation/password'
import { MOBILE } from '#core/validation/rules'

/**
 * A staff account as both its admin resources edit it: 教师账号 (the school's own) and 学校管理员账号
 * (the province's first account for a school). One definition, so both refuse and label alike.
 */
type AccountRecord = { username: string; phone: string | null; email: string | null } | null

/** Shape, then not a common password nor the account's own login name / phone / e-mail. */
function staffPassword(record: AccountRecord | undefined) {
  return vine
    .string()
    .regex(PASSWORD_RULE)
    .use(
      strongPassword({
        siblings: ['username', 'phone', 'email'],
        identifiers: [record?.username, record?.phone, record?.email],
      })
    )
}

/** The login name: fixed once created; unique across the province. */
export function staffUsernameRule(record: AccountRecord | undefined) {
  if (record) return vine.string().optional()
  return vine
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_-]{3,50}$/)
    .unique(
      async (_db, value) =>
        !(await db
          .from('users')
          .where('login_key', User.loginKeyFor('staff', value, null))
          .first())
    )
}

/** The rules of the fields every staff account form has (besides the login name). */
export function staffAccountRules(record: AccountRecord | undefined) {
  return {
    name: vine.string().trim().minLength(1).maxLength(100),
    phone: vine.string().trim().regex(MOBILE).optional(),
    email: vine.string().trim().email().maxLength(255).optional(),
    password: record ? staffPassword(record).optional() : staffPassword(record),
    isActive: vine.boolean().optional(),
  }
}

export const STAFF_CONTACT_FIELDS: FieldDef[] = [
  { name: 'phone', label: '手机号' },
  { name: 'email', label: '电子邮箱', type: 'email' },
]

export const STAFF_LOGIN_FIELDS: FieldDef[] = [
  {
    name: 'password',
    label: '登录密码',
    type: 'password',
    help: '8-32 位，同时包含字母和数字；编辑时留空表示不修改',
  },
  {
    name: 'isActive',
    label: '启用账号',
    type: 'checkbox',
    help: '允许登录',
    default: true,
    value: (u) => Boolean(u.isActive),
  },
]
