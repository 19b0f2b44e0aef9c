import type { StateOf } from '#core/state/machine'
import { defineReviewMachine } from '#modules/procedures/machines/review_labels'

/** 生源信息核对 (rule 10): the student edits while 未提交 or 审核退回, the college reviews. */
export const sourceRecordMachine = defineReviewMachine(
  'procedures.source_record',
  'source_records',
  'source'
)

export type ReviewStatus = StateOf<typeof sourceRecordMachine>
