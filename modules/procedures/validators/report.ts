import vine from '@vinejs/vine'
import { usccRule } from '#core/validation/rules'
import { PLAN_FIELDS, type PlanField } from '#modules/procedures/services/plan_service'
import { labelTable } from '#modules/procedures/services/texts'

function fieldSchema(field: PlanField) {
  // employment_plans columns: 200 unless the field says otherwise (uscc 18, remark 500 …).
  let text = vine
    .string()
    .trim()
    .maxLength(field.max ?? 200)
  if (field.options) text = text.in(field.options)
  if (field.uscc) text = text.toUpperCase().use(usccRule())
  return text.nullable().optional()
}

/** Field labels of the report forms, from their definitions. */
export const REPORT_LABELS = labelTable(PLAN_FIELDS)

/**
 * 就业信息上报 / 毕业去向登记, every category and both modes: each field's shape, options and
 * column length; in 2023+ mode (`meta.mode`) submitting needs the verification authorised.
 * Which fields a category's form has, which are locked by an online signing, and
 * which are required on submit (and 户口迁移地址 / 授权核验 in 2023+ mode) the service decides.
 */
export const reportValidator = vine.compile(
  vine.object({
    code: vine.string().trim().maxLength(10).optional(),
    intent: vine.enum(['save', 'submit']).optional(),
    // 登记确认 (2023+ mode, submitting): the student authorises the verification.
    verification_authorized: vine
      .accepted()
      .optional()
      .requiredWhen((field) => field.meta.mode === '2023' && field.parent.intent === 'submit'),
    ...Object.fromEntries(PLAN_FIELDS.map((f) => [f.key, fieldSchema(f)])),
  })
)
