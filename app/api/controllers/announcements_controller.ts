import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'
import { toDb } from '#core/database/time'
import { fromPaginator, idOf, iso, pageFields, updatedSince } from '#core/api/http'
import { Refusal } from '#core/http/refusal'

export const announcementQuery = vine.compile(vine.object({ ...pageFields }))

export const ANNOUNCEMENT_SHAPE = {
  id: 'integer',
  title: 'string',
  published_at: 'date-time',
  updated_at: 'date-time',
  source: 'string',
  url: 'string',
} as const

function item(a: Announcement) {
  return {
    id: a.id,
    title: a.title,
    published_at: iso(a.publishedAt),
    updated_at: iso(a.updatedAt),
    source: a.site?.name ?? '',
    url: `/announcements/${a.id}`,
  }
}

/** 招聘公告 (the same visibility as the /announcements page: province-wide and this site's). */
export default class ApiAnnouncementsController {
  async index(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(announcementQuery)
    const main = ctx.site.isMain ? ctx.site : await Site.main()
    const query = Announcement.visibleOn(ctx.site, main.id)
    const since = updatedSince(input.updated_since)
    if (since) query.where('announcements.updated_at', '>=', toDb(since))
    const list = await query.paginate(input.page ?? 1, input.per_page ?? 15)
    return fromPaginator(list, item)
  }

  async show(ctx: HttpContext) {
    const main = ctx.site.isMain ? ctx.site : await Site.main()
    const announcement = await Announcement.visibleOn(ctx.site, main.id)
      .where('announcements.id', idOf(ctx))
      .first()
    if (!announcement) throw Refusal.notFound('公告不存在或已删除')
    return { data: { ...item(announcement), body: announcement.body } }
  }
}
