import type { HttpContext } from '@adonisjs/core/http'
import School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'
import activation, { ActivationError } from '#core/accounts/services/activation_service'
import verificationCodes from '#core/accounts/services/verification_codes'
import {
  activationLimiter,
  codeHourlyLimiter,
  codeLimiter,
  minutesLeft,
} from '#core/accounts/services/login_throttle'
import {
  activationStepOneValidator,
  activationStepTwoValidator,
  phoneValidator,
} from '#core/accounts/validators'

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
    const fail = (field: string, message: string) => {
      session.flashAll()
      session.flashErrors({ [field]: message })
      return response.redirect().back()
    }
    if (!schoolId) return fail('school_id', '请选择学校')

    const limiter = activationLimiter()
    const key = `activate:${request.ip()}`
    if (await limiter.isBlocked(key)) {
      return fail(
        'student_number',
        `尝试次数过多，请 ${minutesLeft(await limiter.availableIn(key))} 分钟后再试`
      )
    }
    try {
      const graduate = await activation.findActivatable(schoolId, data.student_number, data.name)
      session.put(SESSION_KEY, graduate.id)
      return response.redirect('/activate/password')
    } catch (error) {
      if (!(error instanceof ActivationError)) throw error
      await limiter.increment(key)
      return fail(error.field, error.message)
    }
  }

  async showStepTwo({ view, session, response }: HttpContext) {
    const graduate = await this.#pending(session.get(SESSION_KEY))
    if (!graduate) return response.redirect('/activate')
    return view.render('pages/auth/activate_step_two', { graduate })
  }

  /** 获取验证码 (htmx): one per minute per phone, ten per hour per IP. */
  async sendCode(ctx: HttpContext) {
    const { request, response, session, view } = ctx
    if (!session.get(SESSION_KEY))
      return response
        .status(400)
        .send(view.renderSync('partials/code_status', { error: '请先完成第一步' }))
    const validation = await phoneValidator.tryValidate(request.all(), {
      messagesProvider: ctx.i18n.createMessagesProvider(),
    })
    if (validation[0]) {
      return response
        .status(422)
        .send(await view.render('partials/code_status', { error: '请输入正确的 11 位手机号码' }))
    }
    const phone = validation[1]!.phone
    const perPhone = codeLimiter()
    const perIp = codeHourlyLimiter()
    if (
      (await perPhone.isBlocked(`code:${phone}`)) ||
      (await perPhone.remaining(`code:${phone}`)) <= 0
    ) {
      return response.status(429).send(
        await view.render('partials/code_status', {
          error: `验证码已发送，请 ${await perPhone.availableIn(`code:${phone}`)} 秒后再试`,
        })
      )
    }
    if ((await perIp.remaining(`code-ip:${request.ip()}`)) <= 0) {
      return response.status(429).send(
        await view.render('partials/code_status', {
          error: `获取验证码过于频繁，请 ${minutesLeft(await perIp.availableIn(`code-ip:${request.ip()}`))} 分钟后再试`,
        })
      )
    }
    await perPhone.increment(`code:${phone}`)
    await perIp.increment(`code-ip:${request.ip()}`)
    await verificationCodes.send(phone, 'activation')
    return view.render('partials/code_status', { sent: true, phone })
  }

  async storeStepTwo({ request, response, session }: HttpContext) {
    const graduate = await this.#pending(session.get(SESSION_KEY))
    if (!graduate) return response.redirect('/activate')
    const data = await request.validateUsing(activationStepTwoValidator)
    try {
      await activation.activate(graduate.id, data)
    } catch (error) {
      if (!(error instanceof ActivationError)) throw error
      session.flashExcept(['password', 'password_confirmation'])
      session.flashErrors({ [error.field]: error.message })
      return response.redirect().back()
    }
    session.forget(SESSION_KEY)
    session.flash('success', '账号激活成功，请使用学号和密码登录')
    return response.redirect(
      `/login?school=${graduate.schoolId}&number=${encodeURIComponent(graduate.studentNumber)}`
    )
  }

  async #pending(graduateId: number | undefined) {
    if (!graduateId) return null
    return Graduate.query().where('id', graduateId).preload('school').first()
  }
}
