import type { HttpContext } from '@adonisjs/core/http'
import env from '#start/env'
import db from '@adonisjs/lucid/services/db'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'
import Message from '#core/messages/models/message'
import messages from '#core/messages/services/message_service'
import configCache from '#core/tenancy/config_cache'
import { resolveSite } from '#core/tenancy/site_resolver'
import { renderWidgets } from '#core/portal/widgets'

/**
 * The main site and the student's school site, from the tenancy cache (no query in the common
 * case; a change is seen on the next request, #core/tenancy/config_cache). On a school subsite
 * the auth middleware has already checked that the site is the student's own.
 */
async function sitesFor(ctx: HttpContext, schoolId: number | null) {
  const main = ctx.site.isMain ? ctx.site : await resolveSite(env.get('APP_DOMAIN'))
  if (!main) return { main: await Site.main(), school: null }
  if (!ctx.site.isMain && ctx.site.schoolId === schoolId) return { main, school: ctx.site }
  if (!schoolId) return { main, school: null }
  const row = await configCache.get(`school-site:${schoolId}`, () =>
    db.from('sites').where('school_id', schoolId).first()
  )
  return { main, school: row ? Site.$createFromAdapterResult(row)! : null }
}

/** 学生中心首页 (PRODUCT.md rule 2): core widgets plus those of the modules enabled for the school. */
export default class HomeController {
  async show(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const { main, school } = await sitesFor(ctx, user.schoolId)
    const [unread, latestMessages, schedule, announcements, widgets] = await Promise.all([
      // Counted by the auth middleware for the badge in this very request.
      ctx.unreadMessages ?? messages.unreadCount(user.id),
      // The latest five (no page count: the home shows no pager).
      Message.query()
        .where('user_id', user.id)
        .orderBy('created_at', 'desc')
        .orderBy('id', 'desc')
        .limit(5),
      messages.upcomingSchedule(user.id, 5),
      Announcement.latest(school ?? main, main, 5),
      renderWidgets(ctx, 'student.home'),
    ])
    return ctx.view.render('pages/student/home', {
      unread,
      latestMessages,
      schedule,
      announcements,
      widgets,
    })
  }
}
