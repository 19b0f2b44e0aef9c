import vine from '@vinejs/vine'
import { defineResource } from '#core/admin/resource'
import { manageOwnSchoolData } from '#core/admin/abilities'
import User from '#core/accounts/models/user'
import {
  STAFF_CONTACT_FIELDS,
  STAFF_LOGIN_FIELDS,
  staffAccountRules,
  staffUsernameRule,
} from '#core/admin/resources/staff_account'

/** 教师账号: staff accounts of the school (optionally scoped to one college). */
export default defineResource({
  area: 'school',
  id: 'staff',
  label: '教师账号',
  singular: '教师账号',
  subject: 'staff_user',
  group: '系统设置',
  order: 80,
  model: User,
  scope: { school: 'school_id' },
  query: (q) => q.where('users.kind', 'staff'),
  title: (u) => `${u.name}（${u.username}）`,
  columns: [
    { key: 'username', label: '登录账号', sortable: true, link: true },
    { key: 'name', label: '姓名 / 部门', sortable: true },
    { key: 'college', label: '管理范围', value: (u) => u.college ?? '全校' },
    { key: 'phone', label: '手机号' },
    {
      key: 'isActive',
      label: '状态',
      tag: { true: ['正常', 'green'], false: ['已停用', 'red'] },
      value: (u) => Boolean(u.isActive),
    },
    { key: 'lastLoginAt', label: '最近登录', format: 'datetime', sortable: 'users.last_login_at' },
  ],
  search: ['username', 'name', 'college'],
  searchPlaceholder: '账号 / 姓名 / 学院',
  defaultSort: { column: 'users.username', direction: 'asc' },
  detail: [
    { key: 'username', label: '登录账号' },
    { key: 'name', label: '姓名 / 部门' },
    { key: 'college', label: '管理范围', value: (u) => u.college ?? '全校（学校管理员）' },
    { key: 'phone', label: '手机号' },
    { key: 'email', label: '电子邮箱' },
    { key: 'isActive', label: '账号状态', value: (u) => (u.isActive ? '正常' : '已停用') },
    { key: 'lastLoginAt', label: '最近登录', format: 'datetime' },
  ],
  form: {
    fields: [
      {
        name: 'username',
        label: '登录账号',
        required: true,
        on: 'create',
        help: '字母、数字、短横线或下划线，全省唯一',
      },
      { name: 'name', label: '姓名 / 部门', required: true },
      {
        name: 'college',
        label: '管理学院',
        help: '留空表示全校；填写学院名称则只能查看和维护该学院的学生',
      },
      ...STAFF_CONTACT_FIELDS,
      ...STAFF_LOGIN_FIELDS,
    ],
    validator: (_ctx, record) =>
      vine.compile(
        vine.object({
          username: staffUsernameRule(record),
          college: vine.string().trim().maxLength(100).optional(),
          ...staffAccountRules(record),
        })
      ),
    auditKeys: ['username', 'name', 'college', 'phone', 'email', 'isActive', 'password'],
    save: async ({ data, record, trx, user }) => {
      const staff = record ?? new User()
      staff.useTransaction(trx)
      if (!record) {
        staff.merge({
          kind: 'staff',
          username: data.username,
          loginKey: User.loginKeyFor('staff', data.username, null),
          schoolId: user.schoolId,
        })
      }
      staff.merge({
        name: data.name,
        college: data.college || null,
        phone: data.phone || null,
        email: data.email || null,
        isActive: Boolean(data.isActive),
      })
      // The password is hashed by the model (scrypt) before it is stored.
      if (data.password) staff.password = data.password
      if (record && record.id === user.id && !staff.isActive) staff.isActive = true
      await staff.save()
      return staff
    },
  },
  // Only the school's own (not college-scoped) staff manage accounts.
  abilities: {
    list: (ctx) => [manageOwnSchoolData, ctx.auth.use('web').user!.schoolId],
    view: (_ctx, u) => [manageOwnSchoolData, u.schoolId],
  },
  emptyMessage: '暂无教师账号，点击“新建教师账号”为学院老师开通账号',
})
