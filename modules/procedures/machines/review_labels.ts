import { defineMachine } from '#core/state/machine'

/** The label keys of the review states (生源信息, 推荐表, 就业方案 share them). */
export const REVIEW_STATE_LABELS = {
  draft: 'procedures.states.review.draft',
  pending: 'procedures.states.review.pending',
  approved: 'procedures.states.review.approved',
  returned: 'procedures.states.review.returned',
  cancelled: 'procedures.states.review.cancelled',
} as const

/**
 * A form the student fills and the school reviews (生源信息, 推荐表): edited while 未提交 or
 * 审核退回, submitted to 待审核, then approved or returned. `subject` names its refusals
 * (`procedures.refusals.<subject>_not_editable`, `_already_submitted`, `_not_pending_approve`,
 * `_not_pending_return`).
 */
export function defineReviewMachine(name: string, table: string, subject: string) {
  const refusal = (reason: string) => `procedures.refusals.${subject}_${reason}`
  return defineMachine({
    name,
    table,
    states: ['draft', 'pending', 'approved', 'returned'],
    initial: ['draft'],
    transitions: {
      save: { from: ['draft', 'returned'], to: '=', refuse: refusal('not_editable') },
      submit: { from: ['draft', 'returned'], to: 'pending', refuse: refusal('already_submitted') },
      approve: { from: ['pending'], to: 'approved', refuse: refusal('not_pending_approve') },
      return: { from: ['pending'], to: 'returned', refuse: refusal('not_pending_return') },
    },
    labels: {
      draft: REVIEW_STATE_LABELS.draft,
      pending: REVIEW_STATE_LABELS.pending,
      approved: REVIEW_STATE_LABELS.approved,
      returned: REVIEW_STATE_LABELS.returned,
    },
  })
}
