import type { HttpContext } from '@adonisjs/core/http'
import { authorizeOr404 } from '#core/authorization/authorize_or_404'
import { viewResume } from '#modules/job_seeking/policies/resume_policy'
import { toast } from '#core/http/htmx'
import { text } from '#core/i18n/text'
import { Refusal } from '#core/http/refusal'
import JobApplication, { type ApplicationStatus } from '#modules/job_seeking/models/job_application'
import applicationMachine from '#modules/job_seeking/machines/job_application'
import applications from '#modules/job_seeking/services/applications'
import interviews from '#modules/job_seeking/services/interviews'
import resumes from '#modules/job_seeking/services/resumes'
import { interviewValidator } from '#modules/job_seeking/validators/job_validators'
import { messagesProvider } from '#modules/job_seeking/validators/messages'
import {
  sendAttachment,
  sendPdf,
} from '#modules/job_seeking/controllers/student/resumes_controller'
import { actor } from '#modules/job_seeking/controllers/chrome'

/**
 * 应聘管理's forms and files: status changes and interview invitations from 应聘详情, and the
 * resume as PDF or attachment (the list and 应聘详情 itself are the admin resource
 * `modules/job_seeking/admin/applications_resource`).
 */
export default class EmployerApplicationsController {
  /** An application to one of the employer's jobs (another employer's: 404). */
  async own(ctx: HttpContext) {
    return JobApplication.query()
      .where('id', ctx.params.id)
      .where('employer_id', actor(ctx).employerId!)
      .preload('job', (q) => q.preload('employer'))
      .preload('user', (q) => q.preload('graduate').preload('school'))
      .firstOrFail()
  }

  async status(ctx: HttpContext) {
    const application = await this.own(ctx)
    const to = String(ctx.request.input('status', '')) as ApplicationStatus
    // A transition the machine does not allow answers itself (toast, or flash + back).
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
    return ctx.response.redirect().toRoute('employer.applications.show', { id: application.id })
  }

  async invite(ctx: HttpContext) {
    const application = await this.own(ctx)
    const data = await ctx.request.validateUsing(interviewValidator, { messagesProvider })
    // A past time or a missing place: beside the field, with the old input (FieldErrors).
    await interviews.invite(application, data, {
      jobTitle: application.job.title,
      employerName: application.job.employer.name,
    })
    toast(ctx, text('job_seeking.flash.interview_sent'))
    return ctx.response.redirect().toRoute('employer.applications.show', { id: application.id })
  }

  /** The resume the student applied with (online as PDF, or the attachment). */
  async resumeFile(ctx: HttpContext, kind: 'pdf' | 'attachment') {
    const application = await this.own(ctx)
    const resume = application.resumeId
      ? await resumes.ownedBy(application.userId, application.resumeId)
      : null
    if (!resume) throw Refusal.notFound()
    await authorizeOr404(ctx.bouncer, viewResume, resume)
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
