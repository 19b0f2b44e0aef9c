import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import env from '#start/env'
import { defineResource } from '#core/admin/resource'
import School from '#core/tenancy/models/school'
import Site from '#core/tenancy/models/site'

const notUnderAppDomain = vine.createRule(
  (value: unknown, _options: undefined, field: FieldContext) => {
    if (typeof value !== 'string') return
    const domain = env.get('APP_DOMAIN').toLowerCase()
    if (value === domain || value.endsWith('.' + domain)) {
      field.report(
        'The {{ field }} must not be under the platform domain',
        'notUnderAppDomain',
        field,
        {
          domain,
        }
      )
    }
  }
)

const HOST = /^(?=.{4,255}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,}$/

/** 学校与分站: creating a school creates its subsite (`<code>.<APP_DOMAIN>`, optional custom host). */
export default defineResource({
  area: 'province',
  id: 'schools',
  label: '学校与分站',
  singular: '学校',
  subject: 'school',
  group: '基础数据',
  order: 10,
  model: School,
  scope: 'none',
  query: (q) => q.preload('site'),
  columns: [
    { key: 'code', label: '学校代码', sortable: true },
    { key: 'name', label: '学校名称', sortable: true, link: true },
    { key: 'moeCode', label: '学校标识码', value: (s) => s.moeCode ?? '' },
    { key: 'host', label: '分站地址', value: (s) => `${s.code}.${env.get('APP_DOMAIN')}` },
    { key: 'customHost', label: '自定义域名', value: (s) => s.site?.customHost ?? '' },
    { key: 'createdAt', label: '创建时间', format: 'date', sortable: 'schools.created_at' },
  ],
  search: ['code', 'name'],
  searchPlaceholder: '学校代码 / 名称',
  defaultSort: { column: 'schools.code', direction: 'asc' },
  detail: [
    { key: 'code', label: '学校代码' },
    { key: 'name', label: '学校名称' },
    { key: 'moeCode', label: '学校标识码', value: (s) => s.moeCode ?? '' },
    { key: 'host', label: '分站地址', value: (s) => `${s.code}.${env.get('APP_DOMAIN')}` },
    { key: 'customHost', label: '自定义域名', value: (s) => s.site?.customHost ?? '' },
  ],
  form: {
    fields: [
      {
        name: 'code',
        label: '学校代码',
        required: true,
        on: 'create',
        help: '小写字母、数字或短横线，用作分站地址：代码.' + env.get('APP_DOMAIN'),
      },
      { name: 'name', label: '学校名称', required: true },
      {
        name: 'moeCode',
        label: '学校标识码',
        help: '教育部 5 位学校代码（开放数据接口的 xxdm），例如 10284',
        value: (s) => s.moeCode ?? '',
      },
      {
        name: 'customHost',
        label: '自定义域名',
        help: '可选，例如 jy.example.edu.cn（需将域名解析到本平台）',
        value: (s) => s.site?.customHost ?? '',
      },
    ],
    validator: (_ctx, record) =>
      vine.compile(
        vine.object({
          code: record
            ? vine.string().optional()
            : vine
                .string()
                .trim()
                .toLowerCase()
                .regex(/^[a-z][a-z0-9-]{1,30}$/)
                .notIn(['www', 'main', 'admin', 'api'])
                .unique(
                  async (db, value) =>
                    !(await db.from('sites').where('code', value).first()) &&
                    !(await db.from('schools').where('code', value).first())
                ),
          name: vine.string().trim().minLength(2).maxLength(100),
          moeCode: vine
            .string()
            .trim()
            .regex(/^\d{5}$/)
            .unique(async (db, value, field) => {
              const row = await db.from('schools').where('moe_code', value).first()
              return !row || (field.meta.record && row.id === field.meta.record.id)
            })
            .optional(),
          customHost: vine
            .string()
            .trim()
            .toLowerCase()
            .regex(HOST)
            // `<x>.<APP_DOMAIN>` is always read as a school code, so such a host would answer 404.
            .use(notUnderAppDomain())
            .unique(async (db, value, field) => {
              const row = await db.from('sites').where('custom_host', value).first()
              return !row || (field.meta.record && row.school_id === field.meta.record.id)
            })
            .optional(),
        })
      ),
    save: async ({ data, record, trx }) => {
      const school = record ?? new School()
      school.useTransaction(trx)
      if (!record) school.code = data.code
      school.name = data.name
      school.moeCode = data.moeCode || null
      await school.save()
      // The subsite is created with the school and follows its name.
      const site =
        (await Site.query({ client: trx }).where('school_id', school.id).first()) ?? new Site()
      site.useTransaction(trx)
      site.merge({
        schoolId: school.id,
        code: school.code,
        name: school.name,
        isMain: false,
        customHost: data.customHost || null,
      })
      await site.save()
      return school
    },
  },
  emptyMessage: '暂无学校，点击“新建学校”开通第一个分站',
})
