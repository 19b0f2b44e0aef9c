import { text as langText } from '#core/i18n/text'
import i18nManager from '@adonisjs/i18n/services/main'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#core/ui/format'
import { maskText } from '#core/privacy/mask'
import type { AuditRow } from '#core/audit/audit_service'
import type { ResourceDefinition } from '#core/admin/resource'

/**
 * The one place that turns stored audit names into Chinese: actions (`procedures.invitation.send`
 * → 发送签约邀请), subjects (`signing_invitation` → 签约邀请 #4 张三), fields (`deadlineAt` →
 * 签约截止时间) and values (statuses, 是/否, Asia/Shanghai times, 空). Every reader of the audit log
 * (操作日志 pages and CSV, 最近操作 on the dashboards, 操作记录 cards) describes rows through it.
 *
 * Contributions, merged in this order (later ones add, earlier ones win on a clash):
 *   1. the core's own set below;
 *   2. each module's manifest `audit` (actions, subjects, fields, values, title loaders);
 *   3. each module's settings fields (label keys, options, boolean type);
 *   4. every admin resource: its singular as the subject, its form/detail/column labels as fields,
 *      its tags/options/review status labels as values, create/update/delete/export/approve/return
 *      and its row/bulk actions as actions, its `title()` for the record's title.
 */
export interface AuditLabelSet {
  actions?: Record<string, string>
  subjects?: Record<string, string>
  /** Field labels for every subject (keys in camelCase; snake_case names are looked up camelCased). */
  fields?: Record<string, string>
  /** Field labels of one subject only (the same name means something else elsewhere). */
  subjectFields?: Record<string, Record<string, string>>
  /** subject (or `*` for all) → field → stored value → label. */
  values?: Record<string, Record<string, Record<string, string>>>
  /** Fields holding booleans stored as 0/1 (shown 是/否). */
  booleans?: string[]
  /** Cheap record titles per subject: ids → title (no 身份证号/手机号; masked again anyway). */
  titles?: Record<string, (ids: string[]) => Promise<Map<string, string>>>
}

export interface DescribedChange {
  field: string
  label: string
  from: string
  to: string
}

export interface DescribedEntry {
  time: string
  action: string
  subject: string
  changes: DescribedChange[]
  /** `label：from → to` lines, then `意见：…` when a note was written. */
  lines: string[]
  note: string | null
}

const EMPTY = '空'

/** The core's own names (accounts, tenancy, registry, queues, modules). */
const CORE: AuditLabelSet = {
  actions: {
    'module.enable': '开启功能模块',
    'module.disable': '关闭功能模块',
    'module.settings': '修改功能模块设置',
    'queue.failed_job.retry': '重试失败任务',
    'registry.import': '导入生源名单',
    'graduate.import_create': '导入新增生源',
    'graduate.import_update': '导入更新生源',
    'graduate.view_id_number': '查看完整身份证号',
    'employer.profile.update': '单位修改单位信息',
  },
  subjects: {
    module: '功能模块',
    failed_job: '失败任务',
    registry_import: '生源导入',
    graduate: '生源',
    employer: '单位',
    school: '学校',
    staff_user: '教师账号',
    audit_log: '操作日志',
  },
  fields: {
    id: '编号',
    status: '状态',
    siteId: '发布站点',
    authorId: '发布人',
    name: '名称',
    title: '标题',
    createdAt: '创建时间',
    updatedAt: '更新时间',
    enabled: '本校开启',
    available: '全省开放',
    file: '文件',
    created: '新增条数',
    updated: '更新条数',
    rows: '导出条数',
    q: '搜索关键词',
    filters: '筛选条件',
    // Employer profile (单位信息): the model's attributes as `serialize()` writes them.
    uscc: '统一社会信用代码',
    contactName: '联系人',
    contactPhone: '联系电话',
    contactEmail: '联系邮箱',
    industry: '所属行业',
    nature: '单位性质',
    scale: '单位规模',
    city: '所在城市',
    address: '地址',
    website: '网址',
    intro: '单位简介',
    licenceFileId: '营业执照',
    rejectReason: '退回原因',
    verifiedAt: '认证时间',
    accountsActive: '单位账号启用',
    // Graduates written by the registry import (snake_case columns are looked up camelCased).
    studentNumber: '学号',
    idNumber: '身份证号',
    phone: '手机号',
    mobile: '手机号',
    gender: '性别',
    college: '院系',
    major: '专业',
    degree: '学历',
    educationLevel: '学历层次',
    graduationYear: '毕业年份',
    className: '班级',
    activatedAt: '激活时间',
    signable: '可签约',
  },
  subjectFields: {
    employer: { name: '单位名称', status: '认证状态' },
    graduate: { name: '姓名' },
  },
  values: {
    'employer': { status: { pending: '待审核', verified: '已认证', rejected: '已退回' } },
    '*': {
      gender: { male: '男', female: '女', M: '男', F: '女' },
    },
  },
  booleans: ['enabled', 'available', 'signable', 'accountsActive'],
}

function camel(key: string) {
  return key.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase())
}

const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/

/** A stored value as Chinese text: 空, 是/否, a label, a Shanghai date-time, or the value itself. */
function plain(value: unknown): string {
  if (value === null || value === undefined || value === '') return EMPTY
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (DateTime.isDateTime(value)) return value.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm')
  if (value instanceof Date)
    return DateTime.fromJSDate(value).setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm')
  if (typeof value === 'string' && ISO_DATETIME.test(value.trim())) {
    const text = value.trim()
    // Stored and diffed in UTC: a value without an offset is UTC (SQL datetime of nowDb()).
    const dt = text.includes('T')
      ? DateTime.fromISO(text, { zone: 'utc' })
      : DateTime.fromSQL(text, { zone: 'utc' })
    if (dt.isValid) return dt.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm')
  }
  return maskText(String(value))
}

export class AuditLabels {
  #actions = new Map<string, string>()
  #subjects = new Map<string, string>()
  #fields = new Map<string, string>()
  #subjectFields = new Map<string, Map<string, string>>()
  #values = new Map<string, Map<string, string>>()
  #booleans = new Set<string>()
  #titles = new Map<string, (ids: string[]) => Promise<Map<string, string>>>()
  /** subject → resource (for filters of an export, titles). */
  #resources = new Map<string, ResourceDefinition>()
  #loading: Promise<void> | null = null
  loaded = false

  /** Merges a set; names already known keep their first label. */
  add(set: AuditLabelSet) {
    const put = (map: Map<string, string>, key: string, label: string | undefined) => {
      if (label && !map.has(key)) map.set(key, label)
    }
    for (const [k, v] of Object.entries(set.actions ?? {})) put(this.#actions, k, v)
    for (const [k, v] of Object.entries(set.subjects ?? {})) put(this.#subjects, k, v)
    for (const [k, v] of Object.entries(set.fields ?? {})) put(this.#fields, camel(k), v)
    for (const [subject, fields] of Object.entries(set.subjectFields ?? {})) {
      const map = this.#subjectFields.get(subject) ?? new Map<string, string>()
      for (const [k, v] of Object.entries(fields)) put(map, camel(k), v)
      this.#subjectFields.set(subject, map)
    }
    for (const [subject, fields] of Object.entries(set.values ?? {})) {
      for (const [field, values] of Object.entries(fields)) {
        const key = `${subject}|${camel(field)}`
        const map = this.#values.get(key) ?? new Map<string, string>()
        for (const [k, v] of Object.entries(values)) put(map, String(k), v)
        this.#values.set(key, map)
      }
    }
    for (const f of set.booleans ?? []) this.#booleans.add(camel(f))
    for (const [k, v] of Object.entries(set.titles ?? {}))
      if (!this.#titles.has(k)) this.#titles.set(k, v)
  }

  /** Loads every contribution once per process (code and lang files only: no data, no staleness). */
  load() {
    this.#loading ??= this.#load()
    return this.#loading
  }

  async #load() {
    this.add(CORE)
    const { default: moduleRegistry } = await import('#core/modules/registry')
    await moduleRegistry.load()
    await i18nManager.loadTranslations()
    // A missing text stays unlabelled (the completeness test names it) instead of showing i18n's notice.
    const texts = i18nManager.getTranslationsFor('zh-CN')
    const t = (key: string): string | undefined =>
      texts[key] ? i18nManager.locale('zh-CN').t(key) : undefined
    const moduleTitles: Record<string, string> = {}
    for (const manifest of moduleRegistry.all()) {
      moduleTitles[manifest.id] = manifest.name.zh
      if (manifest.audit) this.add(await manifest.audit())
      for (const field of manifest.settings?.fields ?? []) {
        const label = t(field.label)
        this.add({
          fields: label ? { [field.key]: label } : undefined,
          values: field.options
            ? {
                '*': {
                  [field.key]: Object.fromEntries(field.options.map((o) => [o.value, o.label])),
                },
              }
            : undefined,
          booleans: field.type === 'boolean' ? [field.key] : undefined,
        })
      }
    }
    this.add({
      titles: {
        module: async (ids) => new Map(ids.map((id) => [id, moduleTitles[id] ?? id])),
      },
    })
    const { allResources } = await import('#core/admin/resource_registry')
    const { localize } = await import('#core/admin/resource')
    // A module's resource carries lang keys: the labels are their texts.
    for (const def of await allResources()) this.#addResource(localize(def, langText))
    this.loaded = true
  }

  #addResource(def: ResourceDefinition) {
    if (!this.#resources.has(def.subject)) this.#resources.set(def.subject, def)
    const singular = def.singular ?? def.label
    const fields: Record<string, string> = {}
    const values: Record<string, Record<string, string>> = {}
    const booleans: string[] = []
    for (const c of def.columns) {
      fields[c.key] = c.label
      if (c.tag)
        values[c.key] = Object.fromEntries(Object.entries(c.tag).map(([k, v]) => [k, v[0]]))
      if (c.format === 'boolean') booleans.push(c.key)
    }
    for (const d of def.detail ?? []) fields[(d as any).key] = (d as any).label
    for (const f of def.form?.fields ?? []) {
      fields[f.name] = f.label
      if (Array.isArray(f.options))
        values[f.name] = Object.fromEntries(f.options.map((o) => [String(o.value), o.label]))
      if (f.type === 'checkbox' || (f.type as string) === 'boolean') booleans.push(f.name)
    }
    for (const filter of def.filters ?? [])
      if (Array.isArray(filter.options))
        values[filter.key] ??= Object.fromEntries(
          filter.options.map((o) => [String(o.value), o.label])
        )
    if (def.review) {
      // The review status is the machine's column; its labels are the machine's.
      const machine = def.review.machine
      const statusKey = machine.column.replace(/_([a-z])/g, (_, ch) => ch.toUpperCase())
      fields[statusKey] ??= '审核状态'
      values[statusKey] = Object.fromEntries(machine.options().map((o) => [o.value, o.label]))
      if (def.review.commentKey) fields[def.review.commentKey] ??= '审核意见'
    }
    const actions: Record<string, string> = {
      [`${def.subject}.create`]: `新增${singular}`,
      [`${def.subject}.update`]: `修改${singular}`,
      [`${def.subject}.delete`]: `删除${singular}`,
      [`${def.subject}.export`]: `导出${def.label}`,
      [`${def.subject}.approve`]: `${singular}审核通过`,
      [`${def.subject}.return`]: `${singular}审核退回`,
    }
    // A row action and a bulk action may share an id: the single one names it (标记可签约).
    for (const a of [...(def.rowActions ?? []), ...(def.bulkActions ?? [])])
      actions[`${def.subject}.${a.id}`] ??= a.label
    this.add({
      actions,
      subjects: { [def.subject]: singular },
      subjectFields: { [def.subject]: fields },
      values: { [def.subject]: values },
      booleans,
      titles: def.title
        ? {
            [def.subject]: async (ids) => {
              const numeric = ids.filter((id) => /^\d+$/.test(id))
              if (!numeric.length) return new Map()
              const rows = await def.model.query().whereIn('id', numeric)
              const out = new Map<string, string>()
              for (const row of rows) {
                try {
                  out.set(String((row as any).id), def.title!(row as any))
                } catch {
                  // A title that needs a relation not loaded here: the label and number suffice.
                }
              }
              return out
            },
          }
        : undefined,
    })
  }

  hasAction(action: string) {
    return this.#actions.has(action)
  }

  /** Whether some labelled action starts with the fixed part of a template (`procedures.plan.${d}`). */
  hasActionPrefix(prefix: string) {
    for (const key of this.#actions.keys()) if (key.startsWith(prefix)) return true
    return false
  }

  hasSubject(subject: string) {
    return this.#subjects.has(subject)
  }

  hasField(field: string, subject?: string | null) {
    const key = camel(field)
    return (
      key.startsWith('__') ||
      this.#fields.has(key) ||
      (!!subject && !!this.#subjectFields.get(subject)?.has(key))
    )
  }

  action(action: string) {
    return this.#actions.get(action) ?? action
  }

  subject(subject: string | null) {
    if (!subject) return ''
    return this.#subjects.get(subject) ?? subject
  }

  field(field: string, subject?: string | null) {
    const key = camel(field)
    return (
      (subject ? this.#subjectFields.get(subject)?.get(key) : undefined) ??
      this.#fields.get(key) ??
      field
    )
  }

  /** One stored value of a field, as shown: masked values stay as they are. */
  value(field: string, value: unknown, subject?: string | null): string {
    const key = camel(field)
    if (Array.isArray(value))
      return value.length ? value.map((v) => this.value(field, v, subject)).join('、') : EMPTY
    if (
      value !== null &&
      typeof value === 'object' &&
      !DateTime.isDateTime(value) &&
      !(value instanceof Date)
    )
      return this.#object(value as Record<string, unknown>, subject)
    if (key === 'filters' && typeof value === 'string' && value.startsWith('{')) {
      try {
        return this.#object(JSON.parse(value), subject)
      } catch {
        // Not JSON after all: shown as text.
      }
    }
    if (this.#booleans.has(key) && [0, 1, '0', '1', true, false].includes(value as any))
      return value === true || value === 1 || value === '1' ? '是' : '否'
    if (value !== null && value !== undefined) {
      const label =
        (subject ? this.#values.get(`${subject}|${key}`)?.get(String(value)) : undefined) ??
        this.#values.get(`*|${key}`)?.get(String(value))
      if (label) return label
    }
    return plain(value)
  }

  #object(value: Record<string, unknown>, subject?: string | null) {
    const entries = Object.entries(value)
    if (!entries.length) return EMPTY
    return entries
      .map(([k, v]) => `${this.field(k, subject)}：${this.value(k, v, subject)}`)
      .join('，')
  }

  /** 签约邀请 #4 张三 · 操作日志 (an export, no id) · 功能模块 就业手续 (a textual id). */
  subjectText(type: string | null, id: string | null, title?: string | null) {
    if (!type) return ''
    const label = this.subject(type)
    const numeric = id !== null && /^\d+$/.test(id)
    const parts = [label]
    if (numeric) parts.push(`#${id}`)
    if (title) parts.push(maskText(title))
    return parts.join(' ')
  }

  /** Titles of the rows' subjects, one query per subject type. */
  async titlesOf(rows: Pick<AuditRow, 'subjectType' | 'subjectId'>[]) {
    await this.load()
    const byType = new Map<string, Set<string>>()
    for (const r of rows) {
      if (!r.subjectType || r.subjectId === null || r.subjectId === undefined) continue
      const set = byType.get(r.subjectType) ?? new Set<string>()
      set.add(String(r.subjectId))
      byType.set(r.subjectType, set)
    }
    const titles = new Map<string, string>()
    for (const [type, ids] of byType) {
      const loader = this.#titles.get(type)
      if (!loader) continue
      try {
        for (const [id, title] of await loader([...ids])) titles.set(`${type}|${id}`, title)
      } catch {
        // Titles are a convenience: a failing loader leaves the label and number.
      }
    }
    return titles
  }

  /** One presented row in Chinese (call `load()` or `describeMany()` first). */
  describe(row: AuditRow, titles?: Map<string, string>): DescribedEntry {
    const subject = row.subjectType
    const changes: DescribedChange[] = Object.entries(row.changes ?? {}).map(([field, pair]) => {
      const [from, to] = Array.isArray(pair) ? pair : [null, pair]
      return {
        field,
        label: this.field(field, subject),
        from: this.value(field, from, subject),
        to: this.value(field, to, subject),
      }
    })
    const note = row.note ? maskText(String(row.note)) : null
    const lines = changes.map((c) => `${c.label}：${c.from} → ${c.to}`)
    if (note) lines.push(`意见：${note}`)
    const key = `${subject}|${row.subjectId}`
    return {
      time: plain(row.createdAt) === EMPTY ? '' : plain(row.createdAt),
      action: this.action(row.action),
      subject: this.subjectText(
        subject,
        row.subjectId === null ? null : String(row.subjectId),
        titles?.get(key)
      ),
      changes,
      lines,
      note,
    }
  }

  async describeMany<T extends AuditRow>(
    rows: T[]
  ): Promise<(T & { described: DescribedEntry })[]> {
    await this.load()
    const titles = await this.titlesOf(rows)
    return rows.map((row) => ({ ...row, described: this.describe(row, titles) }))
  }

  #written = new Map<string, { action: string; subjectType: string | null; fields: string[] }>()

  /** Tests only: remembers each name written, so a run can demand a label for every one. */
  noteWritten(action: string, subjectType: string | null, fields: string[]) {
    const key = `${action}|${subjectType}|${[...fields].sort().join(',')}`
    if (!this.#written.has(key)) this.#written.set(key, { action, subjectType, fields })
  }

  /** Every name written so far in this process that has no Chinese label. */
  async unlabelledWritten() {
    if (!this.#written.size) return []
    await this.load()
    const out = new Set<string>()
    for (const entry of this.#written.values()) for (const m of this.missing(entry)) out.add(m)
    return [...out].sort()
  }

  /** Names an entry would show untranslated: used in tests to demand a label for each. */
  missing(entry: { action: string; subjectType: string | null; fields: string[] }) {
    const out: string[] = []
    if (!this.hasAction(entry.action)) out.push(`操作 ${entry.action}`)
    if (entry.subjectType && !this.hasSubject(entry.subjectType))
      out.push(`对象 ${entry.subjectType}`)
    for (const f of entry.fields)
      if (!this.hasField(f, entry.subjectType)) out.push(`字段 ${entry.subjectType ?? ''}.${f}`)
    return out
  }
}

const auditLabels = new AuditLabels()
export default auditLabels
