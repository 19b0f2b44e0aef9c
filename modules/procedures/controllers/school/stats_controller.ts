import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import type User from '#core/accounts/models/user'
import School from '#core/tenancy/models/school'
import {
  cohortYears,
  defaultYear,
  drillDown,
  perSchoolStats,
  rateStats,
  statsVersion,
  toCsv,
  toXlsx,
  weeklyTrend,
  UNREGISTERED,
  UNKNOWN_GROUP,
  type StatsFilters,
} from '#modules/procedures/services/stats_service'
import { FORMULA_GROUPS } from '#modules/procedures/services/destination_codes'
import { queryId, queryInt, queryPage } from '#core/http/query'
import db from '@adonisjs/lucid/services/db'
import { scopeToActor } from '#core/tenancy/school_scope'

type Area = 'school' | 'province'

/**
 * 就业统计 by the current rates: school staff see their school (a college teacher: their college);
 * the province sees all schools or one. Page, CSV/XLSX export and drill-down share one filter.
 */
export default class StatsController {
  async school(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const school = await School.find(user.schoolId)
    return this.#render(ctx, user, {
      area: 'school',
      schoolId: user.schoolId,
      scopeName: `${school?.name ?? ''}${user.college ? ' ' + user.college : ''}`,
      schools: null,
    })
  }

  async province(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageProvince')
    const schools = await School.query().orderBy('name')
    const asked = queryId(ctx.request.input('school_id'))
    // A school id that is not a school reads as none (全省).
    const schoolId = schools.some((s) => s.id === asked) ? asked : null
    return this.#render(ctx, user, {
      area: 'province',
      schoolId,
      scopeName: schoolId
        ? schools.find((s) => s.id === schoolId)!.name
        : text('procedures.stats.province'),
      schools,
    })
  }

  /** The filters of the query string, each bounded to the values the scope has. */
  async #filters(ctx: HttpContext, user: User, schoolId: number | null) {
    const years = await cohortYears(user, schoolId)
    const askedYear = queryInt(ctx.request.input('year'))
    const year =
      askedYear && years.includes(askedYear) ? askedYear : await defaultYear(user, schoolId)
    const options = await this.#units(user, schoolId, year)
    const college = String(ctx.request.input('college') ?? '')
    const major = String(ctx.request.input('major') ?? '')
    const filters: StatsFilters = {
      schoolId: user.kind === 'admin' ? schoolId : null,
      year,
      college: options.colleges.includes(college) ? college : null,
      major: options.majors.includes(major) ? major : null,
    }
    return { filters, years, ...options }
  }

  async #units(user: User, schoolId: number | null, year: number | null) {
    const q = scopeToActor(db.from('graduates as g'), user, {
      school: 'g.school_id',
      college: 'g.college',
    })
    if (user.kind === 'admin' && schoolId) q.where('g.school_id', schoolId)
    if (year) q.where('g.graduation_year', year)
    const rows = await q.clone().distinct('g.college', 'g.major').orderBy('g.college')
    const colleges = [...new Set(rows.map((r: any) => r.college).filter(Boolean))] as string[]
    const majors = [...new Set(rows.map((r: any) => r.major).filter(Boolean))] as string[]
    return { colleges, majors }
  }

  async #render(
    ctx: HttpContext,
    user: User,
    scope: { area: Area; schoolId: number | null; scopeName: string; schools: School[] | null }
  ) {
    const base = router.makeUrl(`procedures.${scope.area}.stats`)
    const studentsUrl = router.makeUrl(`procedures.${scope.area}.stats.students`)
    const { filters, years, colleges, majors } = await this.#filters(ctx, user, scope.schoolId)
    const version = await statsVersion(user.schoolId ?? null)
    const unitName = [filters.college, filters.major].filter(Boolean).join(' ')
    const title = text('procedures.stats.title', {
      scope: scope.scopeName,
      unit: unitName ? ' ' + unitName : '',
      year: filters.year ? text('procedures.stats.year', { year: String(filters.year) }) : '',
    })
    const stats = await rateStats(user, filters, version)
    const format = ctx.params.format
    if (format === 'csv') return this.#csv(ctx, toCsv(stats, title))
    if (format === 'xlsx') return this.#xlsx(ctx, await toXlsx(stats, title))
    const trend = await weeklyTrend(user, filters, version)
    const query = new URLSearchParams()
    if (filters.year) query.set('year', String(filters.year))
    if (user.kind === 'admin' && scope.schoolId) query.set('school_id', String(scope.schoolId))
    if (filters.college) query.set('college', filters.college)
    if (filters.major) query.set('major', filters.major)
    const qs = query.toString()
    const drill = (extra: Record<string, string>) =>
      `${studentsUrl}?${new URLSearchParams({ ...Object.fromEntries(query), ...extra })}`
    // The charts read this block (`<script type="application/json">`, public/js/charts.js).
    const chartData = {
      colleges: stats.byCollege.map((u) => ({
        name: u.college,
        rate: u.rate,
        groups: stats.groups
          .filter((g) => g.placed)
          .map((g) => ({ label: g.label, rate: u.groups[g.key].rate })),
      })),
      trend: trend.map((p) => ({ week: p.week, rate: p.rate, placed: p.placed })),
      distribution: stats.groupRates
        .filter((g) => g.count > 0)
        .map((g) => ({ name: g.label, value: g.count }))
        .concat(
          stats.codeRows.at(-1)!.count
            ? [{ name: text('procedures.stats.unregistered'), value: stats.codeRows.at(-1)!.count }]
            : []
        ),
      provinces: stats.provinces,
      cities: stats.cities,
    }
    return ctx.view.render('procedures::pages/school/stats', {
      stats,
      trend,
      title,
      version,
      filters,
      years,
      colleges,
      majors,
      qs,
      drill,
      UNREGISTERED,
      UNKNOWN_GROUP,
      formula: stats.groups
        .filter((g) => g.placed)
        .map((g) => text('procedures.stats.group_rate', { label: g.label }))
        .join(text('procedures.stats.formula_join')),
      chartJson: JSON.stringify(chartData)
        .replace(/</g, '\\u003c')
        .replace(/>/g, '\\u003e')
        .replace(/&/g, '\\u0026'),
      base,
      schools: scope.schools,
      perSchool: scope.schools ? await perSchoolStats(version, filters.year ?? null) : null,
      schoolId: user.kind === 'admin' ? scope.schoolId : null,
    })
  }

  /** The graduates behind one count (same cohort and scope as the table). */
  async schoolStudents(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    return this.#students(ctx, user, 'school', user.schoolId)
  }

  async provinceStudents(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await ctx.bouncer.authorize('manageProvince')
    const schools = await School.query().orderBy('name')
    const asked = queryId(ctx.request.input('school_id'))
    const schoolId = schools.some((s) => s.id === asked) ? asked : null
    return this.#students(ctx, user, 'province', schoolId)
  }

  async #students(ctx: HttpContext, user: User, area: Area, schoolId: number | null) {
    const base = router.makeUrl(`procedures.${area}.stats`)
    const studentsUrl = router.makeUrl(`procedures.${area}.stats.students`)
    const { filters } = await this.#filters(ctx, user, schoolId)
    const version = await statsVersion(user.schoolId ?? null)
    const groups = FORMULA_GROUPS[version]
    const rawCode = String(ctx.request.input('code') ?? '')
    const rawGroup = String(ctx.request.input('group') ?? '')
    const group = [...groups.map((g) => g.key), UNREGISTERED, UNKNOWN_GROUP].includes(rawGroup)
      ? rawGroup
      : null
    const code = /^\d{2,3}$/.test(rawCode) ? rawCode : null
    const page = queryPage(ctx.request.input('page'))
    const list = await drillDown(user, filters, version, { code, group }, page)
    const { destinationByCode } = await import('#modules/procedures/services/destination_codes')
    const label = code
      ? `${code} ${(await destinationByCode(code, version))?.name ?? ''}`
      : group === UNREGISTERED
        ? text('procedures.stats.unregistered')
        : group === UNKNOWN_GROUP
          ? text('procedures.stats.unknown_code')
          : group
            ? text('procedures.stats.group_basis', {
                label: groups.find((g) => g.key === group)!.label,
                version,
              })
            : text('procedures.stats.all_approved')
    const query = new URLSearchParams()
    if (filters.year) query.set('year', String(filters.year))
    if (user.kind === 'admin' && schoolId) query.set('school_id', String(schoolId))
    if (filters.college) query.set('college', filters.college)
    if (filters.major) query.set('major', filters.major)
    const back = `${base}?${query}`
    if (code) query.set('code', code)
    if (group) query.set('group', group)
    return ctx.view.render('procedures::pages/school/stats_students', {
      list,
      label,
      filters,
      back,
      pageUrl: (p: number) => `${studentsUrl}?${query}&page=${p}`,
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
