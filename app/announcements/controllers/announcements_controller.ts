import type { HttpContext } from '@adonisjs/core/http'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'
import { page } from '#core/http/htmx'
import { queryPage } from '#core/http/query'

/** 招聘公告: public list and detail (province-wide and the current school's). */
export default class AnnouncementsController {
  async index(ctx: HttpContext) {
    const main = ctx.site.isMain ? ctx.site : await Site.main()
    const announcements = await Announcement.visibleOn(ctx.site, main.id).paginate(
      queryPage(ctx.request.input('page')),
      15
    )
    announcements.baseUrl('/announcements')
    return page(ctx, 'pages/announcements/index', { announcements }, 'pages/announcements/_list')
  }

  async show(ctx: HttpContext) {
    const main = ctx.site.isMain ? ctx.site : await Site.main()
    const announcement = await Announcement.visibleOn(ctx.site, main.id)
      .where('announcements.id', ctx.params.id)
      .firstOrFail()
    return ctx.view.render('pages/announcements/show', { announcement })
  }
}
