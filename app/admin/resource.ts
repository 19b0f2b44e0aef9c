/**
 * Admin framework — define an admin resource once, get list / filters / search / sorting /
 * paging / detail / create / edit / row actions / bulk actions / review pages for it.
 *
 * USAGE (a module exposes its resources through its manifest):
 *
 *   // modules/events/admin/fairs_resource.ts
 *   import vine from '@vinejs/vine'
 *   import { defineResource } from '#core/admin/resource'
 *   import Fair from '#modules/events/models/fair'
 *
 *   export default defineResource({
 *     area: 'school',                     // 'school' → /school/<id>, 'province' → /province/<id>
 *     id: 'fairs',                        // URL segment, unique within the area
 *     label: '招聘会管理', singular: '招聘会', subject: 'fair',   // subject = audit log subject type
 *     model: Fair,
 *     scope: { school: 'school_id' },     // REQUIRED: columns for scopeToActor (add college: 'college'
 *                                         // for student data), a function (query, user) => void, or 'none'
 *                                         // (province-wide data, province area only)
 *     query: (q) => q.preload('site'),    // optional base constraints / preloads
 *     columns: [
 *       { key: 'title', label: '名称', sortable: true, link: true },
 *       { key: 'startsAt', label: '时间', sortable: 'starts_at', format: 'datetime' },
 *       { key: 'status', label: '状态', tag: { open: ['报名中', 'green'], closed: ['已结束', 'gray'] } },
 *       { key: 'x', label: '计算值', value: (row) => row.compute() },
 *     ],
 *     search: ['title', 'location'],      // keyword search (LIKE on these DB columns)
 *     filters: [{ key: 'status', label: '状态', options: [{ value: 'open', label: '报名中' }] },
 *               { key: 'year', label: '届别', options: async (ctx) => [...], apply: (q, v) => q.where(...) }],
 *     defaultSort: { column: 'starts_at', direction: 'desc' },
 *     detail: [{ key: 'title', label: '名称' }, { key: 'description', label: '介绍', format: 'multiline' }],
 *     form: {
 *       fields: [{ name: 'title', label: '名称', required: true }, { name: 'location', label: '地点' }],
 *       validator: () => vine.compile(vine.object({ title: vine.string().trim().maxLength(200), … })),
 *       // optional: save: async (ctx, data, record, trx) => record   (default: create / merge + save)
 *     },
 *     rowActions: [{ id: 'close', label: '结束报名', confirm: '确定结束报名？', visible: (r) => r.status === 'open',
 *                    handle: async ({ record, trx }) => { record.useTransaction(trx); record.status = 'closed'; await record.save();
 *                                                        return { message: '已结束报名', after: { status: 'closed' } } } }],
 *     bulkActions: [{ id: 'close', label: '批量结束', handle: async ({ records, trx }) => ({ message: '…' }) }],
 *     exportable: true,                   // 导出 CSV of the filtered list (scoped, audited)
 *     deletable: true,                    // 删除 on the detail page (ability `delete`)
 *     toolbar: [{ label: '导入', href: '/school/fairs/import' }],   // extra buttons above the table
 *     // Row actions may set `detailOnly: true` (detail page only) and `ability: (ctx, r) => [name, ...args]`.
 *     review: { statusKey: 'status', pending: 'pending', approved: 'approved', returned: 'returned',
 *               commentKey: 'reviewComment', onDecision: async ({ record, decision, comment, trx, ctx }) => {} },
 *   })
 *
 *   // modules/events/module.ts
 *   adminResources: async () => [(await import('#modules/events/admin/fairs_resource')).default],
 *
 * Routes (mounted for you): GET /<area>/<id> (list; query q, sort, dir, page, f_<filter>),
 * GET …/export.csv, GET …/new, POST …, GET …/:id, GET …/:id/edit, POST …/:id, POST …/:id/delete,
 * POST …/:id/actions/:action, POST …/bulk/:action (ids[]), POST …/:id/review (decision, comment).
 *
 * What the framework guarantees for every resource (do not re-implement it in a resource):
 * - every query (list, detail, edit, actions, bulk ids) goes through `scopeToActor` with `scope`, so a
 *   record of another school (or another college for a college-scoped teacher) is simply not found (404);
 * - every page and action is checked by a Bouncer ability (`abilities` below; defaults: student data →
 *   viewStudentRecord / manageStudentRecord, school data → manageSchool, province area → manageProvince);
 * - every write (create, edit, delete, row/bulk action, review) runs in one transaction and is written to
 *   the audit log with who, when, and the changed fields old → new;
 * - a module's resources are mounted behind its module guard (disabled for the school → 本校未开通此功能).
 */
import type { HttpContext } from '@adonisjs/core/http'
import type { LucidModel, LucidRow, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { VineValidator } from '@vinejs/vine'
import type User from '#core/accounts/models/user'
import type { PersonalKind } from '#core/privacy/mask'

export type AdminArea = 'school' | 'province'
export type AnyRow = LucidRow & Record<string, any>
// Resource callbacks get a query of their own model; typed loosely so any model's relations work.
export type AnyQuery = ModelQueryBuilderContract<LucidModel, any> & Record<string, any>
export type Option = { value: string | number; label: string }
export type Options = Option[] | ((ctx: HttpContext) => Promise<Option[]> | Option[])

export type CellFormat =
  'text' | 'datetime' | 'date' | 'boolean' | 'multiline' | 'masked_id' | 'masked_phone'

export interface ColumnDef {
  /** Attribute of the model (camelCase) — or any name when `value` is given. */
  key: string
  label: string
  /** true (DB column = snake_case of key) or the DB column to sort by. */
  sortable?: boolean | string
  format?: CellFormat
  /** Shows the value as a coloured tag: value → [label, colour]. */
  tag?: Record<string, [string, 'blue' | 'green' | 'orange' | 'red' | 'gray']>
  /** Computed value. */
  value?: (row: AnyRow) => unknown
  /** Link the cell to the detail page. */
  link?: boolean
}

export interface FilterDef {
  key: string
  label: string
  /** Select options; without options the filter is a text input. */
  options?: Options
  /** Custom constraint; default: `where(snake_case(key), value)`. */
  apply?: (query: AnyQuery, value: string, ctx: HttpContext) => void
}

export interface FieldDef {
  name: string
  label: string
  type?:
    | 'text'
    | 'textarea'
    | 'select'
    | 'password'
    | 'number'
    | 'email'
    | 'checkbox'
    | 'date'
    | 'datetime-local'
  required?: boolean
  options?: Options
  help?: string
  placeholder?: string
  /** Only on the create form / only on the edit form. */
  on?: 'create' | 'edit'
  /** Initial value on the create form. */
  default?: unknown
  /** Value shown in the edit form (default: record[name]). */
  value?: (record: AnyRow) => unknown
  /**
   * A personal field: the edit form shows the stored value masked, and the masked placeholder
   * submitted back keeps the stored value (a new value can still be typed in full).
   */
  mask?: PersonalKind
}

export interface ActionResult {
  message: string
  /** For the audit log (old → new of what the action changed). */
  before?: Record<string, unknown>
  after?: Record<string, unknown>
}

export interface ActionContext {
  ctx: HttpContext
  user: User
  trx: TransactionClientContract
}

export interface RowActionDef {
  id: string
  label: string
  /** hx-confirm text for destructive / binding actions. */
  confirm?: string
  danger?: boolean
  /** Offer the action on the detail page only (not in every table row). */
  detailOnly?: boolean
  visible?: (record: AnyRow, user: User) => boolean
  /** Ability for this action (default: the resource's `update` ability). */
  ability?: (ctx: HttpContext, record: AnyRow) => AbilityCall
  handle: (args: ActionContext & { record: AnyRow }) => Promise<ActionResult>
}

export interface BulkActionDef {
  id: string
  label: string
  confirm?: string
  danger?: boolean
  /** Runs once per record inside one transaction (all-or-nothing). */
  handle: (args: ActionContext & { records: AnyRow[] }) => Promise<ActionResult>
}

export interface ReviewDef {
  /** Model attribute holding the review status. */
  statusKey: string
  pending: string | string[]
  approved: string
  returned: string
  /** Model attribute that stores the return comment (optional). */
  commentKey?: string
  /** Model attributes for who/when (optional; the audit log always has both). */
  reviewerKey?: string
  reviewedAtKey?: string
  approveLabel?: string
  returnLabel?: string
  statusLabels?: Record<string, string>
  /** Side effects (notify, create dependent rows…) inside the same transaction. */
  onDecision?: (
    args: ActionContext & { record: AnyRow; decision: 'approve' | 'return'; comment: string | null }
  ) => Promise<void>
}

/** A Bouncer ability name of `#core/authorization/abilities` (or an ability object) with its arguments. */
export type AbilityCall = [ability: any, ...args: any[]]

export interface ResourceAbilities {
  list?: (ctx: HttpContext) => AbilityCall
  view?: (ctx: HttpContext, record: AnyRow) => AbilityCall
  create?: (ctx: HttpContext) => AbilityCall
  update?: (ctx: HttpContext, record: AnyRow) => AbilityCall
  delete?: (ctx: HttpContext, record: AnyRow) => AbilityCall
}

export interface ResourceDefinition {
  area: AdminArea
  id: string
  label: string
  singular?: string
  /** Audit subject type (e.g. 'graduate'). */
  subject: string
  model: LucidModel
  /** Menu group in the admin sidebar. */
  group?: string
  order?: number
  scope: { school: string; college?: string } | ((query: AnyQuery, user: User) => void) | 'none'
  query?: (query: any, ctx: HttpContext) => void
  columns: ColumnDef[]
  search?: string[]
  searchPlaceholder?: string
  filters?: FilterDef[]
  defaultSort?: { column: string; direction: 'asc' | 'desc' }
  perPage?: number
  /** Title of a record (detail page heading). Default: name / title / id. */
  title?: (record: AnyRow) => string
  detail?: {
    key: string
    label: string
    format?: CellFormat
    value?: (row: AnyRow) => unknown
    /** Shows the value as a link (e.g. an uploaded file opened in a new tab); null = plain text. */
    href?: (row: AnyRow) => string | null
  }[]
  form?: {
    fields: FieldDef[]
    validator: (ctx: HttpContext, record: any) => VineValidator<any, any>
    create?: boolean
    edit?: boolean
    save?: (args: ActionContext & { data: Record<string, any>; record: any }) => Promise<any>
    // VineJS messages live in resources/lang/zh-CN/admin.json: `validator.resources.<id>.messages`
    // ('field.rule') for this resource, `validator.messages` for every admin form.
    /** Keys written to the audit log (default: field names; passwords are masked). */
    auditKeys?: string[]
    /**
     * Field → message when the database refuses a duplicate (a unique key, e.g. two creates
     * of the same 学号 at once). Default: the first field, "该<singular>已存在".
     */
    unique?: Record<string, string>
  }
  deletable?: boolean
  rowActions?: RowActionDef[]
  bulkActions?: BulkActionDef[]
  review?: ReviewDef
  abilities?: ResourceAbilities
  /** Offer 导出 CSV of the filtered list (same scope, filters and sorting; ability `list`). */
  exportable?: boolean
  /** Extra buttons above the table (e.g. 导入). */
  toolbar?: { label: string; href: string; primary?: boolean }[]
  /** Set by the registry for module resources: the module guard applies. */
  moduleId?: string
  emptyMessage?: string
}

export function defineResource(definition: ResourceDefinition): ResourceDefinition {
  if (!definition.scope) throw new Error(`Admin resource "${definition.id}" must declare a scope`)
  if (definition.scope === 'none' && definition.area !== 'province') {
    throw new Error(
      `Admin resource "${definition.id}": scope 'none' is only allowed in the province area`
    )
  }
  return definition
}

export function snake(key: string) {
  return key.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase())
}
