import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import verificationCodes from '#core/accounts/services/verification_codes'
import { MOBILE_RULE } from '#core/accounts/validators'
import { Refusal } from '#core/http/refusal'

/** An activation refused beside one field of the form (the typed input is flashed back, never the password). */
function refuse(field: string, message: string, code = 'activation_refused') {
  return new Refusal(message, { field, code })
}

/**
 * Step 1 gives one answer for an unknown 学号, a wrong 姓名 and an activated account, so that the
 * form cannot be used to find out which 学号 exist or which students have not activated yet.
 */
export const STEP_ONE_REFUSAL =
  '学号或姓名与生源信息不符，或该学号已激活。已激活请直接登录，忘记密码请联系学院老师'

/** 学生账号激活 (PRODUCT.md rule 1): only against the school's registry, once. */
export class ActivationService {
  /** Step 1: the registry record must exist, the name must match, and no account may exist yet. */
  async findActivatable(schoolId: number, studentNumber: string, name: string) {
    const graduate = await Graduate.query()
      .where('school_id', schoolId)
      .where('student_number', studentNumber.trim())
      .first()
    const matches = graduate !== null && graduate.name.trim() === name.trim()
    const activated =
      matches && (await User.query().where('graduate_id', graduate.id).first()) !== null
    if (!matches || activated) throw refuse('student_number', STEP_ONE_REFUSAL, 'not_activatable')
    return graduate
  }

  /**
   * The phone the code goes to and the account keeps. When the registry holds a phone, only that
   * phone: someone who merely knows 学号 + 姓名 cannot claim the account with their own phone.
   * Only without a registry phone may the student enter one.
   */
  codePhone(graduate: Graduate, typed: string | undefined | null): string {
    const registry = graduate.phone?.trim()
    if (registry) {
      if (!MOBILE_RULE.test(registry))
        throw refuse(
          'phone',
          '生源信息中登记的手机号码无法接收短信，请联系学院老师更正手机号码后再激活',
          'registry_phone_unusable'
        )
      return registry
    }
    const phone = typed?.trim()
    if (!phone || !MOBILE_RULE.test(phone))
      throw refuse('phone', '请输入正确的 11 位手机号码', 'invalid_phone')
    return phone
  }

  /** Step 2: code checked, then the account is created in one transaction (a double submit creates one). */
  async activate(
    graduate: Graduate,
    input: { password: string; phone?: string | null; code: string }
  ) {
    const phone = this.codePhone(graduate, input.phone)
    const check = await verificationCodes.verify(phone, 'activation', input.code)
    if (check === 'expired') throw refuse('code', '验证码已过期，请重新获取', 'code_expired')
    if (check === 'wrong') throw refuse('code', '验证码错误', 'code_wrong')

    return db.transaction(async (trx) => {
      const existing = await User.query({ client: trx }).where('graduate_id', graduate.id).first()
      if (existing) throw refuse('student_number', '该学号已激活，请直接登录', 'already_activated')
      try {
        return await User.create(
          {
            kind: 'student',
            loginKey: User.loginKeyFor('student', graduate.studentNumber, graduate.schoolId),
            username: graduate.studentNumber,
            password: input.password,
            name: graduate.name,
            phone,
            email: graduate.email,
            schoolId: graduate.schoolId,
            graduateId: graduate.id,
            isActive: true,
          },
          { client: trx }
        )
      } catch (error) {
        // Unique graduate_id / login_key: a concurrent activation won.
        throw refuse('student_number', '该学号已激活，请直接登录', 'already_activated')
      }
    })
  }
}

export default new ActivationService()
