import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import verificationCodes from '#core/accounts/services/verification_codes'

export class ActivationError extends Error {
  constructor(
    public field: string,
    message: string
  ) {
    super(message)
  }
}

/** 学生账号激活 (PRODUCT.md rule 1): only against the school's registry, once. */
export class ActivationService {
  /** Step 1: the registry record must exist, the name must match, and no account may exist yet. */
  async findActivatable(schoolId: number, studentNumber: string, name: string) {
    const graduate = await Graduate.query()
      .where('school_id', schoolId)
      .where('student_number', studentNumber.trim())
      .first()
    if (!graduate)
      throw new ActivationError(
        'student_number',
        '生源库中没有该学号，请核对学校和学号，或联系学院老师'
      )
    if (graduate.name.trim() !== name.trim())
      throw new ActivationError('name', '姓名与生源库记录不一致')
    const existing = await User.query().where('graduate_id', graduate.id).first()
    if (existing)
      throw new ActivationError(
        'student_number',
        '该学号已激活，请直接登录；忘记密码请联系学院老师'
      )
    return graduate
  }

  /** Step 2: code checked, then the account is created in one transaction (a double submit creates one). */
  async activate(graduateId: number, input: { password: string; phone: string; code: string }) {
    const check = await verificationCodes.verify(input.phone, 'activation', input.code)
    if (check === 'expired') throw new ActivationError('code', '验证码已过期，请重新获取')
    if (check === 'wrong') throw new ActivationError('code', '验证码错误')

    return db.transaction(async (trx) => {
      const graduate = await Graduate.query({ client: trx }).where('id', graduateId).firstOrFail()
      const existing = await User.query({ client: trx }).where('graduate_id', graduate.id).first()
      if (existing) throw new ActivationError('student_number', '该学号已激活，请直接登录')
      try {
        return await User.create(
          {
            kind: 'student',
            loginKey: User.loginKeyFor('student', graduate.studentNumber, graduate.schoolId),
            username: graduate.studentNumber,
            password: input.password,
            name: graduate.name,
            phone: input.phone,
            email: graduate.email,
            schoolId: graduate.schoolId,
            graduateId: graduate.id,
            isActive: true,
          },
          { client: trx }
        )
      } catch (error) {
        // Unique graduate_id / login_key: a concurrent activation won.
        throw new ActivationError('student_number', '该学号已激活，请直接登录')
      }
    })
  }
}

export default new ActivationService()
