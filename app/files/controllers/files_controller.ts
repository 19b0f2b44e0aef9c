import type { HttpContext } from '@adonisjs/core/http'
import StoredFile from '#core/files/models/stored_file'
import files from '#core/files/file_service'

/** GET /files/:id — a private file, for a signed link or an authorised logged-in user. */
export default class FilesController {
  async show(ctx: HttpContext) {
    const file = await StoredFile.find(Number(ctx.params.id))
    if (!file) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    if (!ctx.request.hasValidSignature()) {
      const user = (await ctx.auth.use('web').check()) ? ctx.auth.use('web').user : null
      if (!user) {
        return ctx.response.forbidden(
          await ctx.view.render('pages/errors/forbidden', { reason: '请先登录后再查看此文件' })
        )
      }
      if (!(await files.canRead(user, file))) {
        return ctx.response.forbidden(
          await ctx.view.render('pages/errors/forbidden', { reason: '您无权查看此文件' })
        )
      }
    }
    return files.send(ctx, file)
  }
}
