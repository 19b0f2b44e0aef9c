/** The label keys of the review states (生源信息, 推荐表, 就业方案 share them). */
export const REVIEW_STATE_LABELS = {
  draft: 'procedures.states.review.draft',
  pending: 'procedures.states.review.pending',
  approved: 'procedures.states.review.approved',
  returned: 'procedures.states.review.returned',
  cancelled: 'procedures.states.review.cancelled',
} as const
