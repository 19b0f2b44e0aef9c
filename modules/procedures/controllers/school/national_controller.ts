import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import files, { FileRejectedError } from '#core/files/file_service'
import { IMPORT_SHEET_PURPOSE } from '#core/files/core_purposes'
import { Refusal } from '#core/http/refusal'
import { redirectTo } from '#core/http/htmx'
import { queryId, queryInt } from '#core/http/query'
import { ImportFileError } from '#core/registry/services/registry_import'
import {
  NationalImportService,
  NATIONAL_COLUMNS,
  auditExport,
  confirmedRegistrations,
  nationalCsv,
  nationalXlsx,
} from '#modules/procedures/services/national_service'
import { cohortYears, defaultYear, statsVersion } from '#modules/procedures/services/stats_service'
import {
  exportNationalRegistrations,
  NATIONAL_REFUSAL,
} from '#modules/procedures/policies/national_policy'

/** The page, or one previewed import on it. */
const page = (id?: unknown) =>
  router.makeUrl('procedures.school.national', [], id ? { qs: { id } } : undefined)

/**
 * 去向登记上报: the export for the national system (full 身份证号: school administrators only,
 * audited) and the import of its returned file (preview → confirm, all or nothing).
 */
export default class NationalController {
  async #authorize(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    if (!user.schoolId || (await ctx.bouncer.denies(exportNationalRegistrations, user.schoolId)))
      throw Refusal.forbidden(NATIONAL_REFUSAL)
    return user
  }

  async #page(ctx: HttpContext, extra: Record<string, unknown> = {}) {
    const user = ctx.auth.use('web').user!
    const years = await cohortYears(user, user.schoolId)
    const year = await defaultYear(user, user.schoolId)
    const version = await statsVersion(user.schoolId)
    const count = (await confirmedRegistrations(user.schoolId!, version, year)).length
    return ctx.view.render('procedures::pages/school/national', {
      columns: NATIONAL_COLUMNS,
      years,
      year,
      count,
      preview: null,
      error: null,
      ...extra,
    })
  }

  async show(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const id = ctx.request.input('id')
    if (id) {
      const preview = await new NationalImportService(user).find(id)
      if (!preview) throw Refusal.notFound('procedures.refusals.national_import_not_found')
      return this.#page(ctx, { preview })
    }
    return this.#page(ctx)
  }

  async export(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const years = await cohortYears(user, user.schoolId)
    const asked = queryInt(ctx.request.input('year'))
    const year = asked && years.includes(asked) ? asked : null
    const version = await statsVersion(user.schoolId)
    const rows = await confirmedRegistrations(user.schoolId!, version, year)
    const format = ctx.params.format === 'xlsx' ? 'xlsx' : 'csv'
    await auditExport(user, format, rows.length, year)
    const name = text('procedures.national.export_file', {
      year: year ? text('procedures.national.export_file_year', { year: String(year) }) : '',
      format,
    })
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="destination-registrations.${format}"; filename*=UTF-8''${encodeURIComponent(name)}`
    )
    // A full 身份证号 is in the body: no cache may keep it.
    ctx.response.header('Cache-Control', 'no-store')
    if (format === 'csv') {
      ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
      return nationalCsv(rows)
    }
    ctx.response.header(
      'Content-Type',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
    return nationalXlsx(rows)
  }

  async preview(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const file = ctx.request.file('file', {
      size: '10mb',
      extnames: ['csv', 'xlsx', 'CSV', 'XLSX'],
    })
    let error: string | null = null
    if (!file) error = text('procedures.national.import.choose_file')
    else if (!file.isValid)
      error = text(
        file.errors[0]?.type === 'size'
          ? 'procedures.national.import.file_too_large'
          : 'procedures.national.import.bad_format'
      )
    if (error) {
      ctx.response.status(422)
      return this.#page(ctx, { error })
    }
    try {
      const preview = await new NationalImportService(user).preview(
        await files.read(file, IMPORT_SHEET_PURPOSE),
        file!.clientName
      )
      return redirectTo(ctx, page(preview!.id))
    } catch (e) {
      if (!(e instanceof ImportFileError) && !(e instanceof FileRejectedError)) throw e
      ctx.response.status(422)
      return this.#page(ctx, { error: e.message })
    }
  }

  async confirm(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const service = new NationalImportService(user)
    const id = queryId(ctx.request.input('id'))
    if (!(await service.find(id)))
      throw Refusal.notFound('procedures.refusals.national_import_not_found')
    const result = await service.confirm(id)
    ctx.session.flash(result.ok ? 'success' : 'error', result.message)
    return redirectTo(ctx, result.ok ? page() : page(id))
  }
}
