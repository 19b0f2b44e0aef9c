import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { Refusal } from '#core/http/refusal'
import { apiStudent, fromPaginator, idOf, iso } from '#core/api/http'
import { formatSalary } from '#core/ui/format'
import applications from '#modules/job_seeking/services/applications'
import interviews from '#modules/job_seeking/services/interviews'
import intentions from '#modules/job_seeking/services/intentions'
import resumes from '#modules/job_seeking/services/resumes'
import { sendPdf } from '#modules/job_seeking/controllers/student/resumes_controller'
import { intentionValidator } from '#modules/job_seeking/validators/job_validators'
import applicationMachine from '#modules/job_seeking/machines/job_application'
import InterviewInvitation from '#modules/job_seeking/models/interview_invitation'
import type Resume from '#modules/job_seeking/models/resume'
import {
  answerValidator,
  applyValidator,
  recordsQuery,
} from '#modules/job_seeking/controllers/api/schemas'

function resumeItem(r: Resume) {
  return {
    id: r.id,
    title: r.title,
    is_default: Boolean(r.isDefault),
    has_attachment: r.attachmentFileId !== null,
    updated_at: iso(r.updatedAt),
    pdf_url: router.makeUrl('api.me.resumes.pdf', { id: r.id }),
  }
}

function interviewItem(i: InterviewInvitation) {
  const job = i.application?.job
  return {
    id: i.id,
    application_id: i.applicationId,
    mode: i.mode,
    starts_at: iso(i.startsAt),
    place: i.place,
    video_link: i.videoLink,
    letter: i.letter,
    status: i.status,
    answered_at: iso(i.answeredAt),
    job: job ? { id: job.id, title: job.title } : null,
    employer: job?.employer ? { id: job.employer.id, name: job.employer.name } : null,
  }
}

/** 求职意向, 我的简历, 申请 / 收藏 and 求职记录 of the student behind the token. */
export default class StudentJobsApiController {
  async intention(ctx: HttpContext) {
    return { data: await this.#intention(apiStudent(ctx).id) }
  }

  async #intention(userId: number) {
    const { intention, terms } = await intentions.of(userId)
    return {
      type: intention?.type ?? null,
      job_nature: intention?.jobNature ?? null,
      cities: terms.city,
      categories: terms.category,
      industries: terms.industry,
      employer_natures: terms.nature,
      employer_scales: terms.scale,
      expected_salary: intention?.expectedSalary ?? null,
      subscribed: Boolean(intention?.subscribed),
      frequency: intention?.frequency ?? 'immediate',
      updated_at: iso(intention?.updatedAt ?? null),
    }
  }

  /** 求职意向 and 订阅设置: the page's validator and service (dictionary checks included). */
  async saveIntention(ctx: HttpContext) {
    const student = apiStudent(ctx)
    const data = await ctx.request.validateUsing(intentionValidator)
    await intentions.save(student, data)
    return { data: await this.#intention(student.id) }
  }

  async resumes(ctx: HttpContext) {
    const list = await resumes.listOf(apiStudent(ctx).id)
    return { data: list.map(resumeItem) }
  }

  async resumePdf(ctx: HttpContext) {
    const resume = await resumes.ownedBy(apiStudent(ctx).id, idOf(ctx))
    if (!resume) throw Refusal.notFound('job_seeking.refusals.resume_missing')
    return sendPdf(ctx, await resumes.withSections(resume))
  }

  async apply(ctx: HttpContext) {
    const student = apiStudent(ctx)
    const { resume_id: resumeId } = await ctx.request.validateUsing(applyValidator)
    const { job } = await applications.apply(student, idOf(ctx), resumeId ?? null)
    const application = await applications.existing(student.id, job.id)
    return {
      data: {
        id: application!.id,
        status: application!.status,
        status_label: applicationMachine.label(application!.status),
        job: { id: job.id, title: job.title },
      },
    }
  }

  /** 收藏职位 toggles, as the page's button does; the answer says the state after it. */
  async favourite(ctx: HttpContext) {
    const student = apiStudent(ctx)
    const favourite = await applications.toggleFavourite(student, idOf(ctx))
    return { data: { job_id: idOf(ctx), favourite } }
  }

  async applications(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(recordsQuery)
    const list = await applications.ofStudent(apiStudent(ctx).id, input.page ?? 1)
    return fromPaginator(list as any, (r: any) => ({
      id: r.id,
      status: r.status,
      status_label: applicationMachine.label(r.status),
      created_at: iso(r.created_at),
      job: { id: r.job_id, title: r.title, city: r.city },
      employer: { id: r.employer_id, name: r.employer_name },
      resume_title: r.resume_title ?? null,
    }))
  }

  async favourites(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(recordsQuery)
    const list = await applications.favouritesOf(apiStudent(ctx).id, input.page ?? 1)
    return fromPaginator(list as any, (r: any) => ({
      job: {
        id: r.job_id,
        title: r.title,
        city: r.city,
        salary: formatSalary(r.salary_min, r.salary_max),
        status: r.job_status,
      },
      employer_name: r.employer_name,
      application_id: r.application_id ?? null,
      created_at: iso(r.created_at),
    }))
  }

  async interviews(ctx: HttpContext) {
    const list = await interviews.ofStudent(apiStudent(ctx).id)
    return { data: list.map(interviewItem) }
  }

  /** 接受 / 拒绝 a pending invitation (another student's: 404 from the service's scoping). */
  async answer(ctx: HttpContext) {
    const student = apiStudent(ctx)
    const { answer } = await ctx.request.validateUsing(answerValidator)
    const mine = () =>
      InterviewInvitation.query()
        .where('id', idOf(ctx))
        .where('user_id', student.id)
        .preload('application', (q) => q.preload('job', (j) => j.preload('employer')))
        .first()
    if (!(await mine())) throw Refusal.notFound('job_seeking.refusals.interview_missing')
    await interviews.answer(student.id, idOf(ctx), answer)
    const updated = (await mine())!
    return { data: interviewItem(updated) }
  }
}
