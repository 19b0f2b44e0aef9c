import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import type { EventKind } from '#modules/events/models/recruitment_event'
import catalog, { parseFilters } from '#modules/events/services/event_catalog'
import { queryId } from '#core/http/query'
import { Refusal } from '#core/http/refusal'
import { openData, pageResult, readOpenData, timeSpan, ymd, ymdhm } from '#core/api/open_data'

/**
 * 91job-compatible 宣讲会 (getXjhPageList) and 招聘会 (getZphPageList) lists: the public lists'
 * catalog (upcoming events, this site's school first); `xxdm` narrows to that school's events.
 * The legacy detail links redirect, within this host, to the platform's own pages.
 */
export default class EventsOpenDataController {
  sessions(ctx: HttpContext) {
    return this.#list(ctx, 'session')
  }

  fairs(ctx: HttpContext) {
    return this.#list(ctx, 'fair')
  }

  #list(ctx: HttpContext, kind: EventKind) {
    return openData(ctx, async () => {
      const request = await readOpenData(ctx)
      const filters = parseFilters({
        page: String(request.current),
        school: request.school ? String(request.school.id) : undefined,
      })
      const list = await catalog.list(kind, ctx.site, filters, request.size)
      const records = list.all().map((e) => (kind === 'session' ? session(e) : fair(e)))
      return pageResult(records, list.total, request)
    })
  }

  /** `/sub-station/lectureDetail?xjhid=..&xxdm=..` → `/sessions/:id` on this host. */
  async sessionDetail(ctx: HttpContext) {
    return this.#redirect(ctx, 'session', ctx.request.input('xjhid'))
  }

  /** `/recruitment/meetingDetail?zphid=..` → `/fairs/:id` on this host. */
  async fairDetail(ctx: HttpContext) {
    return this.#redirect(ctx, 'fair', ctx.request.input('zphid'))
  }

  async #redirect(ctx: HttpContext, kind: EventKind, raw: unknown) {
    const event = await catalog
      .published(kind)
      .where('id', queryId(raw) ?? 0)
      .first()
    if (!event)
      throw Refusal.notFound(
        kind === 'session'
          ? 'events.refusals.session_not_published'
          : 'events.refusals.fair_not_published'
      )
    // A relative Location: the client stays on the host it asked (no cross-host redirect).
    return ctx.response.redirect().toPath(event.url)
  }
}

function session(e: RecruitmentEvent) {
  return {
    xjhid: String(e.id),
    xjhmc: e.title,
    jbrq: ymd(e.startsAt),
    kssjd: timeSpan(e.startsAt, e.endsAt),
    jbdd: e.mode === 'online' ? text('events.labels.online') : (e.place ?? ''),
    dwmc: e.employer?.name ?? '',
    jbcs: e.city,
    xxmc: e.school?.name ?? '',
  }
}

function fair(e: RecruitmentEvent) {
  return {
    zphid: String(e.id),
    zphmc: e.title,
    jbkssj: ymdhm(e.startsAt),
    jbjssj: ymdhm(e.endsAt),
    jbcd: e.mode === 'online' ? text('events.labels.online') : (e.place ?? ''),
    jbcs: e.city,
    xxmc: e.school?.name ?? '',
  }
}
