import type { HttpContext } from '@adonisjs/core/http'
import { page, redirectTo, toast } from '#core/http/htmx'
import applications, { recordsUrl } from '#modules/job_seeking/services/applications'
import { Refusal } from '#core/http/refusal'
import interviews from '#modules/job_seeking/services/interviews'
import router from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import JobApplication, {
  applicationStatusLabels,
} from '#modules/job_seeking/models/job_application'
import { actor } from '#modules/job_seeking/controllers/chrome'
import { queryId, queryPage } from '#core/http/query'

const TABS = ['applications', 'interviews', 'favourites'] as const

/** 申请职位, 收藏职位 and 求职记录 (已投简历, 面试邀请, 我的收藏) of the student. */
export default class StudentApplicationsController {
  /** 申请职位: confirm, choosing a resume when there are several. */
  async create(ctx: HttpContext) {
    const student = actor(ctx)
    const job = await applications.findVisibleJob(ctx.params.id)
    if (!job) throw Refusal.notFound()
    const resumes = await applications.resumesOf(student.id)
    const existing = await applications.existing(student.id, job.id)
    return ctx.view.render('job_seeking::pages/student/applications/create', {
      job,
      resumes,
      existing,
      closedReason: job.closedReason(job.employer.status),
    })
  }

  async store(ctx: HttpContext) {
    const student = actor(ctx)
    const resumeId = queryId(ctx.request.input('resume_id'))
    // A refusal (closed job, no resume chosen …) answers itself: toast, or flash beside the field.
    const { job } = await applications.apply(student, ctx.params.id, resumeId)
    const message = text('job_seeking.flash.applied', { job: job.title })
    toast(ctx, message)
    // htmx follows with a full navigation (HX-Redirect): the flash shows there.
    ctx.session.flash('success', message)
    return redirectTo(ctx, recordsUrl('applications'))
  }

  /** 收藏职位 toggles in place (htmx swaps the button). */
  async favourite(ctx: HttpContext) {
    const student = actor(ctx)
    const jobId: number = ctx.params.id
    const favourite = await applications.toggleFavourite(student, jobId)
    toast(
      ctx,
      text(favourite ? 'job_seeking.flash.favourite_added' : 'job_seeking.flash.favourite_removed')
    )
    if (ctx.request.header('hx-request') === 'true') {
      return ctx.view.render('job_seeking::partials/favourite_button', { jobId, favourite })
    }
    return ctx.response.redirect().back()
  }

  /** A visitor who clicked 收藏职位 comes back here after logging in: back to the job. */
  async favouriteReturn(ctx: HttpContext) {
    return ctx.response.redirect().toRoute('jobs.show', { id: ctx.params.id })
  }

  /** 求职记录 with its three tabs, switched with htmx and linkable (?tab=). */
  async records(ctx: HttpContext) {
    const student = actor(ctx)
    const requested = String(ctx.request.input('tab', 'applications'))
    const tab = (TABS as readonly string[]).includes(requested) ? requested : 'applications'
    const pageNo = queryPage(ctx.request.input('page'))
    const state: Record<string, unknown> = { tab, statusLabels: applicationStatusLabels() }
    if (tab === 'interviews') {
      state.invitations = await interviews.ofStudent(student.id)
    } else {
      const list =
        tab === 'applications'
          ? await applications.ofStudent(student.id, pageNo)
          : await applications.favouritesOf(student.id, pageNo)
      list.baseUrl(router.makeUrl('student.records')).queryString({ tab })
      state.list = list
    }
    return page(
      ctx,
      'job_seeking::pages/student/records/index',
      state,
      'job_seeking::pages/student/records/_tab'
    )
  }

  /** One application of the student (never another student's: 404). */
  async showApplication(ctx: HttpContext) {
    const student = actor(ctx)
    const application = await JobApplication.query()
      .where('id', ctx.params.id)
      .where('user_id', student.id)
      .preload('job', (q) => q.preload('employer'))
      .preload('resume')
      .firstOrFail()
    const invitations = await interviews.ofApplication(application.id)
    return ctx.view.render('job_seeking::pages/student/applications/show', {
      application,
      invitations,
    })
  }

  /** The letter of an invitation (viewable in every state). */
  async showInvitation(ctx: HttpContext) {
    const student = actor(ctx)
    const invitation = await interviews.oneOfStudent(student.id, ctx.params.id)
    if (!invitation) throw Refusal.notFound()
    return page(
      ctx,
      'job_seeking::pages/student/records/invitation',
      { invitation },
      'job_seeking::partials/invitation_card'
    )
  }

  /** 接受 / 拒绝 (only while unanswered). */
  async answer(ctx: HttpContext) {
    const student = actor(ctx)
    const answer =
      ctx.request.input('answer') === 'accepted'
        ? 'accepted'
        : ctx.request.input('answer') === 'refused'
          ? 'refused'
          : null
    if (!answer) {
      toast(ctx, text('job_seeking.flash.answer_choose'), 'error')
      return ctx.response.redirect().back()
    }
    // Answered already (or meanwhile): the refusal answers itself (toast, or flash + back).
    await interviews.answer(student.id, ctx.params.id, answer)
    toast(ctx, text(`job_seeking.flash.answered_${answer}`))
    const invitation = await interviews.oneOfStudent(student.id, ctx.params.id)
    if (!invitation) throw Refusal.notFound()
    if (ctx.request.header('hx-request') === 'true') {
      return ctx.view.render('job_seeking::partials/invitation_card', { invitation })
    }
    return ctx.response
      .redirect()
      .toRoute('job_seeking.student.interviews.show', { id: invitation.id })
  }
}
