import { Refusal } from '#core/http/refusal'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { nowDb } from '#core/database/time'

/**
 * Every state machine of the procedures module, in one place. A transition names the
 * states it may start from, the state it leads to, and the Chinese reason given when the
 * current state does not allow it. `apply()` performs it as ONE conditional UPDATE
 * (`… WHERE id = ? AND status IN (from)`) inside the caller's transaction, so two
 * concurrent clicks can never both succeed.
 */
export type ReviewStatus = 'draft' | 'pending' | 'approved' | 'returned'
export type PlanStatus = ReviewStatus | 'cancelled'
export type ChangeRequestStatus = 'pending' | 'approved' | 'returned'
export type InvitationStatus =
  'pending' | 'accepted' | 'rejected' | 'withdrawn' | 'expired' | 'terminated'
export type TerminationStatus =
  'pending_employer' | 'pending_student' | 'pending_school' | 'completed' | 'refused'

export interface Transition {
  from: string[]
  to: string
  refuse: string
}

export const REVIEW_LABELS: Record<string, string> = {
  draft: '未提交',
  pending: '待审核',
  approved: '已通过',
  returned: '审核退回',
  cancelled: '已取消',
}

export const INVITATION_LABELS: Record<InvitationStatus, string> = {
  pending: '待应答',
  accepted: '已接受',
  rejected: '已拒绝',
  withdrawn: '已撤回',
  expired: '已过期',
  terminated: '已解约',
}

export const TERMINATION_LABELS: Record<TerminationStatus, string> = {
  pending_employer: '待单位应答',
  pending_student: '待学生确认',
  pending_school: '待学校审核',
  completed: '已解约',
  refused: '未通过',
}

export const machines = {
  /** 生源信息核对 (rule 10) */
  sourceRecord: {
    table: 'source_records',
    transitions: {
      save: {
        from: ['draft', 'returned'],
        to: '=',
        refuse: '生源信息已提交审核或已审核通过，不能直接修改',
      },
      submit: {
        from: ['draft', 'returned'],
        to: 'pending',
        refuse: '生源信息已提交，请等待学院老师审核',
      },
      approve: { from: ['pending'], to: 'approved', refuse: '该生源信息不在待审核状态，无法审核' },
      return: { from: ['pending'], to: 'returned', refuse: '该生源信息不在待审核状态，无法退回' },
    },
  },
  /** 信息有误，申请修改 (rule 10) */
  changeRequest: {
    table: 'source_change_requests',
    transitions: {
      approve: { from: ['pending'], to: 'approved', refuse: '该变更申请已处理，不能重复审核' },
      return: { from: ['pending'], to: 'returned', refuse: '该变更申请已处理，不能重复审核' },
    },
  },
  /** 就业推荐表 (rule 11) */
  recommendation: {
    table: 'recommendation_forms',
    transitions: {
      save: { from: ['draft', 'returned'], to: '=', refuse: '推荐表已提交或已审核通过，不能修改' },
      submit: {
        from: ['draft', 'returned'],
        to: 'pending',
        refuse: '推荐表已提交，请等待学校审核',
      },
      approve: { from: ['pending'], to: 'approved', refuse: '该推荐表不在待审核状态，无法审核' },
      return: { from: ['pending'], to: 'returned', refuse: '该推荐表不在待审核状态，无法退回' },
    },
  },
  /** 就业方案 / 就业信息上报 (rule 13): editable while 未提交, 待审核 or 审核退回. */
  plan: {
    table: 'employment_plans',
    transitions: {
      save: {
        from: ['draft', 'pending', 'returned'],
        to: '=',
        refuse: '就业方案已审核通过，不能修改；如需变更请联系学院老师',
      },
      submit: {
        from: ['draft', 'pending', 'returned'],
        to: 'pending',
        refuse: '就业方案已审核通过，不能再次提交',
      },
      approve: { from: ['pending'], to: 'approved', refuse: '该就业方案不在待审核状态，无法审核' },
      return: { from: ['pending'], to: 'returned', refuse: '该就业方案不在待审核状态，无法退回' },
      // 毕业去向登记 (2023+): a confirmed and approved registration changed before 31 August goes
      // back to the school (the deadline is checked by the caller).
      amend: {
        from: ['approved'],
        to: 'pending',
        refuse: '该毕业去向登记不在已审核状态，请直接修改后提交',
      },
      supersede: {
        from: ['draft', 'pending', 'returned', 'approved'],
        to: 'cancelled',
        refuse: '该就业方案已取消',
      },
      cancel: {
        from: ['draft', 'pending', 'returned', 'approved'],
        to: 'cancelled',
        refuse: '该就业方案已取消',
      },
    },
  },
  /** 网上签约邀请 (rule 12) */
  invitation: {
    table: 'signing_invitations',
    transitions: {
      accept: { from: ['pending'], to: 'accepted', refuse: '该签约邀请已不能应答' },
      reject: { from: ['pending'], to: 'rejected', refuse: '该签约邀请已不能应答' },
      withdraw: { from: ['pending'], to: 'withdrawn', refuse: '学生已应答或邀请已失效，不能撤回' },
      expire: { from: ['pending'], to: 'expired', refuse: '该签约邀请已不在待应答状态' },
      terminate: { from: ['accepted'], to: 'terminated', refuse: '该签约未处于已签约状态' },
    },
  },
  /** 解约办理 (rule 14) */
  termination: {
    table: 'terminations',
    transitions: {
      employerAgree: {
        from: ['pending_employer'],
        to: 'completed',
        refuse: '该解约申请已不在待单位应答状态',
      },
      employerDisagree: {
        from: ['pending_employer'],
        to: 'refused',
        refuse: '该解约申请已不在待单位应答状态',
      },
      studentAgree: {
        from: ['pending_student'],
        to: 'completed',
        refuse: '该解约申请已不在待学生确认状态',
      },
      studentDisagree: {
        from: ['pending_student'],
        to: 'refused',
        refuse: '该解约申请已不在待学生确认状态',
      },
      schoolApprove: {
        from: ['pending_school'],
        to: 'completed',
        refuse: '该解约申请已不在待学校审核状态',
      },
      schoolReturn: {
        from: ['pending_school'],
        to: 'refused',
        refuse: '该解约申请已不在待学校审核状态',
      },
      force: {
        from: ['pending_employer'],
        to: 'completed',
        refuse: '只有等待单位应答的网签解约申请才能强制解约',
      },
    },
  },
} as const satisfies Record<string, { table: string; transitions: Record<string, Transition> }>

export type MachineName = keyof typeof machines
export type ActionOf<M extends MachineName> = keyof (typeof machines)[M]['transitions']

/** A refusal the person can act on; controllers show `message` (Chinese) and keep the page. */
export class ProcedureError extends Refusal {
  constructor(message: string, field: string | null = null, status = 409) {
    super(message, { field, status, code: 'procedure_refused' })
  }
}

export function transitionOf<M extends MachineName>(machine: M, action: ActionOf<M>): Transition {
  return (machines[machine].transitions as Record<string, Transition>)[action as string]
}

export function can<M extends MachineName>(machine: M, action: ActionOf<M>, status: string) {
  return transitionOf(machine, action).from.includes(status)
}

/**
 * Performs a transition as one conditional UPDATE. `extra` holds column values to write
 * together (snake_case). Throws the transition's refusal when the row was not in an allowed
 * state at that moment. Returns the new status.
 */
export async function apply<M extends MachineName>(
  trx: TransactionClientContract,
  machine: M,
  action: ActionOf<M>,
  id: number,
  extra: Record<string, unknown> = {},
  where: Record<string, unknown> = {}
) {
  const t = transitionOf(machine, action)
  const values: Record<string, unknown> = { ...extra, updated_at: nowDb() }
  if (t.to !== '=') values.status = t.to
  const affected = await trx
    .from(machines[machine].table)
    .where('id', id)
    .where(where)
    .whereIn('status', t.from)
    .update(values)
  const count = Array.isArray(affected) ? affected.length : Number(affected)
  if (!count) throw new ProcedureError(t.refuse)
  return t.to
}
