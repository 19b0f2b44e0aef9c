import { defineReviewMachine } from '#modules/procedures/machines/review_labels'

/** 就业推荐表 (rule 11) */
export const recommendationMachine = defineReviewMachine(
  'procedures.recommendation',
  'recommendation_forms',
  'recommendation'
)
