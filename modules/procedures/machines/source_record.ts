import { defineMachine, type StateOf } from '#core/state/machine'
import { REVIEW_STATE_LABELS } from '#modules/procedures/machines/review_labels'

/** 生源信息核对 (rule 10): the student edits while 未提交 or 审核退回, the college reviews. */
export const sourceRecordMachine = defineMachine({
  name: 'procedures.source_record',
  table: 'source_records',
  states: ['draft', 'pending', 'approved', 'returned'],
  initial: ['draft'],
  transitions: {
    save: {
      from: ['draft', 'returned'],
      to: '=',
      refuse: 'procedures.refusals.source_not_editable',
    },
    submit: {
      from: ['draft', 'returned'],
      to: 'pending',
      refuse: 'procedures.refusals.source_already_submitted',
    },
    approve: {
      from: ['pending'],
      to: 'approved',
      refuse: 'procedures.refusals.source_not_pending_approve',
    },
    return: {
      from: ['pending'],
      to: 'returned',
      refuse: 'procedures.refusals.source_not_pending_return',
    },
  },
  labels: {
    draft: REVIEW_STATE_LABELS.draft,
    pending: REVIEW_STATE_LABELS.pending,
    approved: REVIEW_STATE_LABELS.approved,
    returned: REVIEW_STATE_LABELS.returned,
  },
})

export type ReviewStatus = StateOf<typeof sourceRecordMachine>
