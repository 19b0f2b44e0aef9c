import type { HttpContext } from '@adonisjs/core/http'
import Employer from '#core/accounts/models/employer'
import router from '@adonisjs/core/services/router'
import { toast } from '#core/http/htmx'
import { text } from '#core/i18n/text'
import Job from '#modules/job_seeking/models/job'
import jobPosting, { NotAllowed } from '#modules/job_seeking/services/job_posting'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { jobValidator } from '#modules/job_seeking/validators/job_validators'
import {
  backWithErrors,
  FieldError,
  messagesProvider,
} from '#modules/job_seeking/validators/messages'
import { actor, idParam } from '#modules/job_seeking/controllers/chrome'
import db from '@adonisjs/lucid/services/db'
import { queryPage } from '#core/http/query'
import { formOnce } from '#core/http/form_token'

/** 职位管理: the employer's own jobs only. */
export default class EmployerJobsController {
  async employer(ctx: HttpContext) {
    return Employer.findOrFail(actor(ctx).employerId)
  }

  async ownJob(ctx: HttpContext) {
    const job = await Job.query()
      .where('id', idParam(ctx))
      .where('employer_id', actor(ctx).employerId!)
      .first()
    if (!job) ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    return job
  }

  async index(ctx: HttpContext) {
    const employer = await this.employer(ctx)
    const jobs = await Job.query()
      .where('employer_id', employer.id)
      .orderBy('created_at', 'desc')
      .paginate(queryPage(ctx.request.input('page')), 20)
    jobs.baseUrl(router.makeUrl('employer.jobs'))
    const ids = jobs.all().map((j) => j.id)
    const counts = ids.length
      ? await db
          .from('job_applications')
          .whereIn('job_id', ids)
          .groupBy('job_id')
          .select('job_id')
          .count('* as total')
      : []
    const applicants = Object.fromEntries(counts.map((c: any) => [c.job_id, Number(c.total)]))
    return ctx.view.render('job_seeking::pages/employer/jobs/index', { employer, jobs, applicants })
  }

  async create(ctx: HttpContext) {
    const employer = await this.employer(ctx)
    return ctx.view.render('job_seeking::pages/employer/jobs/form', {
      employer,
      job: null,
      options: await dictionaries.forForms(),
    })
  }

  async store(ctx: HttpContext) {
    const employer = await this.employer(ctx)
    const data = await ctx.request.validateUsing(jobValidator, { messagesProvider })
    // Two identical submits publish one job; the second is sent to the list.
    const list = router.makeUrl('employer.jobs')
    return formOnce(ctx, list, async (created) => {
      try {
        const job = await jobPosting.create(employer, data)
        created(list)
        toast(ctx, text('job_seeking.flash.job_published', { title: job.title }))
        return ctx.response.redirect().toRoute('employer.jobs')
      } catch (error) {
        if (error instanceof FieldError)
          return backWithErrors(ctx, { [error.field]: error.message })
        if (error instanceof NotAllowed) {
          ctx.session.flash('error', error.message)
          return ctx.response.redirect().back()
        }
        throw error
      }
    })
  }

  async edit(ctx: HttpContext) {
    const job = await this.ownJob(ctx)
    if (!job) return
    return ctx.view.render('job_seeking::pages/employer/jobs/form', {
      employer: await this.employer(ctx),
      job,
      options: await dictionaries.forForms(),
    })
  }

  async update(ctx: HttpContext) {
    const job = await this.ownJob(ctx)
    if (!job) return
    const data = await ctx.request.validateUsing(jobValidator, { messagesProvider })
    try {
      await jobPosting.update(job, data)
    } catch (error) {
      if (error instanceof FieldError) return backWithErrors(ctx, { [error.field]: error.message })
      throw error
    }
    toast(ctx, text('job_seeking.flash.job_saved'))
    return ctx.response.redirect().toRoute('employer.jobs')
  }

  async close(ctx: HttpContext) {
    const job = await this.ownJob(ctx)
    if (!job) return
    try {
      await jobPosting.close(job)
      toast(ctx, text('job_seeking.flash.job_closed', { title: job.title }))
    } catch (error) {
      if (!(error instanceof NotAllowed)) throw error
      toast(ctx, error.message, 'error')
    }
    return ctx.response.redirect().toRoute('employer.jobs')
  }

  async reopen(ctx: HttpContext) {
    const job = await this.ownJob(ctx)
    if (!job) return
    try {
      await jobPosting.reopen(job, await this.employer(ctx))
      toast(ctx, text('job_seeking.flash.job_reopened', { title: job.title }))
    } catch (error) {
      if (!(error instanceof NotAllowed)) throw error
      toast(ctx, error.message, 'error')
    }
    return ctx.response.redirect().toRoute('employer.jobs')
  }
}
