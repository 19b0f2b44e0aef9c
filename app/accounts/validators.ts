import { MOBILE, vineId } from '#core/validation/rules'
import vine from '@vinejs/vine'
import { strongPassword } from '#core/accounts/validation/password'

/** 8–32 characters with both letters and digits. */
export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,32}$/
/** The one mobile rule (#core/validation/rules), under the name the account forms use. */
export const MOBILE_RULE = MOBILE

export const studentLoginValidator = vine.compile(
  vine.object({
    school_id: vineId().optional(),
    student_number: vine.string().trim().minLength(1).maxLength(32),
    password: vine.string().minLength(1).maxLength(64),
    redirect: vine.string().optional(),
  })
)

export const accountLoginValidator = vine.compile(
  vine.object({
    account: vine.string().trim().minLength(1).maxLength(255),
    password: vine.string().minLength(1).maxLength(64),
    redirect: vine.string().optional(),
  })
)

export const activationStepOneValidator = vine.compile(
  vine.object({
    school_id: vineId().optional(),
    student_number: vine.string().trim().minLength(1).maxLength(32),
    name: vine.string().trim().minLength(1).maxLength(50),
    agreement: vine.accepted(),
  })
)

export const phoneValidator = vine.compile(
  vine.object({ phone: vine.string().trim().regex(MOBILE_RULE) })
)

/**
 * Step 2. The phone is only typed when the registry holds none (the service decides which phone
 * the code went to); meta `passwordIdentifiers`: the 学号, registry phone and e-mail.
 */
export const activationStepTwoValidator = vine
  .withMetaData<{ passwordIdentifiers: (string | null)[] }>()
  .compile(
    vine.object({
      password: vine
        .string()
        .regex(PASSWORD_RULE)
        .use(strongPassword({ siblings: ['phone'] }))
        .confirmed({ confirmationField: 'password_confirmation' }),
      phone: vine.string().trim().regex(MOBILE_RULE).optional(),
      code: vine.string().trim().fixedLength(6),
    })
  )
