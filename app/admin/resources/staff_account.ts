import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { ActionContext, ColumnDef, FieldDef, ResourceDefinition } from '#core/admin/resource'
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

/** The list columns after the account's name and scope: 手机号, 状态, 最近登录. */
export const STAFF_STATE_COLUMNS: ColumnDef[] = [
  { key: 'phone', label: '手机号' },
  {
    key: 'isActive',
    label: '状态',
    tag: { true: ['正常', 'green'], false: ['已停用', 'red'] },
    value: (u) => Boolean(u.isActive),
  },
  { key: 'lastLoginAt', label: '最近登录', format: 'datetime', sortable: 'users.last_login_at' },
]

/** The detail rows after the account's name and scope: contacts, 账号状态, 最近登录. */
export const STAFF_STATE_DETAIL: NonNullable<ResourceDefinition['detail']> = [
  { key: 'phone', label: '手机号' },
  { key: 'email', label: '电子邮箱' },
  { key: 'isActive', label: '账号状态', value: (u) => (u.isActive ? '正常' : '已停用') },
  { key: 'lastLoginAt', label: '最近登录', format: 'datetime' },
]

/**
 * Saves a staff account form: the login name and the school are fixed when the account is
 * created; the name, the college scope (null: the whole school), contacts, state and password
 * are written each time. Whoever edits their own account cannot stop it.
 */
export async function saveStaffAccount(
  { data, record, trx, user }: ActionContext & { data: Record<string, any>; record: User | null },
  place: { schoolId: number | null; college: string | null }
) {
  const staff = record ?? new User()
  staff.useTransaction(trx)
  if (!record) {
    staff.merge({
      kind: 'staff',
      username: data.username,
      loginKey: User.loginKeyFor('staff', data.username, null),
      schoolId: place.schoolId,
    })
  }
  staff.merge({
    name: data.name,
    college: place.college,
    phone: data.phone || null,
    email: data.email || null,
    isActive: Boolean(data.isActive),
  })
  // The password is hashed by the model (scrypt) before it is stored.
  if (data.password) staff.password = data.password
  if (record && record.id === user.id && !staff.isActive) staff.isActive = true
  await staff.save()
  return staff
}
