import type { HttpContext } from '@adonisjs/core/http'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'
import messages from '#core/messages/services/message_service'
import { renderWidgets } from '#core/portal/widgets'

/** 学生中心首页 (PRODUCT.md rule 2): core widgets plus those of the modules enabled for the school. */
export default class HomeController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const main = await Site.main()
    const schoolSite = await Site.query().where('school_id', user.schoolId!).first()
    const [unread, latestMessages, schedule, announcements, widgets] = await Promise.all([
      messages.unreadCount(user.id),
      messages.latest(user.id, 5),
      messages.upcomingSchedule(user.id, 5),
      Announcement.visibleOn(schoolSite ?? main, main.id).limit(5),
      renderWidgets(ctx, 'student.home'),
    ])
    return ctx.view.render('pages/student/home', {
      unread,
      latestMessages: latestMessages.all(),
      schedule,
      announcements,
      widgets,
    })
  }
}
