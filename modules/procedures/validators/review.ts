import vine from '@vinejs/vine'
import { vineOptionalText } from '#core/validation/rules'

/**
 * 审核 (every school review queue: 生源信息, 变更申请, 推荐表, 就业方案, 解约): approve, or return
 * with a reason (review_comment is 500). 推荐表 also carries the school's opinion and comment,
 * required by the service on approval.
 */
export const reviewDecisionValidator = vine.compile(
  vine.object({
    decision: vine.enum(['approve', 'return']),
    comment: vineOptionalText(500).requiredWhen('decision', '=', 'return'),
    opinion: vineOptionalText(2000),
    school_comment: vineOptionalText(2000),
  })
)
