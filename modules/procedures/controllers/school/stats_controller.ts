import type { HttpContext } from '@adonisjs/core/http'
import School from '#core/tenancy/models/school'
import {
  destinationStats,
  perSchoolStats,
  toCsv,
  toXlsx,
} from '#modules/procedures/services/stats_service'
import { queryId, queryInt } from '#core/http/query'

/** 就业统计: school staff see their school (college-scoped: their college); the province sees all schools. */
export default class StatsController {
  async school(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const year = queryInt(ctx.request.input('year'))
    const stats = await destinationStats(user, { year })
    const school = await School.find(user.schoolId)
    const title = `${school?.name ?? ''}${user.college ? ' ' + user.college : ''} 毕业生去向统计${year ? `（${year}届）` : ''}`
    const format = ctx.params.format
    if (format === 'csv') return this.#csv(ctx, toCsv(stats.rows, title))
    if (format === 'xlsx') return this.#xlsx(ctx, await toXlsx(stats.rows, title))
    return ctx.view.render('procedures::school/stats', {
      stats,
      title,
      year,
      base: '/school/procedures/stats',
      schools: null,
      perSchool: null,
      schoolId: null,
    })
  }

  async province(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageProvince')
    const year = queryInt(ctx.request.input('year'))
    const schoolId = queryId(ctx.request.input('school_id'))
    const stats = await destinationStats(user, { year, schoolId })
    const schools = await School.query().orderBy('name')
    const title = `${schoolId ? (schools.find((s) => s.id === schoolId)?.name ?? '') : '全省'}毕业生去向统计${year ? `（${year}届）` : ''}`
    const format = ctx.params.format
    if (format === 'csv') return this.#csv(ctx, toCsv(stats.rows, title))
    if (format === 'xlsx') return this.#xlsx(ctx, await toXlsx(stats.rows, title))
    return ctx.view.render('procedures::school/stats', {
      stats,
      title,
      year,
      base: '/province/procedures/stats',
      schools,
      perSchool: await perSchoolStats(),
      schoolId,
    })
  }

  #csv(ctx: HttpContext, body: string) {
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header('Content-Disposition', `attachment; filename="destination-stats.csv"`)
    return body
  }

  #xlsx(ctx: HttpContext, body: Buffer) {
    ctx.response.header(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    ctx.response.header('Content-Disposition', `attachment; filename="destination-stats.xlsx"`)
    return body
  }
}
