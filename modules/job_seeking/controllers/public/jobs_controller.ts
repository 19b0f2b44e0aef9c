import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import Employer from '#core/accounts/models/employer'
import { page } from '#core/http/htmx'
import { renderWidgets } from '#core/portal/widgets'
import jobSearch, { type JobFilters } from '#modules/job_seeking/services/job_search'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import applications from '#modules/job_seeking/services/applications'
import jobDirectory from '#modules/job_seeking/services/job_directory'
import { chrome, currentStudent } from '#modules/job_seeking/controllers/chrome'
import { Refusal } from '#core/http/refusal'
import { queryPage } from '#core/http/query'

const FILTER_KEYS = ['keyword', 'city', 'industry', 'nature', 'category', 'salary', 'sort'] as const

/** 招聘职位: public list (keyword, filters, sorting, 更多 paging), detail and company page. */
export default class JobsController {
  async index(ctx: HttpContext) {
    const filters: JobFilters = {}
    for (const key of FILTER_KEYS) {
      const value = String(ctx.request.input(key, '') ?? '')
        .trim()
        .slice(0, 50)
      if (value) (filters as any)[key] = value
    }
    filters.page = queryPage(ctx.request.input('page'))
    const basePath = router.makeUrl(
      ctx.request.url().startsWith(router.makeUrl('student.home')) ? 'student.jobs' : 'jobs.index'
    )
    const result = await jobSearch.list(filters)
    const query = (overrides: Record<string, string | number | undefined>) => {
      const params = new URLSearchParams()
      for (const key of FILTER_KEYS)
        if ((filters as any)[key]) params.set(key, (filters as any)[key])
      for (const [k, v] of Object.entries(overrides)) {
        if (v === undefined || v === '') params.delete(k)
        else params.set(k, String(v))
      }
      const s = params.toString()
      return s ? `${basePath}?${s}` : basePath
    }
    const state = {
      ...(await chrome(ctx)),
      filters,
      result,
      basePath,
      nextUrl: result.hasMore ? query({ page: result.page + 1 }) : null,
      prevUrl: result.page > 1 ? query({ page: result.page - 1 }) : null,
      options: await dictionaries.forForms(),
    }
    return page(
      ctx,
      'job_seeking::pages/public/jobs/index',
      state,
      'job_seeking::pages/public/jobs/_results'
    )
  }

  async show(ctx: HttpContext) {
    const job = await applications.findVisibleJob(ctx.params.id)
    if (!job) throw Refusal.notFound()
    const student = currentStudent(ctx)
    const state: Record<string, unknown> = {
      ...(await chrome(ctx)),
      job,
      closedReason: job.closedReason(job.employer.status),
      companyUrl: jobDirectory.companyUrl(job.employerId),
      favourite: false,
      application: null,
      resumes: [],
    }
    if (student) {
      state.favourite = await applications.isFavourite(student.id, job.id)
      state.application = await applications.existing(student.id, job.id)
      state.resumes = await applications.resumesOf(student.id)
    }
    return ctx.view.render('job_seeking::pages/public/jobs/show', state)
  }

  async company(ctx: HttpContext) {
    const employer = await Employer.query()
      .where('id', ctx.params.id)
      .where('status', 'verified')
      .firstOrFail()
    const jobs = await jobDirectory.openJobsOf(employer.id, 100)
    const sections = await renderWidgets(ctx, 'company.page', { employerId: employer.id })
    return ctx.view.render('job_seeking::pages/public/jobs/company', {
      ...(await chrome(ctx)),
      employer,
      jobs,
      sections,
    })
  }
}
