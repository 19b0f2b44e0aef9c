import type { HttpContext } from '@adonisjs/core/http'
import files, { FileRejectedError } from '#core/files/file_service'
import { IMPORT_SHEET_PURPOSE } from '#core/files/core_purposes'
import { adminMenu } from '#core/admin/menu'
import { Refusal } from '#core/http/refusal'
import { redirectTo } from '#core/http/htmx'
import { queryId } from '#core/http/query'
import {
  COLUMNS,
  ImportFileError,
  RegistryImportService,
  templateCsv,
} from '#core/registry/services/registry_import'

/** 生源库导入: upload → preview with a per-row error report → confirm (all or nothing). */
export default class ImportController {
  async #state(ctx: HttpContext, extra: Record<string, unknown> = {}) {
    return {
      adminMenu: await adminMenu(ctx, 'school'),
      activeMenu: '/school/graduates',
      columns: COLUMNS,
      preview: null,
      error: null,
      recent: [],
      ...extra,
    }
  }

  async #authorize(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    // College-scoped teachers may import their own college's students (checked per row).
    await ctx.bouncer.authorize('manageStudentRecord', {
      schoolId: user.schoolId!,
      college: user.college,
    })
    return user
  }

  async show(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const id = ctx.request.input('id')
    const service = new RegistryImportService(user)
    const preview = id ? await service.find(id) : null
    if (id && !preview) throw Refusal.notFound()
    return ctx.view.render(
      'admin/registry_import',
      await this.#state(ctx, { preview, recent: preview ? [] : await service.recent() })
    )
  }

  async preview(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const file = ctx.request.file('file', {
      size: '10mb',
      extnames: ['csv', 'xlsx', 'CSV', 'XLSX'],
    })
    let error: string | null = null
    if (!file) error = '请选择要导入的 CSV 或 Excel（.xlsx）文件'
    else if (!file.isValid)
      error =
        // The extension check looks at the content (magic bytes), not only at the name.
        file.errors[0]?.type === 'size'
          ? '文件不能超过 10MB'
          : '文件内容不是 CSV 或 Excel（.xlsx）格式，请检查后重新上传'
    if (error) {
      ctx.response.status(422)
      return ctx.view.render('admin/registry_import', await this.#state(ctx, { error }))
    }
    try {
      const preview = await new RegistryImportService(user).preview(
        await files.read(file, IMPORT_SHEET_PURPOSE),
        file!.clientName
      )
      return redirectTo(ctx, `/school/graduates/import?id=${preview!.id}`)
    } catch (e) {
      if (!(e instanceof ImportFileError) && !(e instanceof FileRejectedError)) throw e
      ctx.response.status(422)
      return ctx.view.render('admin/registry_import', await this.#state(ctx, { error: e.message }))
    }
  }

  async confirm(ctx: HttpContext) {
    const user = await this.#authorize(ctx)
    const service = new RegistryImportService(user)
    // Another teacher's (or school's) preview does not exist for this actor: 404, as for GET.
    if (!(await service.find(ctx.request.input('id')))) throw Refusal.notFound()
    const result = await service.confirm(ctx.request.input('id'))
    ctx.session.flash(result.ok ? 'success' : 'error', result.message)
    if (!result.ok) {
      return redirectTo(
        ctx,
        `/school/graduates/import${queryId(ctx.request.input('id')) ? '?id=' + queryId(ctx.request.input('id')) : ''}`
      )
    }
    return redirectTo(ctx, '/school/graduates')
  }

  async template(ctx: HttpContext) {
    await this.#authorize(ctx)
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="graduates-template.csv"; filename*=UTF-8''${encodeURIComponent('生源导入模板.csv')}`
    )
    return templateCsv()
  }
}
