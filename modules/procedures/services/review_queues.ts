import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { scopeToActor } from '#core/tenancy/school_scope'
import sourceService from '#modules/procedures/services/source_service'
import recommendationService from '#modules/procedures/services/recommendation_service'
import planService from '#modules/procedures/services/plan_service'
import terminationService from '#modules/procedures/services/termination_service'
import { REVIEW_LABELS, TERMINATION_LABELS } from '#modules/procedures/services/state_machines'

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

export const QUEUES: QueueDef[] = [
  {
    type: 'source',
    label: '生源信息审核',
    table: 'source_records',
    subject: 'graduate',
    statuses: REVIEW_LABELS,
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      sourceService.review(staff, id, approve ? 'approve' : 'return', input.comment ?? null),
  },
  {
    type: 'changes',
    label: '生源变更申请',
    table: 'source_change_requests',
    subject: 'change_request',
    statuses: { pending: '待审核', approved: '已通过', returned: '审核退回' },
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      sourceService.reviewChange(staff, id, approve ? 'approve' : 'return', input.comment ?? null),
  },
  {
    type: 'recommendations',
    label: '就业推荐表',
    table: 'recommendation_forms',
    subject: 'recommendation_form',
    statuses: REVIEW_LABELS,
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      recommendationService.review(staff, id, approve ? 'approve' : 'return', {
        comment: input.comment ?? null,
        schoolComment: input.school_comment ?? null,
        opinion: input.opinion ?? (input.bulk ? '同意推荐' : null),
      }),
  },
  {
    type: 'reports',
    label: '就业信息上报',
    table: 'employment_plans',
    subject: 'employment_plan',
    statuses: REVIEW_LABELS,
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      planService.review(staff, id, approve ? 'approve' : 'return', input.comment ?? null),
  },
  {
    type: 'terminations',
    label: '解约办理',
    table: 'terminations',
    subject: 'termination',
    statuses: TERMINATION_LABELS,
    awaiting: ['pending_school', 'pending_employer'],
    decide: (staff, id, approve, input) =>
      terminationService.schoolReview(staff, id, approve, input.comment ?? null),
  },
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

export async function awaitingCounts(actor: User) {
  const counts: Record<string, number> = {}
  for (const def of QUEUES) {
    const row = await whereStatus(scopedRows(def, actor).clearSelect(), def, AWAITING)
      .count('* as total')
      .first()
    counts[def.type] = Number(row?.total ?? 0)
  }
  return counts
}
