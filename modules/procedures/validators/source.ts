import vine from '@vinejs/vine'
import { idNumberRule, mobileRule, vineOptionalText } from '#core/validation/rules'
import { SOURCE_FIELDS, type SourceField } from '#modules/procedures/services/source_fields'
import { labelTable } from '#modules/procedures/services/texts'

/** One registry field's shape (source_records / graduates columns are 100 wide here). */
function fieldSchema(field: SourceField) {
  const text = vine.string().trim().maxLength(100)
  switch (field.type) {
    case 'select':
      return text.in(field.options!)
    case 'date':
      return text.regex(/^\d{4}-\d{2}-\d{2}$/)
    case 'email':
      return text.email()
    case 'mobile':
      return text.use(mobileRule())
    case 'id_number':
      return text.toUpperCase().use(idNumberRule())
    default:
      return text
  }
}

/** The field labels of the registry record (its own definitions) for the messages. */
export const SOURCE_LABELS = labelTable(SOURCE_FIELDS)

/**
 * 生源信息核对 (save / submit). Every field optional here: which fields a student may edit is a
 * school setting, and which are required on submit depends on it — the service decides both.
 * A field sent empty comes back as null (clear it).
 */
export const sourceSaveValidator = vine.compile(
  vine.object(
    Object.fromEntries(SOURCE_FIELDS.map((f) => [f.key, fieldSchema(f).nullable().optional()]))
  )
)

/**
 * 信息有误，申请修改: the corrected values arrive as `new_<key>`; a blank 身份证号 means
 * unchanged (it is shown masked). The reason is required (change_requests.reason is 500).
 */
export const changeRequestValidator = vine.compile(
  vine.object({
    ...Object.fromEntries(
      SOURCE_FIELDS.map((f) => [`new_${f.key}`, fieldSchema(f).nullable().optional()])
    ),
    reason: vineOptionalText(500),
  })
)

/** Labels for the change-request fields (`new_<key>`). */
export const CHANGE_LABELS = labelTable(SOURCE_FIELDS, (f) => `new_${f.key}`)
