import { defineMachine, type StateOf } from '#core/state/machine'
import { REVIEW_STATE_LABELS } from '#modules/procedures/machines/review_labels'

/**
 * 就业方案 / 就业信息上报 (rule 13): editable while 未提交, 待审核 or 审核退回. A plan is created as
 * 未提交 (offline report, or the online plan of an accepted invitation).
 */
export const planMachine = defineMachine({
  name: 'procedures.plan',
  table: 'employment_plans',
  states: ['draft', 'pending', 'approved', 'returned', 'cancelled'],
  initial: ['draft'],
  transitions: {
    save: {
      from: ['draft', 'pending', 'returned'],
      to: '=',
      refuse: 'procedures.refusals.plan_approved_not_editable',
    },
    submit: {
      from: ['draft', 'pending', 'returned'],
      to: 'pending',
      refuse: 'procedures.refusals.plan_approved_not_submittable',
    },
    approve: {
      from: ['pending'],
      to: 'approved',
      refuse: 'procedures.refusals.plan_not_pending_approve',
    },
    return: {
      from: ['pending'],
      to: 'returned',
      refuse: 'procedures.refusals.plan_not_pending_return',
    },
    // 毕业去向登记 (2023+): a confirmed and approved registration changed before 31 August goes
    // back to the school (the deadline is checked by the caller).
    amend: {
      from: ['approved'],
      to: 'pending',
      refuse: 'procedures.refusals.plan_not_approved_amend',
    },
    supersede: {
      from: ['draft', 'pending', 'returned', 'approved'],
      to: 'cancelled',
      refuse: 'procedures.refusals.plan_cancelled',
    },
    cancel: {
      from: ['draft', 'pending', 'returned', 'approved'],
      to: 'cancelled',
      refuse: 'procedures.refusals.plan_cancelled',
    },
  },
  labels: REVIEW_STATE_LABELS,
})

export type PlanStatus = StateOf<typeof planMachine>
