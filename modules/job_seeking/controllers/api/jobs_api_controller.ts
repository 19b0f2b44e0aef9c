import type { HttpContext } from '@adonisjs/core/http'
import Employer from '#core/accounts/models/employer'
import { Refusal } from '#core/http/refusal'
import { fromPaginator, idOf, iso, paged, updatedSince } from '#core/api/http'
import { formatSalary } from '#core/ui/format'
import jobSearch, {
  PER_PAGE,
  type JobFilters,
  type JobListItem,
} from '#modules/job_seeking/services/job_search'
import applications from '#modules/job_seeking/services/applications'
import jobDirectory from '#modules/job_seeking/services/job_directory'
import { companyListQuery, jobListQuery } from '#modules/job_seeking/controllers/api/schemas'

export function jobItem(j: JobListItem) {
  return {
    id: j.id,
    title: j.title,
    city: j.city,
    category: j.category,
    nature: j.nature,
    education: j.education,
    industry: j.industry,
    salary: j.salaryText,
    employer: { id: j.employerId, name: j.employerName },
    published_at: iso(j.publishedAt as any),
    updated_at: iso((j.updatedAt ?? null) as any),
    url: jobDirectory.jobUrl(j.id),
  }
}

function companyItem(e: Employer) {
  return {
    id: e.id,
    name: e.name,
    industry: e.industry,
    nature: e.nature,
    scale: e.scale,
    city: e.city,
    url: jobDirectory.companyUrl(e.id),
  }
}

/** 招聘职位 and company pages as JSON: the same search and visibility services. */
export default class JobsApiController {
  async index(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(jobListQuery)
    const filters: JobFilters = {
      keyword: input.keyword || undefined,
      city: input.city || undefined,
      industry: input.industry || undefined,
      nature: input.nature || undefined,
      category: input.category || undefined,
      salary: input.salary || undefined,
      sort: input.sort,
      page: input.page ?? 1,
      updatedSince: updatedSince(input.updated_since),
    }
    const result = await jobSearch.list(filters)
    // Like the page: no exact total (costly for common terms), `has_more` tells about the next page.
    return paged(result.items.map(jobItem), {
      page: result.page,
      perPage: PER_PAGE,
      hasMore: result.hasMore,
    })
  }

  async show(ctx: HttpContext) {
    const job = await applications.findVisibleJob(idOf(ctx))
    if (!job) throw Refusal.notFound('job_seeking.refusals.job_missing')
    return {
      data: {
        id: job.id,
        title: job.title,
        city: job.city,
        category: job.category,
        nature: job.nature,
        education: job.education,
        industry: job.industry,
        salary: formatSalary(job.salaryMin, job.salaryMax),
        employer: { id: job.employer.id, name: job.employer.name },
        published_at: iso(job.publishedAt),
        updated_at: iso(job.updatedAt),
        url: jobDirectory.jobUrl(job.id),
        province: job.province,
        headcount: job.headcount,
        requirements: job.requirements,
        description: job.description,
        deadline: iso(job.deadline),
        status: job.status,
        closed_reason: job.closedReason(job.employer.status),
      },
    }
  }

  /** Companies with a company page: verified employers (as /companies/:id). */
  async companies(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(companyListQuery)
    const list = await Employer.query()
      .where('status', 'verified')
      .orderBy('name', 'asc')
      .orderBy('id', 'asc')
      .paginate(input.page ?? 1, input.per_page ?? 20)
    return fromPaginator(list, companyItem)
  }

  async company(ctx: HttpContext) {
    const employer = await Employer.find(idOf(ctx))
    if (!employer || employer.status !== 'verified')
      throw Refusal.notFound('job_seeking.refusals.company_missing')
    const jobs = await jobDirectory.openJobsOf(employer.id, 100)
    return {
      data: {
        ...companyItem(employer),
        description: employer.intro,
        jobs: jobs.map((j) => ({ id: j.id, title: j.title, city: j.city, salary: j.salaryText })),
      },
    }
  }
}
