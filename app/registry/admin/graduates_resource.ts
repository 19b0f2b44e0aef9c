import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { defineResource, type AnyRow, type RowActionDef } from '#core/admin/resource'
import Graduate from '#core/registry/models/graduate'
import { scopeToActor } from '#core/tenancy/school_scope'
import { DEGREE_LEVELS, GENDERS } from '#core/registry/validation'
import { MOBILE, idNumberRule } from '#core/validation/rules'

const currentYear = new Date().getUTCFullYear()

/** The form's optional fields (an empty one is stored as null). */
const OPTIONAL_FIELDS = [
  'gender',
  'idNumber',
  'college',
  'major',
  'degreeLevel',
  'graduationYear',
  'phone',
  'email',
]

/** Colleges of the actor's own scope (filter options). */
async function collegeOptions(ctx: HttpContext) {
  const user = ctx.auth.use('web').user!
  const rows = await scopeToActor(db.from('graduates'), user, {
    school: 'school_id',
    college: 'college',
  })
    .whereNotNull('college')
    .distinct('college')
    .orderBy('college')
  return rows.map((r: any) => ({ value: r.college, label: r.college }))
}

function graduateValidator(_ctx: HttpContext, record: Graduate | null) {
  return vine.compile(
    vine.object({
      studentNumber: record
        ? vine.string().optional()
        : vine
            .string()
            .trim()
            .regex(/^[A-Za-z0-9-]{1,32}$/)
            .unique(async (database, value, field) => {
              const row = await database
                .from('graduates')
                .where('school_id', field.meta.user.schoolId)
                .where('student_number', value)
                .first()
              return !row
            }),
      name: vine.string().trim().minLength(1).maxLength(50),
      gender: vine.enum(GENDERS).optional(),
      idNumber: vine.string().trim().toUpperCase().use(idNumberRule()).optional(),
      college: vine.string().trim().maxLength(100).optional(),
      major: vine.string().trim().maxLength(100).optional(),
      degreeLevel: vine.enum(DEGREE_LEVELS).optional(),
      graduationYear: vine
        .number()
        .withoutDecimals()
        .range([2000, currentYear + 6])
        .optional(),
      phone: vine.string().trim().regex(MOBILE).optional(),
      email: vine.string().trim().email().maxLength(255).optional(),
      signable: vine.boolean().optional(),
    })
  )
}

/** A detail-page action showing one masked personal field in full (the framework audits it). */
function revealAction(
  id: string,
  label: string,
  field: 'idNumber' | 'phone',
  fieldLabel: string
): RowActionDef {
  return {
    id,
    label,
    detailOnly: true,
    visible: (g) => Boolean(g[field]),
    ability: (_ctx, g) => ['manageStudentRecord', { schoolId: g.schoolId, college: g.college }],
    handle: async ({ record }) => ({
      message: `${record.name} 的${fieldLabel}：${record[field]}（本次查看已记入操作日志）`,
    }),
  }
}

/** 标记 / 取消可签约 of one graduate; returns the change for the audit log. */
async function markSignable(record: AnyRow, signable: boolean) {
  record.signable = signable
  await record.save()
  return { before: { signable: !signable }, after: { signable } }
}

/** 批量标记 / 取消可签约: one UPDATE over the selected graduates. */
async function markAllSignable(
  trx: TransactionClientContract,
  records: AnyRow[],
  signable: boolean
) {
  await trx
    .from('graduates')
    .whereIn(
      'id',
      records.map((r) => r.id)
    )
    .update({ signable })
  return { after: { signable } }
}

/** 生源库: the school's registry of graduates (school admin). */
export default defineResource({
  area: 'school',
  id: 'graduates',
  label: '生源库',
  singular: '生源',
  subject: 'graduate',
  group: '毕业生',
  order: 10,
  model: Graduate,
  scope: { school: 'school_id', college: 'college' },
  query: (q) => q.preload('user'),
  title: (g) => `${g.name}（${g.studentNumber}）`,
  columns: [
    { key: 'studentNumber', label: '学号', sortable: true, link: true },
    { key: 'name', label: '姓名', sortable: true, link: true },
    { key: 'gender', label: '性别' },
    { key: 'college', label: '学院', sortable: true },
    { key: 'major', label: '专业' },
    { key: 'degreeLevel', label: '学历' },
    { key: 'graduationYear', label: '届别', sortable: true },
    {
      key: 'signable',
      label: '可签约',
      tag: { true: ['可签约', 'green'], false: ['未标记', 'gray'] },
      value: (g) => Boolean(g.signable),
    },
    {
      key: 'activated',
      label: '账号',
      tag: { true: ['已激活', 'blue'], false: ['未激活', 'gray'] },
      value: (g) => Boolean(g.user),
    },
  ],
  search: ['student_number', 'name', 'major'],
  searchPlaceholder: '学号 / 姓名 / 专业',
  filters: [
    { key: 'college', label: '学院', options: collegeOptions },
    {
      key: 'graduationYear',
      label: '届别',
      options: () =>
        Array.from({ length: 5 }, (_, i) => ({
          value: currentYear - 2 + i,
          label: `${currentYear - 2 + i}届`,
        })),
    },
    {
      key: 'signable',
      label: '签约标记',
      options: [
        { value: '1', label: '可签约' },
        { value: '0', label: '未标记' },
      ],
      apply: (q, v) => q.where('graduates.signable', v === '1'),
    },
    {
      // The 工作台 to-dos (缺少身份证号 / 缺少手机号 / 尚未激活) open the list filtered by this.
      key: 'gap',
      label: '资料与账号',
      options: [
        { value: 'missing_id', label: '缺少身份证号' },
        { value: 'missing_phone', label: '缺少手机号' },
        { value: 'not_activated', label: '尚未激活' },
        { value: 'activated', label: '已激活' },
      ],
      apply: (q, v) => {
        const account = (sub: any) => sub.from('users').whereRaw('users.graduate_id = graduates.id')
        if (v === 'missing_id')
          q.where((w: any) => w.whereNull('graduates.id_number').orWhere('graduates.id_number', ''))
        else if (v === 'missing_phone')
          q.where((w: any) => w.whereNull('graduates.phone').orWhere('graduates.phone', ''))
        else if (v === 'not_activated') q.whereNotExists(account)
        else if (v === 'activated') q.whereExists(account)
      },
    },
  ],
  defaultSort: { column: 'graduates.student_number', direction: 'asc' },
  detail: [
    { key: 'studentNumber', label: '学号' },
    { key: 'name', label: '姓名' },
    { key: 'gender', label: '性别' },
    { key: 'idNumber', label: '身份证号', format: 'masked_id' },
    { key: 'college', label: '学院' },
    { key: 'major', label: '专业' },
    { key: 'degreeLevel', label: '学历' },
    { key: 'graduationYear', label: '届别' },
    { key: 'phone', label: '手机号', format: 'masked_phone' },
    { key: 'email', label: '电子邮箱' },
    { key: 'signable', label: '可签约', format: 'boolean' },
    { key: 'activated', label: '学生账号', value: (g) => (g.user ? '已激活' : '未激活') },
  ],
  form: {
    fields: [
      { name: 'studentNumber', label: '学号', required: true, on: 'create' },
      { name: 'name', label: '姓名', required: true },
      {
        name: 'gender',
        label: '性别',
        type: 'select',
        options: GENDERS.map((g) => ({ value: g, label: g })),
      },
      {
        name: 'idNumber',
        label: '身份证号',
        mask: 'idNumber',
        help: '18 位居民身份证号码；已录入的号码部分隐藏显示，保持不动即不修改，需要更正时请完整填写新号码',
      },
      { name: 'college', label: '学院', help: '学院老师只能维护本学院的学生' },
      { name: 'major', label: '专业' },
      {
        name: 'degreeLevel',
        label: '学历',
        type: 'select',
        options: DEGREE_LEVELS.map((d) => ({ value: d, label: d })),
      },
      { name: 'graduationYear', label: '届别', type: 'number', placeholder: String(currentYear) },
      {
        name: 'phone',
        label: '手机号',
        mask: 'phone',
        help: '已录入的号码部分隐藏显示，保持不动即不修改',
      },
      { name: 'email', label: '电子邮箱', type: 'email' },
      { name: 'signable', label: '可签约', type: 'checkbox', help: '允许该学生接受网上签约' },
    ],
    validator: graduateValidator,
    auditKeys: ['studentNumber', 'name', ...OPTIONAL_FIELDS, 'signable'],
    // Two creates of the same 学号 at once both pass the validator's check; the unique key
    // (school_id, student_number) refuses the second.
    unique: { studentNumber: '该学号已存在' },
    save: async ({ data, record, trx, user }) => {
      const graduate = record ?? new Graduate()
      graduate.useTransaction(trx)
      const values = { ...data }
      if (record) delete values.studentNumber
      for (const key of OPTIONAL_FIELDS) values[key] = values[key] ?? null
      values.signable = Boolean(values.signable)
      if (!record) values.schoolId = user.schoolId
      if (user.college) values.college = user.college
      graduate.merge(values)
      await graduate.save()
      return graduate
    },
  },
  toolbar: [{ label: '导入生源（CSV / Excel）', href: '/school/graduates/import', primary: false }],
  rowActions: [
    // ID and mobile numbers are shown masked; the full value is given to the school's staff on
    // request and audited.
    revealAction('reveal-id', '查看完整身份证号', 'idNumber', '身份证号'),
    revealAction('reveal-phone', '查看完整手机号', 'phone', '手机号'),
    {
      id: 'mark-signable',
      label: '标记可签约',
      // Same confirmation as its opposite (取消可签约): the mark lets employers send signing invitations.
      confirm: '标记后用人单位可向该学生发送签约邀请，确定将该学生标记为可签约？',
      visible: (g) => !g.signable,
      handle: async ({ record }) => ({
        message: `已将 ${record.name} 标记为可签约`,
        ...(await markSignable(record, true)),
      }),
    },
    {
      id: 'unmark-signable',
      label: '取消可签约',
      confirm: '确定取消该学生的可签约标记？',
      visible: (g) => Boolean(g.signable),
      handle: async ({ record }) => ({
        message: `已取消 ${record.name} 的可签约标记`,
        ...(await markSignable(record, false)),
      }),
    },
  ],
  bulkActions: [
    {
      id: 'mark-signable',
      label: '批量标记可签约',
      confirm: '确定将选中的学生标记为可签约？',
      handle: async ({ records, trx }) => ({
        message: `已将 ${records.length} 名学生标记为可签约`,
        ...(await markAllSignable(trx, records, true)),
      }),
    },
    {
      id: 'unmark-signable',
      label: '批量取消可签约',
      confirm: '确定取消选中学生的可签约标记？',
      handle: async ({ records, trx }) => ({
        message: `已取消 ${records.length} 名学生的可签约标记`,
        ...(await markAllSignable(trx, records, false)),
      }),
    },
  ],
  exportable: true,
  emptyMessage: '生源库暂无记录，请先导入生源（CSV / Excel）',
})
