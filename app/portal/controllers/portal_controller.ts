import type { HttpContext } from '@adonisjs/core/http'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'
import { renderWidgets } from '#core/portal/widgets'

/** The public home of each site: login entries, 招聘公告 and the modules' latest lists. */
export default class PortalController {
  async home(ctx: HttpContext) {
    const main = ctx.site.isMain ? ctx.site : await Site.main()
    const announcements = await Announcement.visibleOn(ctx.site, main.id).limit(6)
    const widgets = await renderWidgets(ctx, 'portal')
    return ctx.view.render('pages/portal/home', { announcements, widgets })
  }
}
