import type { HttpContext } from '@adonisjs/core/http'
import School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'
import activation from '#core/accounts/services/activation_service'
import verificationCodes from '#core/accounts/services/verification_codes'
import { minutesLeft, normaliseAccount, Throttle } from '#core/accounts/services/login_throttle'
import { activationStepOneValidator, activationStepTwoValidator } from '#core/accounts/validators'
import { maskPhone } from '#core/ui/format'
import { Refusal } from '#core/http/refusal'

const SESSION_KEY = 'activation_graduate_id'

/** 【账号注册】 (PRODUCT.md rule 1): registry check, then password + phone with an SMS code. */
export default class ActivationController {
  async showStepOne({ view, site }: HttpContext) {
    const schools = site.isMain ? await School.query().orderBy('name') : []
    return view.render('pages/auth/activate_step_one', { schools })
  }

  async storeStepOne(ctx: HttpContext) {
    const { request, response, session, site } = ctx
    const data = await request.validateUsing(activationStepOneValidator)
    const schoolId = site.isMain ? data.school_id : site.schoolId
    if (!schoolId) throw new Refusal('请选择学校', { field: 'school_id', code: 'school_required' })

    // Wrong combinations count per 学号 (any address), per address (any 学号) and per both.
    const throttle = new Throttle(
      'activation',
      [`${schoolId}:${normaliseAccount(data.student_number)}`],
      request.ip()
    )
    const wait = await throttle.waitSeconds()
    if (wait > 0) {
      throw new Refusal(`尝试次数过多，请 ${minutesLeft(wait)} 分钟后再试`, {
        field: 'student_number',
        code: 'too_many_attempts',
        status: 429,
      })
    }
    let graduate: Graduate
    try {
      graduate = await activation.findActivatable(schoolId, data.student_number, data.name)
    } catch (error) {
      // A refused combination counts against the limits before the Refusal answers.
      if (error instanceof Refusal) await throttle.hit()
      throw error
    }
    session.put(SESSION_KEY, graduate.id)
    return response.redirect().toRoute('student.activate.password')
  }

  async showStepTwo({ view, session, response }: HttpContext) {
    const graduate = await this.#pending(session.get(SESSION_KEY))
    if (!graduate) return response.redirect().toRoute('student.activate')
    return view.render('pages/auth/activate_step_two', {
      graduate,
      ...this.#phoneOnFile(graduate),
    })
  }

  /** 获取验证码 (htmx): to the registry phone when there is one; limits in login_throttle. */
  async sendCode(ctx: HttpContext) {
    const { request, response, session, view } = ctx
    const graduate = await this.#pending(session.get(SESSION_KEY))
    const status = (code: number, error: string, resendAfter = 0) =>
      response.status(code).send(view.renderSync('partials/code_status', { error, resendAfter }))
    if (!graduate) return status(400, '请先完成第一步')
    let phone: string
    try {
      phone = activation.codePhone(graduate, request.input('phone'))
    } catch (error) {
      // The answer is the code box's own partial (swapped in beside 获取验证码), not a toast.
      if (!(error instanceof Refusal)) throw error
      return status(422, error.message)
    }
    const accounts = [`graduate:${graduate.id}`, `phone:${phone}`]
    const perMinute = new Throttle('smsCode', accounts, request.ip())
    const perHour = new Throttle('smsCodeHourly', accounts, request.ip())
    const waitMinute = await perMinute.waitSeconds()
    // The seconds until the next code may be asked travel as Retry-After: the 获取验证码 button counts
    // them down (public/js/app.js), on the refusal as on the success.
    if (waitMinute > 0) {
      response.header('Retry-After', String(waitMinute))
      return status(429, `验证码已发送，请 ${waitMinute} 秒后再试`, waitMinute)
    }
    const waitHour = await perHour.waitSeconds()
    if (waitHour > 0) {
      response.header('Retry-After', String(waitHour))
      return status(429, `获取验证码过于频繁，请 ${minutesLeft(waitHour)} 分钟后再试`, waitHour)
    }
    await perMinute.hit()
    await perHour.hit()
    await verificationCodes.send(phone, 'activation')
    const resendAfter = await perMinute.waitSeconds()
    if (resendAfter > 0) response.header('Retry-After', String(resendAfter))
    return view.render('partials/code_status', { sent: true, phone, resendAfter })
  }

  async storeStepTwo({ request, response, session }: HttpContext) {
    const graduate = await this.#pending(session.get(SESSION_KEY))
    if (!graduate) return response.redirect().toRoute('student.activate')
    const data = await request.validateUsing(activationStepTwoValidator, {
      meta: { passwordIdentifiers: [graduate.studentNumber, graduate.phone, graduate.email] },
    })
    await activation.activate(graduate, data)
    session.forget(SESSION_KEY)
    session.flash('success', '账号激活成功，请使用学号和密码登录')
    return response.redirect(
      `/login?school=${graduate.schoolId}&number=${encodeURIComponent(graduate.studentNumber)}`
    )
  }

  /** What step 2 shows about the phone: the masked registry phone, or an input when none. */
  #phoneOnFile(graduate: Graduate) {
    if (!graduate.phone?.trim()) return { phoneOnFile: false }
    try {
      return { phoneOnFile: true, maskedPhone: maskPhone(activation.codePhone(graduate, null)) }
    } catch (error) {
      // Not an answer: step 2 shows the problem in place of the phone.
      if (!(error instanceof Refusal)) throw error
      return { phoneOnFile: true, phoneProblem: error.message }
    }
  }

  async #pending(graduateId: number | undefined) {
    if (!graduateId) return null
    return Graduate.query().where('id', graduateId).preload('school').first()
  }
}
