import type { HttpContext } from '@adonisjs/core/http'
import { employerRegistrationValidator } from '#core/employer/validators'
import employerAccounts from '#core/employer/services/employer_accounts'
import { validateEmployerForm } from '#core/employer/messages'
import { FieldErrors } from '#core/http/refusal'
import { minutesLeft, normaliseAccount, Throttle } from '#core/accounts/services/login_throttle'
import limiter from '@adonisjs/limiter/services/main'
import { formOnce } from '#core/http/form_token'

/** At most 5 registrations per hour from one address (counted in the shared store). */
export const registrationLimiter = () => limiter.use({ requests: 5, duration: '1 hour' })

/** 单位注册: company, 统一社会信用代码, contact, login e-mail and password, 营业执照. */
export default class RegistrationController {
  async show({ view }: HttpContext) {
    return view.render('pages/employer/register')
  }

  async store(ctx: HttpContext) {
    const data = await validateEmployerForm(ctx, employerRegistrationValidator)
    if (!data) return
    // Successful registrations per address, and every validated attempt per credit code / e-mail
    // (any address), per address, and per both: probing which codes are registered is limited too.
    const throttle = registrationLimiter()
    const key = `employer-register:${ctx.request.ip()}`
    const attempts = new Throttle(
      'registration',
      [`uscc:${normaliseAccount(data.uscc)}`, `email:${normaliseAccount(data.email)}`],
      ctx.request.ip()
    )
    const wait =
      (await throttle.remaining(key)) <= 0
        ? Math.max(1, await throttle.availableIn(key))
        : await attempts.waitSeconds()
    if (wait > 0) {
      throw new FieldErrors(
        { company_name: `注册过于频繁，请 ${minutesLeft(wait)} 分钟后再试` },
        { code: 'too_many_attempts', status: 429 }
      )
    }
    await attempts.hit()
    // The registration sent twice (double click) registers once; the second goes to the login.
    return formOnce(ctx, '/employer/login', async (created) => {
      const { user } = await employerAccounts.register(data, data.licence)
      created('/employer')
      await throttle.increment(key)
      await ctx.auth.use('web').login(user)
      ctx.session.regenerate()
      ctx.session.flash('success', '注册成功，单位信息已提交审核')
      return ctx.response.redirect().toRoute('employer.home')
    })
  }
}
