import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import School from '#core/tenancy/models/school'
import jobDirectory from '#modules/job_seeking/services/job_directory'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import signingService, {
  CERTIFICATE_CATEGORIES,
} from '#modules/procedures/services/signing_service'
import { INVITATION_LABELS } from '#modules/procedures/services/state_machines'
import { provinceProcedures } from '#modules/procedures/services/settings'
import { POSITION_CATEGORIES } from '#modules/procedures/services/registration'
import { act } from '#modules/procedures/controllers/form_action'
import { authorizeOr404 } from '#core/authorization/authorize_or_404'
import { queryPage } from '#core/http/query'
import { formOnce } from '#core/http/form_token'
import { sendInvitationValidators } from '#modules/procedures/validators/signing'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/** The fields that pick the student (and so the school whose mode the form follows). */
const SEND_MODE_FIELDS = ['mode', 'applicant_user_id', 'school_id']

/** 网上签约, the employer side: send an invitation, follow it, withdraw an unanswered one. */
export default class EmployerSigningController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('actForEmployer', user.employerId!)
    await signingService.expireDue({ employerId: user.employerId! })
    const status = String(ctx.request.input('status', ''))
    const query = SigningInvitation.query()
      .where('employer_id', user.employerId!)
      .preload('graduate')
      .orderBy('id', 'desc')
    if (status && status in INVITATION_LABELS) query.where('status', status)
    const invitations = await query.paginate(queryPage(ctx.request.input('page')), 20)
    invitations.baseUrl(router.makeUrl('procedures.employer.signing')).queryString({ status })
    const schools = await School.query().whereIn(
      'id',
      invitations.all().map((i) => i.schoolId)
    )
    return ctx.view.render('procedures::pages/employer/signing_index', {
      invitations,
      status,
      labels: INVITATION_LABELS,
      schoolName: (id: number) => schools.find((s) => s.id === id)?.name ?? '',
    })
  }

  async create(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('actForEmployer', user.employerId!)
    const [schools, applicants] = await Promise.all([
      School.query().orderBy('name'),
      jobDirectory.applicantsOf(user.employerId!),
    ])
    const seen = new Set<number>()
    const unique = applicants.filter((a) =>
      seen.has(a.userId) ? false : (seen.add(a.userId), true)
    )
    const { mode } = await provinceProcedures(null)
    return ctx.view.render('procedures::pages/employer/signing_new', {
      schools,
      applicants: unique,
      mode,
      positionCategories: POSITION_CATEGORIES,
      categories: CERTIFICATE_CATEGORIES,
      schoolName: (id: number) => schools.find((s) => s.id === id)?.name ?? '',
      preselect: String(ctx.request.input('applicant', '')),
    })
  }

  async store(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('actForEmployer', user.employerId!)
    let id = 0
    // The same invitation form sent twice sends one invitation; the second opens it.
    return formOnce(ctx, router.makeUrl('procedures.employer.signing'), (created) =>
      act(
        ctx,
        async () => {
          // The form differs by the student's school's mode (2021 报到证 / 2023+ 去向登记).
          const mode = await signingService.sendModeFor(ctx.request.only(SEND_MODE_FIELDS))
          const data = await ctx.request.validateUsing(sendInvitationValidators[mode], {
            messagesProvider: proceduresMessages(ctx, [`signing_send_${mode}`, 'signing_send']),
          })
          id = (await signingService.send(user, data)).id
          created(router.makeUrl('procedures.employer.signing.show', { id }))
        },
        'procedures.toasts.invitation_sent',
        () => router.makeUrl('procedures.employer.signing.show', { id }),
        router.makeUrl('procedures.employer.signing.new')
      )
    )
  }

  async show(ctx: HttpContext) {
    const id = ctx.params.id
    await signingService.expireIfDue(id)
    const invitation = await SigningInvitation.query()
      .where('id', id)
      .preload('graduate')
      .preload('employer')
      .firstOrFail()
    await authorizeOr404(ctx.bouncer, 'actForEmployer', invitation.employerId)
    const school = await School.find(invitation.schoolId)
    const plan =
      invitation.status === 'accepted'
        ? await EmploymentPlan.query()
            .where('invitation_id', invitation.id)
            .whereNot('status', 'cancelled')
            .first()
        : null
    return ctx.view.render('procedures::pages/employer/signing_show', {
      invitation,
      school,
      plan,
      labels: INVITATION_LABELS,
    })
  }

  async withdraw(ctx: HttpContext) {
    const id = ctx.params.id
    return act(
      ctx,
      () => signingService.withdraw(ctx.auth.use('web').user!, id),
      'procedures.toasts.invitation_withdrawn',
      router.makeUrl('procedures.employer.signing.show', { id })
    )
  }
}
