import { defineMachine } from '#core/state/machine'
import { REVIEW_STATE_LABELS } from '#modules/procedures/machines/review_labels'

/** 就业推荐表 (rule 11) */
export const recommendationMachine = defineMachine({
  name: 'procedures.recommendation',
  table: 'recommendation_forms',
  states: ['draft', 'pending', 'approved', 'returned'],
  initial: ['draft'],
  transitions: {
    save: {
      from: ['draft', 'returned'],
      to: '=',
      refuse: 'procedures.refusals.recommendation_not_editable',
    },
    submit: {
      from: ['draft', 'returned'],
      to: 'pending',
      refuse: 'procedures.refusals.recommendation_already_submitted',
    },
    approve: {
      from: ['pending'],
      to: 'approved',
      refuse: 'procedures.refusals.recommendation_not_pending_approve',
    },
    return: {
      from: ['pending'],
      to: 'returned',
      refuse: 'procedures.refusals.recommendation_not_pending_return',
    },
  },
  labels: {
    draft: REVIEW_STATE_LABELS.draft,
    pending: REVIEW_STATE_LABELS.pending,
    approved: REVIEW_STATE_LABELS.approved,
    returned: REVIEW_STATE_LABELS.returned,
  },
})
