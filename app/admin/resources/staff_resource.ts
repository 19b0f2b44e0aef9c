import vine from '@vinejs/vine'
import { defineResource } from '#core/admin/resource'
import { manageOwnSchoolData } from '#core/admin/abilities'
import User from '#core/accounts/models/user'
import * as staffAccount from '#core/admin/resources/staff_account'

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
    ...staffAccount.STAFF_STATE_COLUMNS,
  ],
  search: ['username', 'name', 'college'],
  searchPlaceholder: '账号 / 姓名 / 学院',
  defaultSort: { column: 'users.username', direction: 'asc' },
  detail: [
    { key: 'username', label: '登录账号' },
    { key: 'name', label: '姓名 / 部门' },
    { key: 'college', label: '管理范围', value: (u) => u.college ?? '全校（学校管理员）' },
    ...staffAccount.STAFF_STATE_DETAIL,
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
      ...staffAccount.STAFF_CONTACT_FIELDS,
      ...staffAccount.STAFF_LOGIN_FIELDS,
    ],
    validator: (_ctx, record) =>
      vine.compile(
        vine.object({
          username: staffAccount.staffUsernameRule(record),
          college: vine.string().trim().maxLength(100).optional(),
          ...staffAccount.staffAccountRules(record),
        })
      ),
    auditKeys: ['username', 'name', 'college', 'phone', 'email', 'isActive', 'password'],
    save: (args) =>
      staffAccount.saveStaffAccount(args, {
        schoolId: args.user.schoolId,
        college: args.data.college || null,
      }),
  },
  // Only the school's own (not college-scoped) staff manage accounts.
  abilities: {
    list: (ctx) => [manageOwnSchoolData, ctx.auth.use('web').user!.schoolId],
    view: (_ctx, u) => [manageOwnSchoolData, u.schoolId],
  },
  emptyMessage: '暂无教师账号，点击“新建教师账号”为学院老师开通账号',
})
