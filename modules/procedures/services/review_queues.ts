import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { scopeToActor } from '#core/tenancy/school_scope'
import sourceService from '#modules/procedures/services/source_service'
import recommendationService from '#modules/procedures/services/recommendation_service'
import planService from '#modules/procedures/services/plan_service'
import terminationService from '#modules/procedures/services/termination_service'
import { REVIEW_LABELS, TERMINATION_LABELS } from '#modules/procedures/services/state_machines'
import Graduate from '#core/registry/models/graduate'
import audit from '#core/audit/audit_service'
import { officialValues } from '#modules/procedures/services/source_service'
import { SOURCE_FIELDS, FIELD_BY_KEY } from '#modules/procedures/services/source_fields'
import { RECOMMENDATION_FIELDS } from '#modules/procedures/services/recommendation_service'
import { formFor } from '#modules/procedures/services/plan_service'
import {
  REGISTRATION_HISTORY_FIELDS,
  historyValue,
} from '#modules/procedures/services/registration'
import { materialFile } from '#modules/procedures/services/materials'
import RecommendationForm from '#modules/procedures/models/recommendation_form'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import Termination from '#modules/procedures/models/termination'
import { maskField } from '#core/privacy/mask'
import { actionLabel } from '#modules/procedures/services/audit_labels'
import { unsealKeys } from '#core/privacy/sealed'
import { text } from '#core/i18n/text'

/**
 * The school's review queues (生源审核, 生源变更, 推荐表, 就业信息, 解约). One definition
 * per queue: its table, the states that await the school, and the decision it leads to.
 */
export interface QueueDef {
  type: string
  label: string
  table: string
  subject: string
  statuses: Record<string, string>
  awaiting: string[]
  decide: (staff: User, id: number, approve: boolean, input: Record<string, any>) => Promise<void>
}

/** A queue of one table: its label is `procedures.reviews.queues.<type>`, read when shown. */
function queue(
  type: string,
  table: string,
  subject: string,
  decide: QueueDef['decide'],
  statuses: Record<string, string> = REVIEW_LABELS,
  awaiting = ['pending']
): QueueDef {
  return {
    type,
    get label() {
      return text(`procedures.reviews.queues.${type}`)
    },
    table,
    subject,
    statuses,
    awaiting,
    decide,
  }
}

const decision = (approve: boolean) => (approve ? 'approve' : 'return')

export const QUEUES: QueueDef[] = [
  queue('source', 'source_records', 'graduate', (staff, id, approve, input) =>
    sourceService.review(staff, id, decision(approve), input.comment ?? null)
  ),
  queue('changes', 'source_change_requests', 'change_request', (staff, id, approve, input) =>
    sourceService.reviewChange(staff, id, decision(approve), input.comment ?? null)
  ),
  queue(
    'recommendations',
    'recommendation_forms',
    'recommendation_form',
    (staff, id, approve, input) =>
      recommendationService.review(staff, id, decision(approve), {
        comment: input.comment ?? null,
        schoolComment: input.school_comment ?? null,
        opinion: input.opinion ?? (input.bulk ? text('procedures.reviews.bulk_opinion') : null),
      })
  ),
  queue('reports', 'employment_plans', 'employment_plan', (staff, id, approve, input) =>
    planService.review(staff, id, decision(approve), input.comment ?? null)
  ),
  queue(
    'terminations',
    'terminations',
    'termination',
    (staff, id, approve, input) =>
      terminationService.schoolReview(staff, id, approve, input.comment ?? null),
    TERMINATION_LABELS,
    ['pending_school', 'pending_employer']
  ),
]

/**
 * The filter value of "everything that awaits the school" (the default view of every queue):
 * the same states the tab badge and the 工作台 count, so the badge and the list always agree.
 */
export const AWAITING = 'awaiting'

/** Restricts a queue query to a status filter (`awaiting`, `all` or one status). */
export function whereStatus(query: any, def: QueueDef, status: string) {
  if (status === AWAITING) return query.whereIn('t.status', def.awaiting)
  if (status && status !== 'all') return query.where('t.status', status)
  return query
}

export function queueOf(type: string) {
  return QUEUES.find((q) => q.type === type) ?? null
}

/** The queue's rows the actor may see (school, and college for college-scoped teachers). */
export function scopedRows(def: QueueDef, actor: User) {
  const query = db
    .from(`${def.table} as t`)
    .join('graduates as g', 'g.id', 't.graduate_id')
    .select(
      't.*',
      'g.name as student_name',
      'g.student_number',
      'g.college as student_college',
      'g.major as student_major'
    )
  return scopeToActor(query, actor, { school: 't.school_id', college: 'g.college' })
}

/** The number of rows of a query (`count(*)`, as a number on every driver). */
export async function countOf(query: any) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}

export async function awaitingCounts(actor: User) {
  const counts: Record<string, number> = {}
  for (const def of QUEUES)
    counts[def.type] = await countOf(
      whereStatus(scopedRows(def, actor).clearSelect(), def, AWAITING)
    )
  return counts
}

/**
 * What the record page of a queue shows besides the framework's state (review box, history):
 * the queue, the raw row, the graduate and the queue's own content (生源 fields, the change
 * request's old → new values with personal fields masked on both sides, the 推荐表, the plan and
 * its 去向登记 history, the termination and its materials).
 */
export async function reviewPageState(type: string, target: { id: number }) {
  const def = queueOf(type)!
  const row = await db.from(def.table).where('id', target.id).first()
  const graduate = await Graduate.findOrFail(row.graduate_id)
  const state: Record<string, unknown> = { def, row, graduate }
  if (def.type === 'source') {
    const record = await sourceService.recordOf(graduate)
    state.values = officialValues(graduate, record)
    state.fields = SOURCE_FIELDS
  }
  if (def.type === 'changes') {
    state.changes = Object.entries(
      unsealKeys(typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes, [
        'idNumber',
      ])
    ).map(([k, v]: [string, any]) => ({
      label: FIELD_BY_KEY.get(k)?.label ?? k,
      // Both sides masked by the one privacy rule (the request row keeps the full new value to apply).
      old: maskField(k, v[0]),
      new: maskField(k, v[1]),
    }))
  }
  if (def.type === 'recommendations') {
    state.form = await RecommendationForm.findOrFail(row.id)
    state.recFields = RECOMMENDATION_FIELDS
  }
  if (def.type === 'reports') {
    const plan = await EmploymentPlan.query()
      .where('id', row.id)
      .preload('destination')
      .firstOrFail()
    state.plan = plan
    // The fields of the mode the plan was made under (a 2021 report keeps its 报到证 fields).
    state.planFields = plan.destination
      ? formFor(plan.proceduresMode, plan.destination.formKind)
      : []
    state.registrationHistory = await planService.historyOf(plan.id)
    state.historyLabel = (field: string) => REGISTRATION_HISTORY_FIELDS[field] ?? field
    state.historyValue = historyValue
  }
  if (def.type === 'terminations') {
    const t = await Termination.query().where('id', row.id).preload('plan').firstOrFail()
    state.termination = t
    state.materials = await Promise.all(t.materialFileIds.map((id) => materialFile(id)))
  }
  const subjectId = def.type === 'source' ? graduate.id : row.id
  state.history = await audit.historyOf(def.subject, subjectId)
  if (def.type !== 'source')
    state.studentHistory = await audit.historyOf('graduate', graduate.id, 20)
  const staffIds = [...new Set((state.history as any[]).map((h) => h.actorId).filter(Boolean))]
  const names = staffIds.length
    ? await db.from('users').whereIn('id', staffIds).select('id', 'name')
    : []
  state.actorName = (id: number | null) =>
    names.find((n: any) => n.id === id)?.name ?? text('procedures.reviews.system_actor')
  state.fieldLabel = (k: string) => FIELD_BY_KEY.get(k)?.label ?? k
  state.actionLabel = actionLabel
  return state
}
