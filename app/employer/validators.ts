import vine from '@vinejs/vine'
import { MOBILE_RULE, PASSWORD_RULE } from '#core/accounts/validators'
import { usccRule } from '#core/validation/rules'
import { strongPassword } from '#core/accounts/validation/password'
import { INDUSTRIES, NATURES, SCALES } from '#core/employer/profile_options'

/** 营业执照: PDF/JPG/PNG, at most 5 MB (the name here; the content is checked by the file service). */
const licence = () =>
  vine.file({ size: '5mb', extnames: ['pdf', 'jpg', 'jpeg', 'png', 'PDF', 'JPG', 'JPEG', 'PNG'] })

const company = {
  company_name: vine.string().trim().minLength(2).maxLength(100),
  uscc: vine.string().trim().toUpperCase().use(usccRule()),
  contact_name: vine.string().trim().minLength(2).maxLength(50),
  mobile: vine.string().trim().regex(MOBILE_RULE),
}

/** 单位注册 */
export const employerRegistrationValidator = vine.compile(
  vine.object({
    ...company,
    email: vine.string().trim().toLowerCase().email().maxLength(255),
    password: vine
      .string()
      .regex(PASSWORD_RULE)
      .use(strongPassword({ siblings: ['email', 'uscc', 'mobile'] }))
      .confirmed({ confirmationField: 'password_confirmation' }),
    licence: licence(),
  })
)

/** 修改注册信息并重新提交 (pending or rejected): the licence is optional when one is on file. */
export const employerResubmitValidator = vine.compile(
  vine.object({
    ...company,
    licence: licence().optional(),
  })
)

/** 单位信息 (company profile) */
export const employerProfileValidator = vine.compile(
  vine.object({
    intro: vine.string().trim().maxLength(5000).optional(),
    industry: vine.string().in(INDUSTRIES),
    nature: vine.string().in(NATURES),
    scale: vine.string().in(SCALES),
    city: vine.string().trim().minLength(2).maxLength(50),
    address: vine.string().trim().maxLength(255).optional(),
    website: vine
      .string()
      .trim()
      .maxLength(255)
      .url({ require_protocol: true, protocols: ['http', 'https'] })
      .optional(),
    contact_name: vine.string().trim().minLength(2).maxLength(50),
    contact_phone: vine
      .string()
      .trim()
      .regex(/^(1\d{10}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/),
    contact_email: vine.string().trim().toLowerCase().email().maxLength(255).optional(),
  })
)
