import type { HttpContext } from '@adonisjs/core/http'
import { readFile } from 'node:fs/promises'
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

const PAGE = '/school/procedures/national'

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
      if (!preview) throw Refusal.notFound('导入记录不存在，请重新上传文件')
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
    const name = `毕业去向登记${year ? `-${year}届` : ''}.${format}`
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
    if (!file) error = '请选择要导入的回传文件（CSV 或 Excel .xlsx）'
    else if (!file.isValid)
      error =
        file.errors[0]?.type === 'size'
          ? '文件不能超过 10MB'
          : '文件内容不是 CSV 或 Excel（.xlsx）格式，请检查后重新上传'
    if (error || !file?.tmpPath) {
      ctx.response.status(422)
      return this.#page(ctx, { error: error ?? '文件上传失败，请重试' })
    }
    try {
      const preview = await new NationalImportService(user).preview(
        await readFile(file.tmpPath),
        file.clientName
      )
      return redirectTo(ctx, `${PAGE}?id=${preview!.id}`)
    } catch (e) {
      if (!(e instanceof ImportFileError)) throw e
      ctx.response.status(422)
      return this.#page(ctx, { error: e.message })
    }
  }

  async confirm(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const service = new NationalImportService(user)
    const id = queryId(ctx.request.input('id'))
    if (!(await service.find(id))) throw Refusal.notFound('导入记录不存在，请重新上传文件')
    const result = await service.confirm(id)
    ctx.session.flash(result.ok ? 'success' : 'error', result.message)
    return redirectTo(ctx, result.ok ? PAGE : `${PAGE}?id=${id}`)
  }
}
