import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#core/ui/format'
import {
  LOCAL_DATETIME,
  MAX_ID,
  existingLocalDateTime,
  isTicked,
  vineCheckbox,
  vineOptionalText,
  vineText,
} from '#core/validation/rules'
import {
  CERTIFICATE_CATEGORIES,
  POSITION_CATEGORIES,
} from '#modules/procedures/services/registration'

/**
 * 发送签约邀请, one validator per procedures mode (the mode of the student's school, which the
 * controller looks up before validating): 2021 carries 报到证 when the employer receives the
 * archive; 2023+ carries 工作职位类别 and, with the archive, 档案接收单位. Lengths are the columns
 * of signing_invitations.
 */
function sendInvitationSchema(mode: '2021' | '2023') {
  const archive = (field: FieldContext) => isTicked(field.parent.receives_archive)
  const hukou = (field: FieldContext) => isTicked(field.parent.receives_hukou)
  const byArchive2021 = (field: FieldContext) => mode === '2021' && archive(field)
  return vine.object({
    // The form's values (signing_new.edge): 从求职者中选择 | 按学校、学号和姓名.
    mode: vine.enum(['applicant', 'manual']).optional(),
    // Kept as text: any bad applicant id gets the one answer (APPLICANT_REFUSAL) in the service.
    applicant_user_id: vine
      .string()
      .trim()
      .maxLength(20)
      .optional()
      .requiredWhen((field) => field.parent.mode === 'applicant'),
    school_id: vine
      .number()
      .withoutDecimals()
      .range([1, MAX_ID])
      .optional()
      .requiredWhen((field) => isIdentityMode(field.parent)),
    student_number: vineText(32)
      .optional()
      .requiredWhen((field) => isIdentityMode(field.parent)),
    name: vineText(50)
      .optional()
      .requiredWhen((field) => isIdentityMode(field.parent)),
    job_title: vineText(100),
    salary: vineText(50),
    work_city: vineText(50),
    contract_term: vineOptionalText(50),
    probation: vineOptionalText(50),
    terms: vineOptionalText(2000),
    contact_name: vineText(50),
    contact_phone: vineText(20).regex(/^[\d-]{7,20}$/),
    receives_archive: vineCheckbox(),
    receives_hukou: vineCheckbox(),
    certificate_category: vine
      .string()
      .trim()
      .in(CERTIFICATE_CATEGORIES)
      .optional()
      .requiredWhen(byArchive2021),
    certificate_unit: vineOptionalText(200).requiredWhen(byArchive2021),
    archive_unit: vineOptionalText(200).requiredWhen(archive),
    archive_address: vineOptionalText(255),
    hukou_address: vineOptionalText(255).requiredWhen(hukou),
    position_category:
      mode === '2023'
        ? vine.string().trim().in(POSITION_CATEGORIES)
        : vine.string().trim().maxLength(50).optional(),
    deadline: vine
      .string()
      .trim()
      .regex(LOCAL_DATETIME)
      .use(existingLocalDateTime())
      .use(answerWindow()),
  })
}

/** 应约截止时间: at least an hour from now and at most 90 days ahead (Asia/Shanghai). */
const answerWindow = vine.createRule((value: unknown, _options: undefined, field) => {
  if (typeof value !== 'string' || !field.isValid) return
  const deadline = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  if (deadline <= DateTime.now().plus({ hours: 1 }))
    field.report('The {{ field }} is too soon', 'deadline.soon', field)
  else if (deadline > DateTime.now().plus({ days: 90 }))
    field.report('The {{ field }} is too far ahead', 'deadline.far', field)
})

export const sendInvitationValidators = {
  '2021': vine.compile(sendInvitationSchema('2021')),
  '2023': vine.compile(sendInvitationSchema('2023')),
}

/** Identity mode: by school + 学号 + 姓名 (the mode field, or no applicant chosen). */
function isIdentityMode(parent: Record<string, unknown>) {
  if (parent.mode === 'manual') return true
  return parent.mode !== 'applicant' && !parent.applicant_user_id
}

/**
 * 接受签约: what the student fills depends on the invitation (what the employer receives) and the
 * mode; the service requires those. `binding_acknowledged` (not `confirm`: a control of that name
 * shadows window.confirm inside the form) is checked by the service after the invitation's own
 * refusals, so a student who may not sign learns why first.
 */
export const acceptInvitationValidator = vine.compile(
  vine.object({
    certificate_category: vineOptionalText(200),
    certificate_unit: vineOptionalText(200),
    archive_unit: vineOptionalText(200),
    archive_address: vineOptionalText(200),
    hukou_migration: vineOptionalText(200),
    hukou_address: vineOptionalText(200),
    binding_acknowledged: vineCheckbox(),
  })
)

/** 拒绝签约: an optional reason (signing_invitations.reject_reason is 500). */
export const rejectInvitationValidator = vine.compile(
  vine.object({ reason: vineOptionalText(500) })
)
