import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import recommendationService, {
  RECOMMENDATION_FIELDS,
} from '#modules/procedures/services/recommendation_service'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'
import { act } from '#modules/procedures/controllers/form_action'
import {
  RECOMMENDATION_LABELS,
  recommendationValidator,
} from '#modules/procedures/validators/recommendation'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/** 就业推荐表申请 (rule 11) */
export default class RecommendationController {
  async show(ctx: HttpContext) {
    const state = await recommendationService.view(ctx.auth.use('web').user!)
    return ctx.view.render('procedures::pages/student/recommendation', {
      ...state,
      fields: RECOMMENDATION_FIELDS,
      labels: REVIEW_LABELS,
    })
  }

  async save(ctx: HttpContext) {
    const submit = ctx.request.input('intent') === 'submit'
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(recommendationValidator, {
          messagesProvider: proceduresMessages(ctx, 'recommendation', RECOMMENDATION_LABELS),
        })
        await recommendationService.save(ctx.auth.use('web').user!, data, submit)
      },
      submit ? 'procedures.toasts.recommendation_submitted' : 'procedures.toasts.saved',
      router.makeUrl('procedures.recommendation')
    )
  }
}
