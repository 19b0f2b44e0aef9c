import type { HttpContext } from '@adonisjs/core/http'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'
import { queryId } from '#core/http/query'
import {
  detailResult,
  openData,
  OpenDataError,
  pageResult,
  readOpenData,
  ymdhm,
} from '#core/api/open_data'

/** 招聘公告 (getZpggPageList / getZpggxq): the same visibility as /announcements. */
export default class OpenDataController {
  async announcements(ctx: HttpContext) {
    return openData(ctx, async () => {
      const request = await readOpenData(ctx)
      const main = await Site.main()
      const site = request.school
        ? ((await Site.query().where('school_id', request.school.id).first()) ?? ctx.site)
        : ctx.site
      const query = Announcement.visibleOn(site, main.id)
      if (request.keyword) query.whereILike('announcements.title', `%${request.keyword}%`)
      const list = await query.paginate(request.current, request.size)
      return pageResult(list.all().map(record), list.total, request)
    })
  }

  async announcement(ctx: HttpContext) {
    return openData(ctx, async () => {
      const main = ctx.site.isMain ? ctx.site : await Site.main()
      const announcement = await Announcement.visibleOn(ctx.site, main.id)
        .where('announcements.id', queryId(ctx.request.input('id')) ?? 0)
        .first()
      if (!announcement) throw new OpenDataError(404, '公告不存在或已删除')
      return detailResult({ ...record(announcement), nr: announcement.body })
    })
  }
}

function record(a: Announcement) {
  return {
    id: String(a.id),
    bt: a.title,
    fbsj: ymdhm(a.publishedAt),
    fbdw: a.site?.name ?? '',
    url: `/announcements/${a.id}`,
  }
}
