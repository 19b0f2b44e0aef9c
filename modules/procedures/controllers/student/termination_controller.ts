import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import files from '#core/files/file_service'
import terminationService, {
  TERMINATION_REASONS,
} from '#modules/procedures/services/termination_service'
import { TERMINATION_LABELS } from '#modules/procedures/services/state_machines'
import { act } from '#modules/procedures/controllers/form_action'
import {
  studentTerminationValidator,
  terminationAnswerValidator,
} from '#modules/procedures/validators/termination'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/** 解约办理 (rule 14), the student side. */
export default class StudentTerminationController {
  async show(ctx: HttpContext) {
    const state = await terminationService.view(ctx.auth.use('web').user!)
    return ctx.view.render('procedures::pages/student/termination', {
      ...state,
      reasons: TERMINATION_REASONS,
      labels: TERMINATION_LABELS,
    })
  }

  async store(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    return act(
      ctx,
      async () => {
        // Checked and stored by the service, only once the whole request is accepted.
        const data = await ctx.request.validateUsing(studentTerminationValidator, {
          messagesProvider: proceduresMessages(ctx, 'termination'),
        })
        const uploads = files.uploads(ctx.request, 'materials')
        await terminationService.fileByStudent(user, data, uploads)
      },
      'procedures.toasts.termination_filed',
      router.makeUrl('procedures.termination')
    )
  }

  async answer(ctx: HttpContext) {
    const agree = ctx.request.input('decision') === 'agree'
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(terminationAnswerValidator, {
          messagesProvider: proceduresMessages(ctx, 'termination'),
        })
        await terminationService.studentAnswer(
          ctx.auth.use('web').user!,
          ctx.params.id,
          data.decision === 'agree',
          data.comment ?? null
        )
      },
      agree
        ? 'procedures.toasts.termination_agreed_student'
        : 'procedures.toasts.termination_disagreed_student',
      router.makeUrl('procedures.termination')
    )
  }
}
