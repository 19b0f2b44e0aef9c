import type { HttpContext } from '@adonisjs/core/http'
import Employer from '#core/accounts/models/employer'
import router from '@adonisjs/core/services/router'
import { toast } from '#core/http/htmx'
import { text } from '#core/i18n/text'
import Job from '#modules/job_seeking/models/job'
import jobPosting from '#modules/job_seeking/services/job_posting'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { jobValidator } from '#modules/job_seeking/validators/job_validators'
import { messagesProvider } from '#modules/job_seeking/validators/messages'
import { actor } from '#modules/job_seeking/controllers/chrome'
import { formOnce } from '#core/http/form_token'

/**
 * 发布职位 and saving 编辑 of 职位管理 (the list, the job's record page, its 编辑 page and
 * 停止招聘 / 重新开放 are the admin resource `modules/job_seeking/admin/jobs_resource`).
 * Refusals (a field outside the dictionaries, an unverified employer) answer themselves: errors
 * beside the fields with the old input.
 */
export default class EmployerJobsController {
  async employer(ctx: HttpContext) {
    return Employer.findOrFail(actor(ctx).employerId)
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
    const list = router.makeUrl('employer.jobs.index')
    return formOnce(ctx, list, async (created) => {
      const job = await jobPosting.create(employer, data)
      created(list)
      toast(ctx, text('job_seeking.flash.job_published', { title: job.title }))
      return ctx.response.redirect().toRoute('employer.jobs.index')
    })
  }

  async update(ctx: HttpContext) {
    // Another employer's job does not exist here (404).
    const job = await Job.query()
      .where('id', ctx.params.id)
      .where('employer_id', actor(ctx).employerId!)
      .firstOrFail()
    const data = await ctx.request.validateUsing(jobValidator, { messagesProvider })
    await jobPosting.update(job, data)
    toast(ctx, text('job_seeking.flash.job_saved'))
    return ctx.response.redirect().toRoute('employer.jobs.index')
  }
}
