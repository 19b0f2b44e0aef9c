import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Termination from '#modules/procedures/models/termination'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import terminationService, {
  TERMINATION_REASONS,
} from '#modules/procedures/services/termination_service'
import { TERMINATION_LABELS } from '#modules/procedures/services/state_machines'
import { act } from '#modules/procedures/controllers/form_action'
import { authorizeOr404 } from '#core/authorization/authorize_or_404'
import {
  employerTerminationValidator,
  employerTerminationAnswerValidator,
} from '#modules/procedures/validators/termination'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/** 解约办理, the employer side: answer a student's request, or start one. */
export default class EmployerTerminationController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('actForEmployer', user.employerId!)
    // `?status=pending_employer`: the requests awaiting this employer (单位中心 to-do).
    const requested = String(ctx.request.input('status', ''))
    const status = requested in TERMINATION_LABELS ? requested : ''
    const [terminations, plans] = await Promise.all([
      Termination.query()
        .where('employer_id', user.employerId!)
        .if(status, (q) => q.where('status', status))
        .preload('graduate')
        .preload('plan')
        .orderBy('id', 'desc')
        .limit(100),
      EmploymentPlan.query()
        .where('employer_id', user.employerId!)
        .where('signing_type', 'online')
        .whereNot('status', 'cancelled')
        .preload('graduate')
        .orderBy('id', 'desc'),
    ])
    // Open requests block a second one on the same plan, whatever the list is filtered to.
    const open = status
      ? await Termination.query()
          .where('employer_id', user.employerId!)
          .whereNotNull('open_key')
          .select('plan_id')
      : terminations.filter((t) => t.openKey)
    const openPlanIds = new Set(open.map((t) => t.planId))
    return ctx.view.render('procedures::pages/employer/terminations', {
      terminations,
      plans,
      openPlanIds: [...openPlanIds],
      status,
      labels: TERMINATION_LABELS,
      reasons: TERMINATION_REASONS,
    })
  }

  async show(ctx: HttpContext) {
    const termination = await Termination.query()
      .where('id', ctx.params.id)
      .whereNotNull('employer_id')
      .preload('graduate')
      .preload('plan')
      .firstOrFail()
    await authorizeOr404(ctx.bouncer, 'actForEmployer', termination.employerId!)
    return ctx.view.render('procedures::pages/employer/termination_show', {
      termination,
      labels: TERMINATION_LABELS,
    })
  }

  async answer(ctx: HttpContext) {
    const id = ctx.params.id
    const agree = ctx.request.input('decision') === 'agree'
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(employerTerminationAnswerValidator, {
          messagesProvider: proceduresMessages(ctx, 'termination'),
        })
        await terminationService.employerAnswer(
          ctx.auth.use('web').user!,
          id,
          data.decision === 'agree',
          data.comment ?? null
        )
      },
      agree
        ? 'procedures.toasts.termination_agreed_employer'
        : 'procedures.toasts.termination_disagreed_employer',
      router.makeUrl('procedures.employer.terminations.show', { id })
    )
  }

  async start(ctx: HttpContext) {
    const planId = ctx.params.id
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(employerTerminationValidator, {
          messagesProvider: proceduresMessages(ctx, 'termination'),
        })
        await terminationService.fileByEmployer(ctx.auth.use('web').user!, planId, data)
      },
      'procedures.toasts.termination_sent',
      router.makeUrl('procedures.employer.terminations')
    )
  }
}
