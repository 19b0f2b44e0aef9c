import vine from '@vinejs/vine'

/** 8–32 characters with both letters and digits. */
export const PASSWORD_RULE = /^(?=.*[A-Za-z])(?=.*\d).{8,32}$/
export const MOBILE_RULE = /^1\d{10}$/

export const studentLoginValidator = vine.compile(
  vine.object({
    school_id: vine.number().positive().optional(),
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
    school_id: vine.number().positive().optional(),
    student_number: vine.string().trim().minLength(1).maxLength(32),
    name: vine.string().trim().minLength(1).maxLength(50),
    agreement: vine.accepted(),
  })
)

export const phoneValidator = vine.compile(
  vine.object({ phone: vine.string().trim().regex(MOBILE_RULE) })
)

export const activationStepTwoValidator = vine.compile(
  vine.object({
    password: vine
      .string()
      .regex(PASSWORD_RULE)
      .confirmed({ confirmationField: 'password_confirmation' }),
    phone: vine.string().trim().regex(MOBILE_RULE),
    code: vine.string().trim().fixedLength(6),
  })
)
