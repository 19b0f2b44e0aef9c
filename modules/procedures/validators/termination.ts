import vine from '@vinejs/vine'
import { vineOptionalText } from '#core/validation/rules'
import { TERMINATION_REASONS } from '#modules/procedures/services/termination_service'

const fields = {
  reason: vine.string().trim().in(TERMINATION_REASONS),
  // terminations.description is text; 1000 characters is the form's limit.
  description: vine.string().trim().minLength(1).maxLength(1000),
}

/** 我要解约 (student); the materials are checked by the files pipeline in the service. */
export const studentTerminationValidator = vine.compile(vine.object(fields))

/** 发起解约 (employer). */
export const employerTerminationValidator = vine.compile(vine.object(fields))

/** 同意 / 不同意解约 by the student: an optional comment (answer_comment 500). */
export const terminationAnswerValidator = vine.compile(
  vine.object({
    decision: vine.enum(['agree', 'disagree']),
    comment: vineOptionalText(500),
  })
)

/** 同意 / 不同意解约 by the employer: a reason is needed to disagree. */
export const employerTerminationAnswerValidator = vine.compile(
  vine.object({
    decision: vine.enum(['agree', 'disagree']),
    comment: vineOptionalText(500).requiredWhen('decision', '=', 'disagree'),
  })
)

/** 强制解约 (school): the reason is required (force_reason 500). */
export const forceTerminationValidator = vine.compile(
  vine.object({ force_reason: vine.string().trim().minLength(1).maxLength(500) })
)
