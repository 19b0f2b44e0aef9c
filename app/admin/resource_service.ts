import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { errors as vineErrors } from '@vinejs/vine'
import { formMessages } from '#core/validation/messages'
import type User from '#core/accounts/models/user'
import audit from '#core/audit/audit_service'
import { scopeToActor } from '#core/tenancy/school_scope'
import { formatDate, formatDateTime } from '#core/ui/format'
import { isMaskedPlaceholder, maskAs, maskIdNumber, maskPhone } from '#core/privacy/mask'
import { useAdminArea, manageOwnSchoolData, actForVerifiedEmployer } from '#core/admin/abilities'
import { Refusal } from '#core/http/refusal'
import { nowDb } from '#core/database/time'
import {
  basePathOf,
  localize,
  snake,
  type AbilityCall,
  type AnyQuery,
  type AnyRow,
  type ActionResult,
  type CellFormat,
  type ColumnDef,
  type FieldDef,
  type FilterDef,
  type Option,
  type Options,
  type ResourceDefinition,
  type TabDef,
} from '#core/admin/resource'
import { queryPage } from '#core/http/query'
import { text } from '#core/i18n/text'
import { claimFormToken, DuplicateSubmission, recordFormResult } from '#core/http/form_token'
import { isUniqueViolation } from '#core/database/errors'
import { statusTone } from '#core/ui/status_tone'

export interface Cell {
  text: string
  tag?: string
  href?: string
  multiline?: boolean
}

export interface ListState {
  q: string
  sort: string
  dir: 'asc' | 'desc'
  filters: Record<string, string>
  /** The open tab (id), '' when the resource has no tabs. */
  tab: string
}

/** Thrown when a bulk/record id is outside the actor's scope or gone. */
export class OutOfScopeError extends Error {}

function camelToAttr(column: string) {
  return column.replace(/_([a-z])/g, (_, c) => c.toUpperCase())
}

export function format(value: unknown, kind: CellFormat = 'text'): string {
  if (value === null || value === undefined || value === '') return ''
  switch (kind) {
    case 'datetime':
      return formatDateTime(value as any)
    case 'date':
      return formatDate(value as any)
    case 'boolean':
      return value ? '是' : '否'
    case 'masked_id':
      return maskIdNumber(String(value))
    case 'masked_phone':
      return maskPhone(String(value))
    default:
      return String(value)
  }
}

async function resolveOptions(options: Options | undefined, ctx: HttpContext) {
  if (!options) return undefined
  return typeof options === 'function' ? await options(ctx) : options
}

/**
 * Everything the generic admin controller does with a resource: scoped queries,
 * ability checks, audit-logged writes. Controllers stay thin.
 */
export class ResourceService {
  constructor(
    public def: ResourceDefinition,
    public ctx: HttpContext
  ) {}

  get user(): User {
    return this.ctx.auth.use('web').user!
  }

  get basePath() {
    return basePathOf(this.def)
  }

  get #employerScope(): string | null {
    const scope = this.def.scope as any
    return typeof scope === 'object' && 'employer' in scope ? scope.employer : null
  }

  /** The one entry point for every query: base constraints + the actor's school/college scope. */
  scoped(client?: any): AnyQuery {
    const query = this.def.model.query(client ? { client } : undefined) as AnyQuery
    this.def.query?.(query, this.ctx)
    const scope = this.def.scope
    const employerColumn = this.#employerScope
    if (employerColumn) {
      // The logged-in employer's rows only (nobody else has any here).
      const own = this.user.kind === 'employer' ? this.user.employerId : null
      if (own) query.where(`${this.def.model.table}.${employerColumn}`, own)
      else query.whereRaw('1 = 0')
    } else if (scope === 'none') {
      if (this.user.kind !== 'admin') query.whereRaw('1 = 0')
    } else if (typeof scope === 'function') {
      if (this.user.kind !== 'admin' || this.def.area === 'province') scope(query, this.user)
    } else if ('school' in scope) {
      const table = this.def.model.table
      scopeToActor(query, this.user, {
        school: `${table}.${scope.school}`,
        college: scope.college ? `${table}.${scope.college}` : undefined,
      })
    }
    return query
  }

  // ---- abilities ---------------------------------------------------------------------------------

  #owned(record: AnyRow) {
    const scope = this.def.scope as { school: string; college?: string }
    return {
      schoolId: record[camelToAttr(scope.school)],
      college: scope.college ? record[camelToAttr(scope.college)] : null,
    }
  }

  #defaultAbility(
    kind: 'list' | 'view' | 'create' | 'update' | 'delete',
    record?: AnyRow
  ): AbilityCall {
    if (this.def.area === 'province') return ['manageProvince']
    const employerColumn = this.#employerScope
    if (employerColumn) {
      const owner = record ? record[camelToAttr(employerColumn)] : this.user.employerId
      return [actForVerifiedEmployer, owner]
    }
    if (kind === 'list') return [useAdminArea, this.def.area]
    const scope = this.def.scope as { school: string; college?: string } | 'none' | Function
    const studentData = typeof scope === 'object' && Boolean(scope.college)
    if (studentData && record) {
      return [kind === 'view' ? 'viewStudentRecord' : 'manageStudentRecord', this.#owned(record)]
    }
    if (kind === 'view') return [useAdminArea, this.def.area]
    if (studentData) return [useAdminArea, this.def.area]
    const schoolId =
      record && typeof scope === 'object' ? record[camelToAttr(scope.school)] : this.user.schoolId
    return [manageOwnSchoolData, schoolId]
  }

  abilityFor(kind: 'list' | 'view' | 'create' | 'update' | 'delete', record?: AnyRow): AbilityCall {
    const custom = this.def.abilities?.[kind] as any
    if (custom) return record ? custom(this.ctx, record) : custom(this.ctx)
    return this.#defaultAbility(kind, record)
  }

  async allows(call: AbilityCall) {
    const [ability, ...args] = call
    return (this.ctx.bouncer as any).allows(ability, ...args) as Promise<boolean>
  }

  async authorize(call: AbilityCall) {
    const [ability, ...args] = call
    await (this.ctx.bouncer as any).authorize(ability, ...args)
  }

  // ---- reading -----------------------------------------------------------------------------------

  #filterOptions = new Map<FilterDef, Promise<Option[] | undefined>>()

  /** A filter's options, resolved once per request (the list state and the filter bar). */
  filterOptions(filter: FilterDef) {
    if (!this.#filterOptions.has(filter))
      this.#filterOptions.set(filter, resolveOptions(filter.options, this.ctx))
    return this.#filterOptions.get(filter)!
  }

  async listState(): Promise<ListState> {
    const qs = this.ctx.request.qs()
    const filters: Record<string, string> = {}
    for (const f of this.def.filters ?? []) {
      const v = qs[`f_${f.key}`]
      if (typeof v !== 'string' || v === '') continue
      // A filter with options accepts only one of its option values; anything else (a year
      // beyond the integer column, an unknown school) is no filter, never a PostgreSQL 500.
      const options = await this.filterOptions(f)
      if (options && !options.some((o) => String(o.value) === v)) continue
      filters[f.key] = v
    }
    const sortable = this.sortableColumns()
    const sort = typeof qs.sort === 'string' && sortable.has(qs.sort) ? qs.sort : ''
    const tabs = this.def.tabs ?? []
    const tab = tabs.find((t) => t.id === qs.tab) ?? this.defaultTab()
    return {
      q: typeof qs.q === 'string' ? qs.q.trim().slice(0, 100) : '',
      sort,
      dir: qs.dir === 'asc' ? 'asc' : 'desc',
      filters,
      tab: tab?.id ?? '',
    }
  }

  defaultTab(): TabDef | undefined {
    const tabs = this.def.tabs ?? []
    return tabs.find((t) => t.default) ?? tabs[0]
  }

  /** Restricts a query to a tab's rows. */
  applyTab(query: AnyQuery, tab: TabDef | undefined) {
    if (!tab) return query
    if (tab.states) {
      const column = tab.column ?? this.def.review?.machine.column ?? 'status'
      query.whereIn(`${this.def.model.table}.${column}`, tab.states)
    }
    tab.where?.(query, this.ctx)
    return query
  }

  /** Rows of a tab inside the actor's scope (the live count; search and filters aside). */
  async tabCount(tab: TabDef) {
    // Plain rows (pojo): the resource's preloads are for records, not for a count.
    const rows: { total: number | string }[] = await this.applyTab(this.scoped(), tab)
      .clearOrder()
      .clearSelect()
      .count('* as total')
      .pojo()
    const row = rows[0]
    return Number(row?.total ?? 0)
  }

  /** The tabs of the list with their live counts and links (search and filters kept). */
  async tabs(state: ListState, qs: Record<string, string>) {
    const out = []
    for (const tab of this.def.tabs ?? []) {
      const params = new URLSearchParams({ ...qs, tab: tab.id })
      out.push({
        id: tab.id,
        label: tab.label,
        active: tab.id === state.tab,
        count: tab.count === false ? null : await this.tabCount(tab),
        href: `${this.basePath}?${params.toString()}`,
      })
    }
    return out
  }

  /** The count shown beside this resource in a nav strip: its default tab's rows. */
  async navCount() {
    const tab = this.defaultTab()
    if (!tab || tab.count === false) return null
    return this.tabCount(tab)
  }

  sortableColumns() {
    const map = new Map<string, string>()
    for (const c of this.def.columns) {
      if (c.sortable) map.set(c.key, typeof c.sortable === 'string' ? c.sortable : snake(c.key))
    }
    return map
  }

  /** Applies keyword search, filters and sorting of the list state to a scoped query. */
  applyListState(query: AnyQuery, state: ListState) {
    const table = this.def.model.table
    if (state.q && this.def.searchWhere) {
      this.def.searchWhere(query, state.q)
    } else if (state.q && this.def.search?.length) {
      const term = `%${state.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`
      query.where((sub) => {
        for (const column of this.def.search!) {
          const col = column.includes('.') ? column : `${table}.${column}`
          sub.orWhereRaw(`LOWER(${col}) LIKE LOWER(?) ESCAPE '\\'`, [term])
        }
      })
    }
    if (state.tab)
      this.applyTab(
        query,
        this.def.tabs?.find((t) => t.id === state.tab)
      )
    for (const f of this.def.filters ?? []) {
      const value = state.filters[f.key]
      if (value === undefined) continue
      if (f.apply) f.apply(query, value, this.ctx)
      else query.where(`${table}.${snake(f.key)}`, value)
    }
    if (state.sort) {
      query.orderBy(this.sortableColumns().get(state.sort)!, state.dir)
    } else if (this.def.defaultSort) {
      query.orderBy(this.def.defaultSort.column, this.def.defaultSort.direction)
    }
    query.orderBy(`${table}.id`, 'desc')
    return query
  }

  async list() {
    await this.authorize(this.abilityFor('list'))
    const state = await this.listState()
    const page = queryPage(this.ctx.request.input('page'))
    const query = this.applyListState(this.scoped(), state)
    const paginator = await query.paginate(page, this.def.perPage ?? 20)
    const qs: Record<string, string> = {}
    if (state.q) qs.q = state.q
    if (state.sort) Object.assign(qs, { sort: state.sort, dir: state.dir })
    for (const [k, v] of Object.entries(state.filters)) qs[`f_${k}`] = v
    const tabs = await this.tabs(state, qs)
    if (state.tab) qs.tab = state.tab
    paginator.baseUrl(this.basePath).queryString(qs)
    const rows = []
    for (const record of paginator.all() as AnyRow[]) {
      rows.push({
        id: record.id,
        cells: this.def.columns.map((c) => this.cell(c, record)),
        actions: await this.visibleRowActions(record),
      })
    }
    const filters = []
    for (const f of this.def.filters ?? []) {
      filters.push({
        key: f.key,
        label: f.label,
        options: await this.filterOptions(f),
        value: state.filters[f.key] ?? '',
      })
    }
    return {
      paginator,
      rows,
      listState: state,
      filters,
      qs,
      tabs,
      bulkActions: await this.bulkActionsOf(state),
    }
  }

  /**
   * The bulk actions offered on the list: the resource's own, and 批量通过 when the review allows
   * it and every row of the open tab could still be approved.
   */
  async bulkActionsOf(state: ListState) {
    const actions: { id: string; label: string; confirm?: string; danger?: boolean }[] = [
      ...(this.def.bulkActions ?? []).map((a) => ({
        id: a.id,
        label: a.label,
        confirm: a.confirm,
        danger: a.danger,
      })),
    ]
    const review = this.def.review
    if (review?.bulk) {
      const tab = this.def.tabs?.find((t) => t.id === state.tab)
      const states = tab?.states ?? []
      if (states.length && states.every((st) => review.machine.can(review.approve, st)))
        actions.push({
          id: 'review',
          label: '批量通过',
          confirm: '确定将勾选的记录全部审核通过吗？',
        })
    }
    return actions
  }

  /** The filtered list as CSV (UTF-8 with BOM for Excel), inside the actor's scope, audited. */
  async exportCsv(limit = 50000) {
    await this.authorize(this.abilityFor('list'))
    const state = await this.listState()
    const records = (await this.applyListState(this.scoped(), state).limit(limit)) as AnyRow[]
    const escape = (v: string) =>
      /[",\r\n]/.test(v) || /^[=+\-@]/.test(v)
        ? `"${(/^[=+\-@]/.test(v) ? "'" : '') + v.replace(/"/g, '""')}"`
        : v
    const columns = this.def.columns
    const lines = [columns.map((c) => escape(c.label)).join(',')]
    for (const record of records)
      lines.push(columns.map((c) => escape(this.cell(c, record).text)).join(','))
    await audit.record({
      ctx: this.ctx,
      action: `${this.def.subject}.export`,
      subject: { type: this.def.subject, id: null },
      schoolId: this.user.kind === 'staff' ? this.user.schoolId : null,
      after: { rows: records.length, q: state.q || null, filters: JSON.stringify(state.filters) },
    })
    return '\uFEFF' + lines.join('\r\n') + '\r\n'
  }

  cell(column: ColumnDef, record: AnyRow): Cell {
    const raw = column.value ? column.value(record) : record[column.key]
    if (column.machine && raw) {
      const label = column.machine.label(String(raw))
      return { text: label, tag: statusTone(label, 'blue') }
    }
    if (column.tag) {
      const tag = column.tag[String(raw)]
      // A status label has one colour everywhere (statusTone); the resource's colour is the fallback.
      return tag ? { text: tag[0], tag: statusTone(tag[0], tag[1]) } : { text: format(raw) }
    }
    return {
      text: format(raw, column.format),
      href: column.link ? `${this.basePath}/${record.id}` : undefined,
      multiline: column.format === 'multiline',
    }
  }

  async visibleRowActions(record: AnyRow, where: 'list' | 'detail' = 'list') {
    const actions = []
    for (const a of this.def.rowActions ?? []) {
      if (a.detailOnly && where === 'list') continue
      if (a.visible && !a.visible(record, this.user)) continue
      const call = a.ability ? a.ability(this.ctx, record) : this.abilityFor('update', record)
      if (!(await this.allows(call))) continue
      actions.push({ id: a.id, label: a.label, confirm: a.confirm, danger: a.danger })
    }
    return actions
  }

  /** A record inside the actor's scope, or 404 — never another school's record. */
  async find(id: unknown, client?: any) {
    const numeric = Number(id)
    if (!Number.isInteger(numeric) || numeric <= 0) throw new OutOfScopeError()
    const record = (await this.scoped(client)
      .where(`${this.def.model.table}.id`, numeric)
      .first()) as AnyRow | null
    if (!record) throw new OutOfScopeError()
    return record
  }

  title(record: AnyRow) {
    if (this.def.title) return this.def.title(record)
    return String(record.name ?? record.title ?? `#${record.id}`)
  }

  async detail(record: AnyRow) {
    await this.authorize(this.abilityFor('view', record))
    const fields = (this.def.detail ?? this.def.columns).map((f: any) => ({
      label: f.label,
      ...this.cell({ ...f, link: false }, record),
      ...(f.href ? { href: f.href(record) ?? undefined, external: true } : {}),
    }))
    const canEdit =
      Boolean(this.def.form && this.def.form.edit !== false) &&
      (await this.allows(this.abilityFor('update', record)))
    const canDelete =
      Boolean(this.def.deletable) && (await this.allows(this.abilityFor('delete', record)))
    const reviewState = await this.reviewState(record)
    const history = await audit.historyOf(this.def.subject, record.id, 30)
    const actorIds = [...new Set(history.map((h) => h.actorId).filter(Boolean))] as number[]
    const actors = actorIds.length
      ? await db.from('users').whereIn('id', actorIds).select('id', 'name')
      : []
    const names = new Map(actors.map((a: any) => [a.id, a.name]))
    return {
      fields,
      canEdit,
      canDelete,
      review: reviewState,
      children: await this.children(record),
      pages: (this.def.pages ?? []).map((p) => ({
        id: p.id,
        label: p.label,
        href: `${this.basePath}/${record.id}/${p.id}`,
      })),
      actions: await this.visibleRowActions(record, 'detail'),
      history: history.map((h) => ({
        ...h,
        actorName: h.actorId ? (names.get(h.actorId) ?? `#${h.actorId}`) : '系统',
      })),
    }
  }

  /** The review box of a record: its state (machine label), whether a decision is open to the actor. */
  async reviewState(record: AnyRow) {
    const review = this.def.review
    if (!review) return null
    const machine = review.machine
    const status = record[camelToAttr(machine.column)]
    const decidable = machine.can(review.approve, status) || machine.can(review.return, status)
    return {
      status,
      statusLabel: machine.label(status),
      open: decidable && (await this.allows(this.abilityFor('update', record))),
      canApprove: machine.can(review.approve, status),
      canReturn: machine.can(review.return, status),
      comment: review.commentKey ? record[review.commentKey] : null,
      approveLabel: review.approveLabel ?? '审核通过',
      returnLabel: review.returnLabel ?? '退回',
      fields: await this.#reviewFields(),
      action: `${this.basePath}/${record.id}/review`,
    }
  }

  async #reviewFields() {
    const fields = []
    for (const f of this.def.review?.fields ?? [])
      fields.push({
        ...f,
        type: f.type ?? 'text',
        options: await resolveOptions(f.options, this.ctx),
        value: '',
      })
    return fields
  }

  /** The child tables of a record: each child resource's rows of this parent, in its own scope. */
  async children(record: AnyRow) {
    const out = []
    for (const child of this.def.children ?? []) {
      const def = localize(await child.resource(), text)
      const service = new ResourceService(def, this.ctx)
      if (!(await service.allows(service.abilityFor('list')))) continue
      const query = service.scoped().where(`${def.model.table}.${child.foreignKey}`, record.id)
      if (def.defaultSort) query.orderBy(def.defaultSort.column, def.defaultSort.direction)
      const records = (await query
        .orderBy(`${def.model.table}.id`, 'desc')
        .limit(child.limit ?? 50)) as AnyRow[]
      const columns = child.columns ?? def.columns
      const rows = []
      for (const row of records)
        rows.push({
          id: row.id,
          href: `${service.basePath}/${row.id}`,
          cells: columns.map((c) => service.cell(c, row)),
          actions: await service.visibleRowActions(row),
        })
      out.push({
        id: child.id,
        label: child.label,
        basePath: service.basePath,
        columns: columns.map((c) => c.label),
        rows,
        emptyMessage: child.emptyMessage ?? def.emptyMessage ?? '暂无记录',
      })
    }
    return out
  }

  // ---- forms -------------------------------------------------------------------------------------

  async formFields(record: AnyRow | null, values?: Record<string, any>) {
    const mode = record ? 'edit' : 'create'
    const fields = []
    for (const f of (this.def.form?.fields ?? []) as FieldDef[]) {
      if (f.on && f.on !== mode) continue
      let value: unknown = values
        ? values[f.name]
        : record
          ? f.value
            ? f.value(record)
            : record[f.name]
          : (f.default ?? '')
      if (f.type === 'password') value = ''
      // Personal fields never reach the page in full from the record (re-shown input is the user's own).
      if (f.mask && !values) value = maskAs(f.mask, value)
      fields.push({
        ...f,
        type: f.type ?? 'text',
        options: await resolveOptions(f.options, this.ctx),
        value: value ?? '',
      })
    }
    return fields
  }

  /**
   * Validates and saves the form in one transaction; the audit log gets the changed fields.
   * Returns `{ errors }` (field → message) on bad input.
   */
  async save(record: AnyRow | null) {
    const form = this.def.form!
    await this.authorize(record ? this.abilityFor('update', record) : this.abilityFor('create'))
    const input = this.ctx.request.all()
    for (const f of form.fields) {
      if (f.type === 'checkbox')
        input[f.name] = input[f.name] === 'on' || input[f.name] === '1' || input[f.name] === 'true'
      // The masked placeholder sent back unchanged means "keep the stored value".
      if (f.mask && record && isMaskedPlaceholder(f.mask, input[f.name], record[f.name]))
        input[f.name] = record[f.name]
    }
    let data: Record<string, any>
    try {
      const labels = Object.fromEntries(form.fields.map((f) => [f.name, f.label]))
      data = await form.validator(this.ctx, record).validate(input, {
        meta: { recordId: record?.id ?? null, record, user: this.user },
        // resources/lang/zh-CN/admin.json: the resource's own messages, then the admin forms'.
        messagesProvider: formMessages(
          this.ctx,
          `admin.validator.resources.${this.def.id}`,
          'admin.validator'
        ).withLabels(labels),
      })
    } catch (error) {
      if (error instanceof vineErrors.E_VALIDATION_ERROR) {
        const errors: Record<string, string> = {}
        for (const m of error.messages as { field: string; message: string }[])
          errors[m.field] ??= m.message
        return { errors, input }
      }
      throw error
    }
    const auditKeys = form.auditKeys ?? form.fields.map((f) => f.name)
    const pick = (row: AnyRow | null) =>
      Object.fromEntries(auditKeys.map((k) => [k, row ? row[k] : null]))
    const before = record ? pick(record) : {}
    let saved: AnyRow
    try {
      saved = await this.#write(record, data, form, before, pick)
    } catch (error) {
      if (error instanceof DuplicateSubmission) return { duplicate: error }
      // Two creates racing past the validator's "already exists?" check: the loser is told
      // beside the field, as the validator would have (never a 500).
      if (isUniqueViolation(error)) {
        const errors = form.unique ?? {
          [form.fields[0].name]: `该${this.def.singular ?? '记录'}已存在`,
        }
        return { errors, input }
      }
      throw error
    }
    return { record: saved }
  }

  async #write(
    record: AnyRow | null,
    data: Record<string, any>,
    form: NonNullable<ResourceDefinition['form']>,
    before: Record<string, unknown>,
    pick: (row: AnyRow | null) => Record<string, unknown>
  ) {
    return db.transaction(async (trx) => {
      // A create form's one-time token is claimed in the create's transaction: a second
      // submit of the same form waits for this one, then finds the claim (DuplicateSubmission).
      const claim = record ? null : await claimFormToken(this.ctx, trx)
      let target: AnyRow
      if (form.save) {
        target = await form.save({ ctx: this.ctx, user: this.user, trx, data, record })
        // The saved record must still be inside the actor's scope; otherwise the transaction rolls back.
        await this.authorize(this.abilityFor('update', target))
      } else {
        target = record ?? (new (this.def.model as any)() as AnyRow)
        target.useTransaction(trx)
        target.merge(this.#withOwnScope(data, !record))
        // The saved record must still be inside the actor's scope (college, school).
        await this.authorize(this.abilityFor('update', target))
        await target.save()
      }
      await audit.record(
        {
          ctx: this.ctx,
          action: `${this.def.subject}.${record ? 'update' : 'create'}`,
          subject: { type: this.def.subject, id: target.id },
          schoolId: this.#schoolOf(target),
          before,
          after: pick(target),
        },
        trx
      )
      await recordFormResult(claim, `${this.basePath}/${target.id}`, trx)
      return target
    })
  }

  /** New records of school data belong to the actor's school (and college). */
  #withOwnScope(data: Record<string, any>, creating: boolean) {
    const scope = this.def.scope
    const employerColumn = this.#employerScope
    if (employerColumn && this.user.kind === 'employer')
      return creating ? { ...data, [camelToAttr(employerColumn)]: this.user.employerId } : data
    if (typeof scope !== 'object' || !('school' in scope) || this.user.kind !== 'staff') return data
    const out = { ...data }
    if (creating) out[camelToAttr(scope.school)] = this.user.schoolId
    if (scope.college && this.user.college) out[camelToAttr(scope.college)] = this.user.college
    return out
  }

  #schoolOf(record: AnyRow | null): number | null {
    const scope = this.def.scope
    if (record && typeof scope === 'object' && 'school' in scope)
      return record[camelToAttr(scope.school)] ?? null
    return this.user.kind === 'staff' ? this.user.schoolId : null
  }

  async destroy(id: unknown) {
    return db.transaction(async (trx) => {
      const record = await this.find(id, trx)
      await this.authorize(this.abilityFor('delete', record))
      const before = record.serialize()
      record.useTransaction(trx)
      await record.delete()
      await audit.record(
        {
          ctx: this.ctx,
          action: `${this.def.subject}.delete`,
          subject: { type: this.def.subject, id: record.id },
          schoolId: this.#schoolOf(record),
          before,
          after: {},
        },
        trx
      )
      return record
    })
  }

  // ---- actions -----------------------------------------------------------------------------------

  async runRowAction(id: unknown, actionId: string) {
    const action = (this.def.rowActions ?? []).find((a) => a.id === actionId)
    if (!action) throw new OutOfScopeError()
    let afterCommit: ActionResult['afterCommit']
    // The ability is checked before the transaction: it may read with its own connection (the
    // employer area's "verified employer of this row"), which SQLite's one connection cannot serve
    // while the transaction holds it.
    const found = await this.find(id)
    await this.authorize(
      action.ability ? action.ability(this.ctx, found) : this.abilityFor('update', found)
    )
    const outcome = await db.transaction(async (trx) => {
      const record = await this.find(id, trx)
      record.useTransaction(trx)
      if (action.visible && !action.visible(record, this.user)) {
        return { message: '当前状态不能执行此操作', ok: false }
      }
      const result = await action.handle({ ctx: this.ctx, user: this.user, trx, record })
      afterCommit = result.afterCommit
      await audit.record(
        {
          ctx: this.ctx,
          action: `${this.def.subject}.${action.id}`,
          subject: { type: this.def.subject, id: record.id },
          schoolId: this.#schoolOf(record),
          before: result.before,
          after: result.after,
        },
        trx
      )
      return { message: result.message, ok: true }
    })
    if (!afterCommit) return outcome
    const after = await afterCommit()
    return { message: after.message, ok: after.ok ?? true }
  }

  async runBulkAction(ids: unknown[], actionId: string) {
    const action = (this.def.bulkActions ?? []).find((a) => a.id === actionId)
    if (!action) throw new OutOfScopeError()
    const numeric = [...new Set(ids.map(Number).filter((n) => Number.isInteger(n) && n > 0))]
    if (!numeric.length) return { message: '请先勾选要操作的记录', ok: false }
    // Any id outside the actor's scope refuses the whole action: nothing is changed. The abilities
    // are checked before the transaction (see runRowAction: they may read with their own connection).
    const inScope = async (client?: unknown) => {
      const rows = (await this.scoped(client).whereIn(
        `${this.def.model.table}.id`,
        numeric
      )) as AnyRow[]
      if (rows.length !== numeric.length) throw new OutOfScopeError()
      return rows
    }
    for (const record of await inScope()) await this.authorize(this.abilityFor('update', record))
    return db.transaction(async (trx) => {
      const records = await inScope(trx)
      for (const record of records) record.useTransaction(trx)
      const snapshots = new Map(records.map((r) => [r.id, { ...r.$attributes }]))
      const result = await action.handle({ ctx: this.ctx, user: this.user, trx, records })
      for (const record of records) {
        // Old values per record: what the action reported, else the record's own values before it.
        const snapshot = snapshots.get(record.id)!
        const before =
          result.before ??
          Object.fromEntries(Object.keys(result.after ?? {}).map((k) => [k, snapshot[k]]))
        await audit.record(
          {
            ctx: this.ctx,
            action: `${this.def.subject}.${action.id}`,
            subject: { type: this.def.subject, id: record.id },
            schoolId: this.#schoolOf(record),
            before,
            after: result.after,
          },
          trx
        )
      }
      return { message: result.message, ok: true }
    })
  }

  /**
   * Review decision: approve, or return with a comment (required). The decision is the machine's
   * transition (one conditional UPDATE): a record no longer in a state it starts from is refused
   * with the machine's text, so two reviewers clicking at once cannot both decide.
   */
  async review(
    id: unknown,
    decision: string,
    rawComment: unknown,
    input: Record<string, any> = {}
  ): Promise<{ ok: boolean; message: string }> {
    const review = this.def.review
    if (!review || (decision !== 'approve' && decision !== 'return')) throw new OutOfScopeError()
    const comment = typeof rawComment === 'string' ? rawComment.trim().slice(0, 500) : ''
    // A domain service validates its own input (its messages); the framework's rule otherwise.
    if (decision === 'return' && !comment && !review.perform)
      return { ok: false, message: '请填写退回原因' }
    const machine = review.machine
    const action = decision === 'approve' ? review.approve : review.return
    const done = { ok: true, message: decision === 'approve' ? '已审核通过' : '已退回' }
    try {
      // The ability is checked before the transaction (see runRowAction).
      const found = await this.find(id)
      await this.authorize(this.abilityFor('update', found))
      if (review.perform) {
        const record = found
        const message = await review.perform({
          ctx: this.ctx,
          user: this.user,
          record,
          decision,
          comment: comment || null,
          input,
        })
        return typeof message === 'string' ? { ok: true, message } : done
      }
      await db.transaction(async (trx) => {
        const record = await this.find(id, trx)
        record.useTransaction(trx)
        const statusAttr = camelToAttr(machine.column)
        const before = { [statusAttr]: record[statusAttr] }
        const set: Record<string, unknown> = {}
        if (review.commentKey)
          set[snake(review.commentKey)] = decision === 'return' ? comment : null
        if (review.reviewerKey) set[snake(review.reviewerKey)] = this.user.id
        if (review.reviewedAtKey) set[snake(review.reviewedAtKey)] = nowDb()
        const to = await machine.apply(trx, action, record.id, { set })
        await record.refresh()
        await review.onDecision?.({
          ctx: this.ctx,
          user: this.user,
          trx,
          record,
          decision,
          comment: comment || null,
          input,
        })
        await audit.record(
          {
            ctx: this.ctx,
            action: `${this.def.subject}.${decision === 'approve' ? 'approve' : 'return'}`,
            subject: { type: this.def.subject, id: record.id },
            schoolId: this.#schoolOf(record),
            before,
            after: { [statusAttr]: to ?? before[statusAttr] },
            note: comment || null,
          },
          trx
        )
      })
      return done
    } catch (error) {
      // A refusal of the decision is shown on the record page; one about the form's fields
      // answers like any refused form (errors beside the fields).
      if (
        error instanceof Refusal &&
        error.status !== 404 &&
        error.status !== 403 &&
        !Object.keys(error.fieldErrors()).length
      )
        return { ok: false, message: error.message }
      throw error
    }
  }

  /**
   * 批量通过: each ticked row in the actor's scope is approved on its own (a refused row does not
   * stop the others); rows outside the scope are counted, never touched.
   */
  async bulkReview(ids: unknown[]) {
    const review = this.def.review
    if (!review?.bulk) throw new OutOfScopeError()
    const numeric = [...new Set(ids.map(Number).filter((n) => Number.isInteger(n) && n > 0))]
    if (!numeric.length)
      return { ok: false, message: '请先勾选要审核通过的记录', tone: 'error' as const }
    // The ids only, as plain rows (the resource's preloads are for whole records).
    const table = this.def.model.table
    const visible: { id: number }[] = await this.scoped()
      .whereIn(`${table}.id`, numeric)
      .clearSelect()
      .select(`${table}.id`)
      .pojo()
    let approved = 0
    const failed: string[] = []
    for (const { id } of visible) {
      const result = await this.review(id, 'approve', '', { ...review.bulkInput, bulk: true })
      if (result.ok) approved++
      else failed.push(`#${id}：${result.message}`)
    }
    const skipped = numeric.length - visible.length
    const message =
      `已批量通过 ${approved} 条` +
      (failed.length ? `，${failed.length} 条未通过（${failed.join('；')}）` : '') +
      (skipped ? `，${skipped} 条无权处理` : '')
    return {
      ok: true,
      message,
      tone: failed.length || skipped ? ('info' as const) : ('success' as const),
    }
  }
}
