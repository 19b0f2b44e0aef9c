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
 *     area: 'school',                     // 'school' → /school/<id>, 'province' → /province/<id>,
 *                                         // 'employer' → /employer/<id> (verified employers only)
 *     id: 'fairs',                        // URL segment, unique within the area
 *     label: '招聘会管理', singular: '招聘会', subject: 'fair',   // subject = audit log subject type
 *     model: Fair,
 *     scope: { school: 'school_id' },     // REQUIRED: columns for scopeToActor (add college: 'college'
 *                                         // for student data), a function (query, user) => void, or 'none'
 *                                         // (province-wide data, province area only); employer area:
 *                                         // { employer: 'employer_id' } (the logged-in employer's rows;
 *                                         // ability: the verified employer of that row)
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
 *                                         // (method: 'post' → a form button, e.g. 队列自检)
 *     summary: async (ctx) => ctx.view.render('…/_figures', { … }),  // HTML above the list's tabs
 *     // A row action's result may carry `afterCommit: async () => ({ message, ok })`: run once the
 *     // action's transaction committed (e.g. a job dispatched with its own connection).
 *     // Row actions may set `detailOnly: true` (detail page only) and `ability: (ctx, r) => [name, ...args]`.
 *     // 审核: the decision is a transition of a core machine (#core/state/machine); the machine
 *     // refuses (its own refusal text) when the row is no longer in a state the transition starts from.
 *     review: { machine: fairMachine, approve: 'approve', return: 'return', commentKey: 'reviewComment',
 *               fields: [{ name: 'opinion', label: '意见', type: 'textarea' }],   // extra review inputs
 *               bulk: true,                                                      // 批量通过 on the list
 *               onDecision: async ({ record, decision, comment, input, trx, ctx }) => {} },
 *               // or `perform: async ({ user, record, decision, comment, input }) => …` when a domain
 *               // service applies the machine itself (own transaction and audit entry).
 *     tabs: [                             // named filters above the list, each with a live count
 *       { id: 'pending', label: '待审核', states: ['pending'], default: true },   // ?tab=pending
 *       { id: 'approved', label: '已通过', states: ['approved'] },
 *       { id: 'mine', label: '我的', where: (q, ctx) => q.where('owner_id', ctx.auth.user!.id) },
 *       { id: 'all', label: '全部', count: false },
 *     ],
 *     nav: { id: 'fair-work', label: '招聘会工作' },   // sibling resources shown as one tab strip
 *                                         // (each with the count of its default tab)
 *     children: [{ id: 'exhibitors', label: '参展单位', resource: () => exhibitorsResource,
 *                  foreignKey: 'fair_id', columns: [...] }],  // child table on the record page: the
 *                                         // child resource's rows of this parent (its scope, abilities
 *                                         // and row actions; the actions come back to this page)
 *     show: async ({ ctx, record, state }) => ctx.view.render('events::admin/fair', state),
 *                                         // replaces the record page (state = what admin/show gets:
 *                                         // fields, review, actions, children, history, pages…)
 *     pages: [{ id: 'seats', label: '座位表', render: async ({ ctx, record, state }) => '…' }],
 *                                         // extra record pages: GET …/:id/seats (same scope and ability)
 *     path: 'fairs/manage',               // URL under the area when it differs from `id`
 *     menu: false,                        // not in the sidebar (e.g. a resource only used as children)
 *   })
 *
 *   // modules/events/module.ts
 *   adminResources: async () => [(await import('#modules/events/admin/fairs_resource')).default],
 *
 * Routes (mounted for you): GET /<area>/<id> (list; query q, sort, dir, page, f_<filter>),
 * GET …/export.csv, GET …/new, POST …, GET …/:id, GET …/:id/edit, POST …/:id, POST …/:id/delete,
 * POST …/:id/actions/:action, POST …/bulk/:action (ids[]), POST …/:id/review (decision, comment),
 * POST …/bulk/review (ids[]: 批量通过), GET …/:id/<page> for each of `pages`; list query `tab`.
 * A resource without a `form` has no new / edit / update routes (POST …/:id stays free).
 *
 * What the framework guarantees for every resource (do not re-implement it in a resource):
 * - every query (list, detail, edit, actions, bulk ids) goes through `scopeToActor` with `scope`, so a
 *   record of another school (or another college for a college-scoped teacher) is simply not found (404);
 * - every page and action is checked by a Bouncer ability (`abilities` below; defaults: student data →
 *   viewStudentRecord / manageStudentRecord, school data → manageSchool, province area → manageProvince);
 * - every write (create, edit, delete, row/bulk action, review) runs in one transaction and is written to
 *   the audit log with who, when, and the changed fields old → new;
 * - a module's resources are mounted behind its module guard (disabled for the school → 本校未开通此功能);
 * - a review decision is a machine transition (one conditional UPDATE); a stale click gets the
 *   machine's refusal, never a second decision;
 * - the employer area is for verified employers only, and shows only the logged-in employer's rows.
 */
import type { HttpContext } from '@adonisjs/core/http'
import type { LucidModel, LucidRow, ModelQueryBuilderContract } from '@adonisjs/lucid/types/model'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type { VineValidator } from '@vinejs/vine'
import type User from '#core/accounts/models/user'
import type { PersonalKind } from '#core/privacy/mask'
import type { Machine } from '#core/state/machine'

export type AdminArea = 'school' | 'province' | 'employer'
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
  /** Shows a state as a tag labelled by this machine (`machine.label(state)`). */
  machine?: Machine<any, any>
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
  /**
   * Work that must run once the action's transaction has committed (e.g. dispatching a job that
   * reads or writes with its own connection); its message (and tone) replaces `message`.
   */
  afterCommit?: () => Promise<{ message: string; ok?: boolean }>
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
  /** The core machine whose transitions the decisions are (its column is the review status). */
  machine: Machine<any, any>
  /** Transition performed by 审核通过 / by 退回. */
  approve: string
  return: string
  /** Model attribute that stores the return comment (optional). */
  commentKey?: string
  /** Model attributes for who/when (optional; the audit log always has both). */
  reviewerKey?: string
  reviewedAtKey?: string
  approveLabel?: string
  returnLabel?: string
  /** Extra inputs of the review form (e.g. 学校评语), given to `perform` / `onDecision` as `input`. */
  fields?: FieldDef[]
  /** 批量通过 of the ticked rows on the list (each row on its own; refused rows are counted). */
  bulk?: boolean
  /** Input a bulk approval passes as `input` (e.g. a default opinion). */
  bulkInput?: Record<string, unknown>
  /**
   * A domain service performs the decision (it applies the machine itself, in its own transaction,
   * and writes its own audit entry). Throw a Refusal to refuse; its message is shown. A returned
   * text replaces the default 已审核通过 / 已退回 message.
   */
  perform?: (args: {
    ctx: HttpContext
    user: User
    record: AnyRow
    decision: 'approve' | 'return'
    comment: string | null
    input: Record<string, any>
  }) => Promise<void | string>
  /** Side effects (notify, create dependent rows…) inside the same transaction. */
  onDecision?: (
    args: ActionContext & {
      record: AnyRow
      decision: 'approve' | 'return'
      comment: string | null
      input: Record<string, any>
    }
  ) => Promise<void>
}

/** A named filter above the list with a live count (`?tab=<id>`). */
export interface TabDef {
  id: string
  label: string
  /** Rows in these states (of `review.machine`'s column, or of `column`). */
  states?: string[]
  column?: string
  /** Any other constraint. Neither `states` nor `where`: every row (全部). */
  where?: (query: AnyQuery, ctx: HttpContext) => void
  /** The tab opened without `?tab` (default: the first). */
  default?: boolean
  /** Show the live count (default true). */
  count?: boolean
}

/** A child table on the record page: rows of another resource that belong to this record. */
export interface ChildDef {
  id: string
  label: string
  /** The child resource (lazy, so two resources may refer to each other). */
  resource: () => ResourceDefinition | Promise<ResourceDefinition>
  /** DB column of the child's table holding the parent's id. */
  foreignKey: string
  /** Default: the child resource's columns. */
  columns?: ColumnDef[]
  limit?: number
  emptyMessage?: string
}

export interface RecordPageArgs {
  ctx: HttpContext
  record: AnyRow
  /** What the generic record page gets (fields, review, actions, children, history, pages, …). */
  state: Record<string, any>
}

/** An extra page of a record: GET /<area>/<path>/:id/<page id>, same scope and ability as the detail. */
export interface PageDef {
  id: string
  label: string
  ability?: (ctx: HttpContext, record: AnyRow) => AbilityCall
  render: (args: RecordPageArgs) => Promise<string> | string
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
  scope:
    | { school: string; college?: string }
    | { employer: string }
    | ((query: AnyQuery, user: User) => void)
    | 'none'
  /** URL under the area (default: `id`), e.g. 'procedures/reviews/source'. */
  path?: string
  /** Listed in the sidebar (default true). */
  menu?: boolean
  tabs?: TabDef[]
  /** Resources sharing a nav id are shown as one strip of tabs above their lists. */
  nav?: { id: string; label: string }
  children?: ChildDef[]
  /** Renders the record page instead of admin/show (scope, ability and audit stay the framework's). */
  show?: (args: RecordPageArgs) => Promise<string> | string
  pages?: PageDef[]
  query?: (query: any, ctx: HttpContext) => void
  columns: ColumnDef[]
  search?: string[]
  /** Keyword search of its own (e.g. on a related table): replaces the LIKE on `search`. */
  searchWhere?: (query: AnyQuery, term: string) => void
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
  toolbar?: { label: string; href: string; primary?: boolean; method?: 'get' | 'post' }[]
  /** HTML shown above the list's tabs (e.g. a few live figures of the area). */
  summary?: (ctx: HttpContext) => Promise<string> | string
  /** Set by the registry for module resources: the module guard applies. */
  moduleId?: string
  emptyMessage?: string
}

export function defineResource(definition: ResourceDefinition): ResourceDefinition {
  if (!definition.scope) throw new Error(`Admin resource "${definition.id}" must declare a scope`)
  const scope = definition.scope as any
  if ((definition.area === 'employer') !== (typeof scope === 'object' && 'employer' in scope)) {
    throw new Error(
      `Admin resource "${definition.id}": the employer area (and only it) is scoped by { employer }`
    )
  }
  const machine = definition.review?.machine
  for (const tab of definition.tabs ?? [])
    for (const state of tab.column ? [] : (tab.states ?? []))
      if (!machine?.def.states.includes(state))
        throw new Error(
          `Admin resource "${definition.id}": tab "${tab.id}": unknown state "${state}"`
        )
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

/** The URL of a resource's list: /<area>/<path or id>. */
export function basePathOf(def: ResourceDefinition) {
  return `/${def.area}/${def.path ?? def.id}`
}

const TEXT_PROPS = new Set([
  'label',
  'singular',
  'confirm',
  'emptyMessage',
  'searchPlaceholder',
  'approveLabel',
  'returnLabel',
  'help',
  'placeholder',
  'group',
])
const OPAQUE_PROPS = new Set(['model', 'machine', 'moduleId', 'id', 'key', 'name', 'subject'])
const localized = new WeakMap<ResourceDefinition, ResourceDefinition>()

function localizeValue(value: unknown, translate: (s: string) => string, prop?: string): unknown {
  if (typeof value === 'string') return prop && TEXT_PROPS.has(prop) ? translate(value) : value
  if (Array.isArray(value)) {
    // A tag entry: [label, colour].
    if (prop === '#tag' && typeof value[0] === 'string') return [translate(value[0]), value[1]]
    return value.map((v) => localizeValue(v, translate))
  }
  if (!value || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype)
    return value
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(value)) {
    if (OPAQUE_PROPS.has(k) || typeof v === 'function') out[k] = v
    else if (k === 'tag' && v && typeof v === 'object')
      out[k] = Object.fromEntries(
        Object.entries(v).map(([tk, tv]) => [tk, localizeValue(tv, translate, '#tag')])
      )
    else out[k] = localizeValue(v, translate, k)
  }
  return out
}

/**
 * The definition with its texts resolved: a module's resource carries lang keys
 * (`procedures.reviews.queues.source`) for labels, confirms and options, resolved here in the
 * platform's language (core resources may give the text itself: a non-key is kept as it is).
 */
export function localize(
  def: ResourceDefinition,
  translate: (s: string) => string
): ResourceDefinition {
  let done = localized.get(def)
  if (!done) {
    done = localizeValue(def, translate) as ResourceDefinition
    localized.set(def, done)
  }
  return done
}
