import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { defineResource } from '#core/admin/resource'
import User from '#core/accounts/models/user'
import * as staffAccount from '#core/admin/resources/staff_account'
import School from '#core/tenancy/models/school'

/**
 * 学校管理员账号: the province opens a new school's first staff account (and can reset or stop it);
 * from then on the school manages its own teachers under 教师账号.
 */
export default defineResource({
  area: 'province',
  id: 'school-admins',
  label: '学校管理员账号',
  singular: '学校管理员账号',
  subject: 'staff_user',
  group: '基础数据',
  order: 11,
  model: User,
  scope: 'none',
  // School-wide staff only: college-scoped teachers are the school's own business.
  query: (q) => q.where('users.kind', 'staff').whereNull('users.college').preload('school'),
  title: (u) => `${u.name}（${u.username}）`,
  columns: [
    { key: 'school', label: '学校', value: (u) => u.school?.name ?? '' },
    { key: 'username', label: '登录账号', sortable: true, link: true },
    { key: 'name', label: '姓名 / 部门', sortable: true },
    ...staffAccount.STAFF_STATE_COLUMNS,
  ],
  search: ['username', 'name'],
  searchPlaceholder: '账号 / 姓名',
  filters: [
    {
      key: 'school',
      label: '学校',
      options: async () =>
        (await School.query().orderBy('code')).map((s) => ({ value: s.id, label: s.name })),
      apply: (q, value) => q.where('users.school_id', Number(value) || 0),
    },
  ],
  defaultSort: { column: 'users.username', direction: 'asc' },
  detail: [
    { key: 'school', label: '学校', value: (u) => u.school?.name ?? '' },
    { key: 'username', label: '登录账号' },
    { key: 'name', label: '姓名 / 部门' },
    ...staffAccount.STAFF_STATE_DETAIL,
  ],
  form: {
    fields: [
      {
        name: 'schoolId',
        label: '学校',
        type: 'select',
        required: true,
        on: 'create',
        options: async () =>
          (await School.query().orderBy('code')).map((s) => ({ value: s.id, label: s.name })),
      },
      {
        name: 'username',
        label: '登录账号',
        required: true,
        on: 'create',
        help: '字母、数字、短横线或下划线，全省唯一；学校用它在本校分站【管理登录】',
      },
      { name: 'name', label: '姓名 / 部门', required: true },
      ...staffAccount.STAFF_CONTACT_FIELDS,
      ...staffAccount.STAFF_LOGIN_FIELDS,
    ],
    validator: (_ctx, record) =>
      vine.compile(
        vine.object({
          schoolId: record
            ? vine.number().optional()
            : vine
                .number()
                .withoutDecimals()
                .positive()
                .max(2147483647)
                .exists(async (_db, value) =>
                  Boolean(await db.from('schools').where('id', value).first())
                ),
          username: staffAccount.staffUsernameRule(record),
          ...staffAccount.staffAccountRules(record),
        })
      ),
    auditKeys: ['schoolId', 'username', 'name', 'phone', 'email', 'isActive', 'password'],
    // School-wide: no college scope.
    save: (args) =>
      staffAccount.saveStaffAccount(args, { schoolId: args.data.schoolId, college: null }),
  },
  emptyMessage: '暂无学校管理员账号，新建学校后在这里为它开通第一个管理员账号',
})
