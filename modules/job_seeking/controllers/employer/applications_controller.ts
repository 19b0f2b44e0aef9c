import type { HttpContext } from '@adonisjs/core/http'
import { toast } from '#core/http/htmx'
import router from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import JobApplication, {
  APPLICATION_TRANSITIONS,
  applicationStatusLabels,
  type ApplicationStatus,
} from '#modules/job_seeking/models/job_application'
import applicationMachine from '#modules/job_seeking/machines/job_application'
import Job from '#modules/job_seeking/models/job'
import applications, { ApplyRefused } from '#modules/job_seeking/services/applications'
import interviews from '#modules/job_seeking/services/interviews'
import resumes from '#modules/job_seeking/services/resumes'
import { interviewValidator } from '#modules/job_seeking/validators/job_validators'
import {
  backWithErrors,
  FieldError,
  messagesProvider,
} from '#modules/job_seeking/validators/messages'
import {
  sendAttachment,
  sendPdf,
} from '#modules/job_seeking/controllers/student/resumes_controller'
import { actor, idParam } from '#modules/job_seeking/controllers/chrome'
import { INTERVIEW_FILTERS, type InterviewFilter } from '#modules/job_seeking/services/todos'
import { queryId, queryPage } from '#core/http/query'

/** 应聘管理: applicants per job, resume view, status changes, interview invitations. */
export default class EmployerApplicationsController {
  async index(ctx: HttpContext) {
    const employerId = actor(ctx).employerId!
    const jobId = queryId(ctx.request.input('job_id'))
    const status = String(ctx.request.input('status', '') ?? '')
    const query = JobApplication.query()
      .where('employer_id', employerId)
      .preload('job')
      .preload('user', (q) => q.preload('graduate').preload('school'))
      .orderBy('created_at', 'desc')
    if (jobId) query.where('job_id', jobId)
    if (status && applicationMachine.def.states.includes(status as ApplicationStatus))
      query.where('status', status)
    // `?interview=pending|upcoming`: the 单位中心 to-dos (one definition in services/todos).
    const interview = String(ctx.request.input('interview', '')) as InterviewFilter
    const filter = INTERVIEW_FILTERS[interview]
    const interviewLabel = filter ? text(filter.label) : null
    if (interviewLabel) INTERVIEW_FILTERS[interview].apply(query)
    const list = await query.paginate(queryPage(ctx.request.input('page')), 20)
    list.baseUrl(router.makeUrl('employer.applications')).queryString({
      job_id: jobId ?? '',
      status,
      ...(interviewLabel ? { interview } : {}),
    })
    const jobs = await Job.query()
      .where('employer_id', employerId)
      .orderBy('created_at', 'desc')
      .select('id', 'title')
    return ctx.view.render('job_seeking::pages/employer/applications/index', {
      list,
      jobs,
      jobId,
      status,
      statusLabels: applicationStatusLabels(),
      interview: interviewLabel ? interview : '',
      interviewLabel,
    })
  }

  async own(ctx: HttpContext) {
    const application = await JobApplication.query()
      .where('id', idParam(ctx))
      .where('employer_id', actor(ctx).employerId!)
      .preload('job', (q) => q.preload('employer'))
      .preload('user', (q) => q.preload('graduate').preload('school'))
      .first()
    if (!application) ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    return application
  }

  async show(ctx: HttpContext) {
    const application = await this.own(ctx)
    if (!application) return
    await applications.markViewed(application, application.job.title, application.job.employer.name)
    const resume = application.resumeId
      ? await resumes.ownedBy(application.userId, application.resumeId)
      : null
    if (resume) await resumes.withSections(resume)
    const invitations = await interviews.ofApplication(application.id)
    return ctx.view.render('job_seeking::pages/employer/applications/show', {
      application,
      resume,
      attachment: resume ? await resumes.attachmentOf(resume) : null,
      invitations,
      nextStatuses: APPLICATION_TRANSITIONS[application.status].filter((s) => s !== 'interview'),
      statusLabels: applicationStatusLabels(),
    })
  }

  async status(ctx: HttpContext) {
    const application = await this.own(ctx)
    if (!application) return
    const to = String(ctx.request.input('status', '')) as ApplicationStatus
    try {
      await applications.changeStatus(
        application,
        to,
        application.job.title,
        application.job.employer.name
      )
      toast(
        ctx,
        text('job_seeking.flash.application_marked', { status: applicationMachine.label(to) })
      )
    } catch (error) {
      if (!(error instanceof ApplyRefused)) throw error
      toast(ctx, error.message, 'error')
    }
    return ctx.response
      .redirect()
      .toRoute('job_seeking.employer.applications.show', { id: application.id })
  }

  async invite(ctx: HttpContext) {
    const application = await this.own(ctx)
    if (!application) return
    const data = await ctx.request.validateUsing(interviewValidator, { messagesProvider })
    try {
      await interviews.invite(application, data, {
        jobTitle: application.job.title,
        employerName: application.job.employer.name,
      })
      toast(ctx, text('job_seeking.flash.interview_sent'))
    } catch (error) {
      if (error instanceof FieldError) return backWithErrors(ctx, { [error.field]: error.message })
      if (!(error instanceof ApplyRefused)) throw error
      toast(ctx, error.message, 'error')
    }
    return ctx.response
      .redirect()
      .toRoute('job_seeking.employer.applications.show', { id: application.id })
  }

  /** The resume the student applied with (online as PDF, or the attachment). */
  async resumeFile(ctx: HttpContext, kind: 'pdf' | 'attachment') {
    const application = await this.own(ctx)
    if (!application) return
    const resume = application.resumeId
      ? await resumes.ownedBy(application.userId, application.resumeId)
      : null
    if (!resume || !(await resumes.canView(actor(ctx), resume))) {
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    }
    await resumes.withSections(resume)
    return kind === 'pdf' ? sendPdf(ctx, resume) : sendAttachment(ctx, resume)
  }

  resumePdf(ctx: HttpContext) {
    return this.resumeFile(ctx, 'pdf')
  }

  resumeAttachment(ctx: HttpContext) {
    return this.resumeFile(ctx, 'attachment')
  }
}
