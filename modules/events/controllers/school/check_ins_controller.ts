import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import { isHtmx } from '#core/http/htmx'
import { toDb } from '#core/database/time'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import checkIns, { type CheckInResult } from '#modules/events/services/checkin_service'
import { organiserSchoolId } from '#modules/events/services/organiser_service'
import { checkInEvent } from '#modules/events/policies/event_policy'
import { areaOf } from '#modules/events/controllers/school/events_controller'
import { Refusal } from '#core/http/refusal'

/** 入场签到: pick an offline event of the organiser, then scan or type ticket codes (school and province). */
export default class CheckInsController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const schoolId = organiserSchoolId(user)
    // Events from yesterday on: check-in happens on the day.
    const events = await RecruitmentEvent.query()
      .where('status', 'published')
      .where('mode', 'offline')
      .if(
        schoolId === null,
        (q) => q.whereNull('school_id'),
        (q) => q.where('school_id', schoolId!)
      )
      .where('ends_at', '>', toDb(DateTime.now().minus({ days: 1 })))
      .orderBy('starts_at', 'asc')
      .limit(50)
    const attendance = await checkIns.attendance(events.map((e) => e.id))
    return ctx.view.render('events::pages/school/checkin_index', {
      areaPath: areaOf(user),
      events,
      attendance,
    })
  }

  async show(ctx: HttpContext) {
    const event = await this.#event(ctx)
    return this.#render(ctx, event, null)
  }

  async store(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const result = await checkIns.checkIn(user, event, String(ctx.request.input('code', '')))
    if (isHtmx(ctx)) {
      const attendance = (await checkIns.attendance([event.id])).get(event.id)!
      if (!result.ok) ctx.response.status(422)
      return ctx.view.render('events::partials/checkin_result', { result, attendance, oob: true })
    }
    // A refused code (unknown, already used, malformed) is a 422 for the page too, not only htmx.
    if (!result.ok) ctx.response.status(422)
    return this.#render(ctx, event, result)
  }

  async #render(ctx: HttpContext, event: RecruitmentEvent, result: CheckInResult | null) {
    const user = ctx.auth.use('web').user!
    const attendance = (await checkIns.attendance([event.id])).get(event.id)!
    return ctx.view.render('events::pages/school/checkin', {
      areaPath: areaOf(user),
      event,
      attendance,
      result,
    })
  }

  async #event(ctx: HttpContext) {
    const event = await RecruitmentEvent.query()
      .where('id', ctx.params.id)
      .preload('school')
      .firstOrFail()
    // Another organiser's event is not found (404), like a missing one.
    if (await ctx.bouncer.denies(checkInEvent, event)) throw Refusal.notFound()
    return event
  }
}
