import type { HttpContext } from '@adonisjs/core/http'
import StoredFile from '#core/files/models/stored_file'
import files from '#core/files/file_service'

/** GET /files/:id — a private file, for a signed link or an authorised logged-in user. */
export default class FilesController {
  async show(ctx: HttpContext) {
    // Missing, unreadable and "not yours" answer the same 404, so file ids cannot be probed.
    const notFound = async () =>
      ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    const file = await StoredFile.find(Number(ctx.params.id))
    if (!ctx.request.hasValidSignature()) {
      const user = (await ctx.auth.use('web').check()) ? ctx.auth.use('web').user : null
      if (!user) {
        return ctx.response.forbidden(
          await ctx.view.render('pages/errors/forbidden', { reason: '请先登录后再查看此文件' })
        )
      }
      if (!file || !(await files.canRead(user, file))) return notFound()
    }
    if (!file) return notFound()
    return files.send(ctx, file)
  }
}
