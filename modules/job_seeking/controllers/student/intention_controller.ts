import type { HttpContext } from '@adonisjs/core/http'
import { toast } from '#core/http/htmx'
import { text } from '#core/i18n/text'
import intentions from '#modules/job_seeking/services/intentions'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { frequencyLabels, intentionTypeLabels } from '#modules/job_seeking/models/job_intention'
import { intentionValidator } from '#modules/job_seeking/validators/job_validators'
import { messagesProvider } from '#modules/job_seeking/validators/messages'
import { actor } from '#modules/job_seeking/controllers/chrome'

const asArray = (v: unknown) =>
  v === undefined || v === null || v === '' ? [] : Array.isArray(v) ? v : [v]

/** 求职意向管理 with 订阅设置. */
export default class IntentionController {
  async edit(ctx: HttpContext) {
    const { intention, terms } = await intentions.of(actor(ctx).id)
    return ctx.view.render('job_seeking::pages/student/intention/edit', {
      intention,
      terms,
      types: intentionTypeLabels(),
      frequencies: frequencyLabels(),
      options: await dictionaries.forForms(),
    })
  }

  async update(ctx: HttpContext) {
    // Multi-selects arrive as one value or several; the checkbox as on/absent.
    const raw = ctx.request.all()
    ctx.request.updateBody({
      ...ctx.request.body(),
      cities: asArray(raw.cities),
      categories: asArray(raw.categories),
      industries: asArray(raw.industries),
      employer_natures: asArray(raw.employer_natures),
      employer_scales: asArray(raw.employer_scales),
      subscribed: raw.subscribed === 'on' || raw.subscribed === '1' || raw.subscribed === 'true',
    })
    const data = await ctx.request.validateUsing(intentionValidator, { messagesProvider })
    // A value outside the dictionaries: FieldErrors, shown beside the field with the old input.
    await intentions.save(actor(ctx), data)
    toast(ctx, text('job_seeking.flash.intention_saved'))
    return ctx.response.redirect().toRoute('student.intention')
  }
}
