import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import signingService, {
  CERTIFICATE_CATEGORIES,
} from '#modules/procedures/services/signing_service'
import { INVITATION_LABELS } from '#modules/procedures/services/state_machines'
import { provinceProcedures } from '#modules/procedures/services/settings'
import { HUKOU_MIGRATIONS } from '#modules/procedures/services/registration'
import { act } from '#modules/procedures/controllers/form_action'
import {
  acceptInvitationValidator,
  rejectInvitationValidator,
} from '#modules/procedures/validators/signing'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/** 网上签约 (rule 12), the student side: list, 查看详情, 接受 / 拒绝. */
export default class StudentSigningController {
  async index(ctx: HttpContext) {
    const state = await signingService.listForStudent(ctx.auth.use('web').user!)
    const signed = state.invitations.some((i) => i.status === 'accepted')
    return ctx.view.render('procedures::pages/student/signing_index', {
      ...state,
      signed,
      labels: INVITATION_LABELS,
    })
  }

  async show(ctx: HttpContext) {
    const state = await signingService.showForStudent(ctx.auth.use('web').user!, ctx.params.id)
    const { mode } = await provinceProcedures(state.graduate.schoolId)
    return ctx.view.render('procedures::pages/student/signing_show', {
      ...state,
      // An answered invitation shows what it was made under; a pending one follows the province.
      mode: state.invitation.status === 'pending' ? mode : state.invitation.proceduresMode,
      labels: INVITATION_LABELS,
      categories: CERTIFICATE_CATEGORIES,
      hukouMigrations: HUKOU_MIGRATIONS,
    })
  }

  async accept(ctx: HttpContext) {
    const id = ctx.params.id
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(acceptInvitationValidator, {
          messagesProvider: proceduresMessages(ctx, 'signing_accept'),
        })
        await signingService.accept(ctx.auth.use('web').user!, id, data)
      },
      'procedures.toasts.signing_accepted',
      router.makeUrl('procedures.signing.show', { id }),
      router.makeUrl('procedures.signing.show', { id })
    )
  }

  async reject(ctx: HttpContext) {
    const id = ctx.params.id
    return act(
      ctx,
      async () => {
        const { reason } = await ctx.request.validateUsing(rejectInvitationValidator, {
          messagesProvider: proceduresMessages(ctx, 'signing_reject'),
        })
        await signingService.reject(ctx.auth.use('web').user!, id, reason ?? null)
      },
      'procedures.toasts.signing_rejected',
      router.makeUrl('procedures.signing.show', { id }),
      router.makeUrl('procedures.signing.show', { id })
    )
  }
}
