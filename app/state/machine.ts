import { text } from '#core/i18n/text'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { Refusal } from '#core/http/refusal'
import { nowDb } from '#core/database/time'

/**
 * State machines, declared as data by modules (one file per machine under `modules/<id>/machines/`)
 * and executed by the core. A transition names the states it may start from, the state it leads
 * to (`'='` keeps the state: an edit allowed only in some states), and the i18n key of the refusal
 * given when the row is not in one of those states at that moment.
 *
 * `apply()` is the only way a status column changes: ONE conditional UPDATE
 * (`… WHERE id = ? AND status IN (from)`) inside the caller's transaction, so two concurrent
 * requests can never both perform a transition. A contract test fails on any other code that
 * writes a status column (tests/unit/contracts/status_writes.spec.ts).
 */
export interface TransitionDef<S extends string = string> {
  from: readonly S[]
  to: S | '='
  /** i18n key of the refusal (e.g. `procedures.refusals.invitation_not_pending`) or a Chinese text. */
  refuse: string
  /** HTTP status of the refusal (409 by default: the record's state does not allow it). */
  status?: number
}

export interface MachineDef<S extends string, A extends string> {
  /** `<module>.<machine>` — shown in errors, used as the refusal code prefix. */
  name: string
  table: string
  /** Column holding the state; `status` unless said. */
  column?: string
  states: readonly S[]
  /** States a new row may be created in (`machine.initial()`); the first one is the default. */
  initial: readonly S[]
  transitions: Record<A, TransitionDef<S>>
  /** i18n key per state, for badges and filters. */
  labels?: Partial<Record<S, string>>
}

export interface ApplyOptions {
  /** Other columns written by the same UPDATE (snake_case). */
  set?: Record<string, unknown>
  /** Extra conditions the row must meet (ownership, scope), ANDed to the state condition. */
  where?: Record<string, unknown>
  /** Writes `updated_at` (default true). */
  touch?: boolean
}

type Keyed = number | string | Record<string, unknown>

export class Machine<S extends string, A extends string> {
  readonly column: string

  constructor(readonly def: MachineDef<S, A>) {
    this.column = def.column ?? 'status'
    for (const [action, t] of Object.entries(def.transitions) as [A, TransitionDef<S>][]) {
      for (const s of [...t.from, ...(t.to === '=' ? [] : [t.to])])
        if (!def.states.includes(s as S))
          throw new Error(`${def.name}.${action}: unknown state "${s}"`)
    }
  }

  get name() {
    return this.def.name
  }

  get table() {
    return this.def.table
  }

  transition(action: A): TransitionDef<S> {
    const t = this.def.transitions[action]
    if (!t) throw new Error(`${this.def.name}: unknown transition "${action}"`)
    return t
  }

  /** Whether `action` is allowed from `state` (to show or hide a button; `apply` decides). */
  can(action: A, state: string | null | undefined) {
    return !!state && (this.transition(action).from as readonly string[]).includes(state)
  }

  /** The state `action` leads to from `state`. */
  target(action: A, state: S): S {
    const t = this.transition(action)
    return t.to === '=' ? state : t.to
  }

  /** The column value of a row being created: `{ status: 'pending' }`. */
  initial(state: S = this.def.initial[0]): Record<string, S> {
    if (!this.def.initial.includes(state))
      throw new Error(`${this.def.name}: a row cannot be created in state "${state}"`)
    return { [this.column]: state }
  }

  /** The refusal of `action` (when a caller checks `can()` before doing other work). */
  refusal(action: A) {
    const t = this.transition(action)
    return new Refusal(text(t.refuse), {
      status: t.status ?? 409,
      code: `${this.def.name.split('.').pop()}_${action}_refused`,
    })
  }

  label(state: string) {
    const key = this.def.labels?.[state as S]
    return key ? text(key) : state
  }

  /** The states and their labels, in declaration order (filters, tabs). */
  options() {
    return this.def.states.map((value) => ({ value, label: this.label(value) }))
  }

  /**
   * The conditional UPDATE of `action` before its row condition: rows of the table in a state the
   * transition starts from (and meeting `options.where`), and the values it writes.
   */
  #update(client: QueryClientContract, action: A, options: ApplyOptions) {
    const t = this.transition(action)
    const values: Record<string, unknown> = { ...options.set }
    if (options.touch !== false) values.updated_at ??= nowDb()
    if (t.to !== '=') values[this.column] = t.to
    const query = client
      .from(this.def.table)
      .whereIn(this.column, t.from as readonly string[] as string[])
    if (options.where) query.where(options.where)
    return { query, values }
  }

  /**
   * Performs `action` on one row (by id, or by the conditions given) as one conditional UPDATE;
   * throws the transition's refusal when no row was in an allowed state. Returns the new state.
   */
  async apply(client: QueryClientContract, action: A, row: Keyed, options: ApplyOptions = {}) {
    const count = await this.applyWhere(client, action, row, options)
    if (!count) throw this.refusal(action)
    const t = this.transition(action)
    return t.to === '=' ? null : t.to
  }

  /**
   * Performs `action` on every row matching the conditions that is in an allowed state (sweeps:
   * expire overdue invitations …). Returns how many rows changed; refuses nothing.
   * `row` may be an id, a conditions object, or a query callback.
   */
  async applyWhere(
    client: QueryClientContract,
    action: A,
    row: Keyed | ((query: any) => void),
    options: ApplyOptions = {}
  ): Promise<number> {
    const { query, values } = this.#update(client, action, options)
    if (typeof row === 'function') query.where(row)
    else if (typeof row === 'object') query.where(row)
    else query.where('id', row)
    const affected = await query.update(values)
    return Array.isArray(affected) ? affected.length : Number(affected)
  }

  /**
   * Performs `action` on a set of ids and returns the ids that changed (bulk review: the others
   * were no longer in an allowed state). One UPDATE … RETURNING on PostgreSQL; one conditional
   * UPDATE per id elsewhere, so the answer is exact under concurrency on every database.
   */
  async applyMany(
    client: QueryClientContract,
    action: A,
    ids: number[],
    options: ApplyOptions = {}
  ): Promise<number[]> {
    if (!ids.length) return []
    if (client.dialect.name === 'postgres') {
      const { query, values } = this.#update(client, action, options)
      const rows: { id: number }[] = await query.whereIn('id', ids).update(values).returning('id')
      return rows.map((r) => Number(r.id))
    }
    const changed: number[] = []
    for (const id of ids) if (await this.applyWhere(client, action, id, options)) changed.push(id)
    return changed
  }
}

export function defineMachine<const S extends string, const A extends string>(
  def: MachineDef<S, A>
): Machine<S, A> {
  return new Machine(def)
}

export type StateOf<M> = M extends Machine<infer S, any> ? S : never
export type ActionOf<M> = M extends Machine<any, infer A> ? A : never
