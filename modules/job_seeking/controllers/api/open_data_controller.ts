import type { HttpContext } from '@adonisjs/core/http'
import { queryId } from '#core/http/query'
import { formatSalary } from '#core/ui/format'
import { text } from '#core/i18n/text'
import jobDirectory from '#modules/job_seeking/services/job_directory'
import {
  detailResult,
  openData,
  OpenDataError,
  pageResult,
  readOpenData,
  ymdhm,
} from '#core/api/open_data'
import jobSearch, {
  applyKeyword,
  PER_PAGE,
  visibleJobs,
} from '#modules/job_seeking/services/job_search'
import applications from '#modules/job_seeking/services/applications'
import Job from '#modules/job_seeking/models/job'

/**
 * 91job-compatible 职位 (getZpgwPageList, getZpgwxq): the 招聘职位 search (20 a page, jobs are
 * province-wide) and its visibility rule for the total; `keyword` as on the page.
 */
export default class JobsOpenDataController {
  async jobs(ctx: HttpContext) {
    return openData(ctx, async () => {
      const request = await readOpenData(ctx)
      // The search pages by 20, as the page does; the answer says so in `size`.
      request.size = PER_PAGE
      const result = await jobSearch.list({
        page: request.current,
        keyword: request.keyword ?? undefined,
      })
      const counted = applyKeyword(visibleJobs(), request.keyword)
      const total = Number((await counted.count('* as total').first())?.total ?? 0)
      const details = new Map(
        (
          await Job.query()
            .whereIn(
              'id',
              result.items.map((j) => j.id)
            )
            .select('id', 'description', 'requirements', 'province')
        ).map((j) => [j.id, j])
      )
      const records = result.items.map((j) => ({
        zpgwid: String(j.id),
        zwmc: j.title,
        dwmc: j.employerName,
        xlyq: j.education ?? text('job_seeking.labels.unlimited'),
        // 需求专业: postings here carry no major list; their requirements text says it if any.
        xqzy: details.get(j.id)?.requirements ?? '',
        zwms: details.get(j.id)?.description ?? '',
        gzdd: j.city,
        xzdy: j.salaryText,
        zwlb: j.category,
        fbsj: ymdhm(j.publishedAt as any),
        url: jobDirectory.jobUrl(j.id),
      }))
      return pageResult(records, total, request)
    })
  }

  async job(ctx: HttpContext) {
    return openData(ctx, async () => {
      const job = await applications.findVisibleJob(queryId(ctx.request.input('zpgwid')) ?? 0)
      if (!job || job.closedReason(job.employer.status)) {
        throw new OpenDataError(404, text('job_seeking.refusals.job_gone'))
      }
      return detailResult({
        zpgwid: String(job.id),
        zwmc: job.title,
        dwmc: job.employer.name,
        xlyq: job.education ?? text('job_seeking.labels.unlimited'),
        xqzy: job.requirements ?? '',
        zwms: job.description ?? '',
        gzdd: `${job.province}${job.city}`,
        xzdy: formatSalary(job.salaryMin, job.salaryMax),
        zwlb: job.category,
        zprs: job.headcount,
        jzsj: ymdhm(job.deadline),
        fbsj: ymdhm(job.publishedAt),
        url: jobDirectory.jobUrl(job.id),
      })
    })
  }
}
