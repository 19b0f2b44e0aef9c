import type { HttpContext } from '@adonisjs/core/http'
import type { LucidModel } from '@adonisjs/lucid/types/model'
import db from '@adonisjs/lucid/services/db'
import { text } from '#core/i18n/text'
import { defineResource, type AnyQuery, type ResourceDefinition } from '#core/admin/resource'
import { useAdminArea } from '#core/admin/abilities'
import { scopeToActor } from '#core/tenancy/school_scope'
import type { Machine } from '#core/state/machine'
import type User from '#core/accounts/models/user'
import SourceRecord from '#modules/procedures/models/source_record'
import ChangeRequest from '#modules/procedures/models/change_request'
import RecommendationForm from '#modules/procedures/models/recommendation_form'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import Termination from '#modules/procedures/models/termination'
import { sourceRecordMachine } from '#modules/procedures/machines/source_record'
import { changeRequestMachine } from '#modules/procedures/machines/change_request'
import { recommendationMachine } from '#modules/procedures/machines/recommendation'
import { planMachine } from '#modules/procedures/machines/plan'
import { terminationMachine } from '#modules/procedures/machines/termination'
import sourceService from '#modules/procedures/services/source_service'
import recommendationService from '#modules/procedures/services/recommendation_service'
import planService from '#modules/procedures/services/plan_service'
import terminationService from '#modules/procedures/services/termination_service'
import { reviewPageState } from '#modules/procedures/services/review_queues'

/**
 * 就业手续审核: the school's review queues (生源信息, 变更申请, 推荐表, 就业方案, 解约) as declared
 * admin resources under /school/procedures/reviews/<type>. One strip of queue tabs (`nav`, each
 * with the count of what awaits the school), state tabs per queue (待处理 by default), college
 * scope for college-scoped teachers, and decisions performed by the procedures services through
 * the procedures machines (the machine's refusal is shown when a row was decided meanwhile).
 */
const K = 'procedures.reviews'

interface QueueSpec {
  type: string
  model: LucidModel
  subject: string
  machine: Machine<any, any>
  approve: string
  return: string
  /** States that await the school (the default tab, the queue's badge, 工作台). */
  awaiting: string[]
  decide: (staff: User, id: number, approve: boolean, input: Record<string, any>) => Promise<void>
  reviewFields?: NonNullable<ResourceDefinition['review']>['fields']
}

async function collegesOf(ctx: HttpContext) {
  const user = ctx.auth.use('web').user!
  const query = db
    .from('graduates')
    .where('school_id', user.schoolId ?? 0)
    .whereNotNull('college')
    .distinct('college')
    .orderBy('college')
  if (user.college) query.where('college', user.college)
  return (await query).map((r: any) => ({ value: r.college, label: r.college }))
}

function queue(spec: QueueSpec) {
  const table = spec.model.table
  const labels = (spec.machine.def.labels ?? {}) as Record<string, string>
  const decidable = spec.machine.def.states.filter((s: string) => !spec.awaiting.includes(s))
  return defineResource({
    area: 'school',
    id: `procedures-reviews-${spec.type}`,
    path: `procedures/reviews/${spec.type}`,
    label: `${K}.queues.${spec.type}`,
    singular: `${K}.queues.${spec.type}`,
    subject: spec.subject,
    model: spec.model,
    menu: false,
    nav: { id: 'procedures-reviews', label: `${K}.title` },
    // The school's rows; a college-scoped teacher sees the graduates of the college only.
    scope: (query: AnyQuery, user: User) => {
      scopeToActor(query, user, { school: `${table}.school_id` })
      if (user.college)
        (query as any).whereHas('graduate', (g: any) => g.where('college', user.college))
    },
    query: (q) => q.preload('graduate'),
    abilities: {
      list: () => [useAdminArea, 'school'],
      view: (_ctx, r) => [
        'manageStudentRecord',
        { schoolId: r.graduate?.schoolId ?? r.schoolId, college: r.graduate?.college ?? null },
      ],
      update: (_ctx, r) => [
        'manageStudentRecord',
        { schoolId: r.graduate?.schoolId ?? r.schoolId, college: r.graduate?.college ?? null },
      ],
    },
    title: (r) =>
      text(`${K}.record_title`, {
        name: r.graduate?.name ?? '',
        number: r.graduate?.studentNumber ?? '',
      }),
    columns: [
      {
        key: 'studentNumber',
        label: `${K}.columns.student_number`,
        value: (r) => r.graduate?.studentNumber,
        link: true,
      },
      { key: 'studentName', label: `${K}.columns.name`, value: (r) => r.graduate?.name },
      {
        key: 'studentCollege',
        label: `${K}.columns.college`,
        value: (r) => r.graduate?.college || '—',
      },
      { key: 'studentMajor', label: `${K}.columns.major`, value: (r) => r.graduate?.major || '—' },
      { key: 'status', label: `${K}.columns.status`, machine: spec.machine },
      {
        key: 'updatedAt',
        label: `${K}.columns.updated_at`,
        format: 'datetime',
        sortable: `${table}.updated_at`,
      },
    ],
    searchWhere: (query, term) => {
      const like = `%${term}%`
      ;(query as any).whereHas('graduate', (g: any) =>
        g.where((w: any) => w.whereILike('name', like).orWhereILike('student_number', like))
      )
    },
    searchPlaceholder: `${K}.search_placeholder`,
    filters: [
      {
        key: 'college',
        label: `${K}.columns.college`,
        options: collegesOf,
        apply: (query, value) =>
          (query as any).whereHas('graduate', (g: any) => g.where('college', value)),
      },
    ],
    tabs: [
      { id: 'awaiting', label: `${K}.tabs.awaiting`, states: spec.awaiting, default: true },
      ...decidable.map((state: string) => ({
        id: state,
        label: labels[state] ?? state,
        states: [state],
        count: false,
      })),
      { id: 'all', label: `${K}.tabs.all`, count: false },
    ],
    defaultSort: { column: `${table}.updated_at`, direction: 'desc' },
    emptyMessage: `${K}.empty`,
    review: {
      machine: spec.machine,
      approve: spec.approve,
      return: spec.return,
      fields: spec.reviewFields,
      bulk: true,
      // The procedures services decide (rules, notifications, audit) through the machines.
      // (The services refuse a return without a reason, an approval without 推荐意见 …)
      perform: async ({ user, record, decision, comment, input }) =>
        spec.decide(user, record.id, decision === 'approve', { ...input, comment }),
    },
    show: async ({ ctx, record, state }) =>
      ctx.view.render('procedures::pages/school/review_show', {
        ...state,
        ...(await reviewPageState(spec.type, record as any)),
      }),
  })
}

export default [
  queue({
    type: 'source',
    model: SourceRecord,
    subject: 'graduate',
    machine: sourceRecordMachine,
    approve: 'approve',
    return: 'return',
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      sourceService.review(staff, id, approve ? 'approve' : 'return', input.comment ?? null),
  }),
  queue({
    type: 'changes',
    model: ChangeRequest,
    subject: 'change_request',
    machine: changeRequestMachine,
    approve: 'approve',
    return: 'return',
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      sourceService.reviewChange(staff, id, approve ? 'approve' : 'return', input.comment ?? null),
  }),
  queue({
    type: 'recommendations',
    model: RecommendationForm,
    subject: 'recommendation_form',
    machine: recommendationMachine,
    approve: 'approve',
    return: 'return',
    awaiting: ['pending'],
    reviewFields: [
      { name: 'school_comment', label: `${K}.fields.school_comment`, type: 'textarea' },
      {
        name: 'opinion',
        label: `${K}.fields.opinion`,
        type: 'textarea',
        help: `${K}.fields.opinion_help`,
      },
    ],
    decide: (staff, id, approve, input) =>
      recommendationService.review(staff, id, approve ? 'approve' : 'return', {
        comment: input.comment ?? null,
        schoolComment: input.school_comment ?? null,
        opinion: input.opinion ?? (input.bulk ? text(`${K}.bulk_opinion`) : null),
      }),
  }),
  queue({
    type: 'reports',
    model: EmploymentPlan,
    subject: 'employment_plan',
    machine: planMachine,
    approve: 'approve',
    return: 'return',
    awaiting: ['pending'],
    decide: (staff, id, approve, input) =>
      planService.review(staff, id, approve ? 'approve' : 'return', input.comment ?? null),
  }),
  queue({
    type: 'terminations',
    model: Termination,
    subject: 'termination',
    machine: terminationMachine,
    approve: 'schoolApprove',
    return: 'schoolReturn',
    awaiting: ['pending_school', 'pending_employer'],
    decide: (staff, id, approve, input) =>
      terminationService.schoolReview(staff, id, approve, input.comment ?? null),
  }),
]
