import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import type User from '#core/accounts/models/user'
import { toast } from '#core/http/htmx'
import { Refusal } from '#core/http/refusal'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import organiser from '#modules/events/services/organiser_service'
import { manageEvent } from '#modules/events/policies/event_policy'
import { verifiedEmployers } from '#modules/events/admin/events_resource'
import {
  addExhibitorValidator,
  eventValidator,
  messagesProvider,
  toLocalInput,
} from '#modules/events/validators/event_validators'
import { formOnce } from '#core/http/form_token'

export function areaOf(user: User) {
  return user.kind === 'admin' ? '/province' : '/school'
}

/** The organiser area of the user: its admin resource is `<area>.events`. */
export function organiserArea(user: User): 'province' | 'school' {
  return user.kind === 'admin' ? 'province' : 'school'
}

/** The record page of an event in the organiser's area (the admin resource's). */
function eventUrl(user: User, id: number) {
  return router.makeUrl(`${organiserArea(user)}.events.show`, { id })
}

/**
 * 招聘活动管理 pages besides the admin resource (`admin/events_resource.ts`: list, record page,
 * reviews), for a school's staff (/school) and the province (/province): the 发布 / 编辑 form and
 * 添加参展单位. The form stays a page of its own: the kind (招聘会 / 宣讲会) decides the fields
 * (宣讲单位 for a session only), the mode shows either the offline or the online fields, and the
 * organiser service's cross-field refusals come back beside the fields after the redirect —
 * which the generic resource form (errors of the same request only) cannot show.
 * A refusal answers by itself (flash + back with the errors beside the fields).
 */
export default class ManageEventsController {
  async create(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const kind = ctx.request.input('kind') === 'session' ? 'session' : 'fair'
    return ctx.view.render('events::pages/school/form', {
      areaPath: areaOf(user),
      kind,
      event: null,
      values: {},
      employers: await verifiedEmployers(),
    })
  }

  async store(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const kind = ctx.request.input('kind') === 'session' ? 'session' : 'fair'
    const data = await ctx.request.validateUsing(eventValidator, { messagesProvider })
    // The same form sent twice creates one event; the second submit is sent to it.
    const list = router.makeUrl(`${organiserArea(user)}.events.index`)
    return formOnce(ctx, list, async (created) => {
      const event = await organiser.create(user, kind, data)
      created(eventUrl(user, event.id))
      toast(ctx, text('events.flash.event_published', { kind: event.kindLabel }))
      return ctx.response.redirect().toRoute(`${organiserArea(user)}.events.show`, { id: event.id })
    })
  }

  async edit(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const values = {
      title: event.title,
      mode: event.mode,
      city: event.city,
      place: event.place ?? '',
      online_url: event.onlineUrl ?? '',
      starts_at: toLocalInput(event.startsAt),
      ends_at: toLocalInput(event.endsAt),
      description: event.description ?? '',
      registration_starts_at: toLocalInput(event.registrationStartsAt),
      registration_ends_at: toLocalInput(event.registrationEndsAt),
      capacity: event.capacity ?? '',
      employer_id: event.employerId ?? '',
    }
    return ctx.view.render('events::pages/school/form', {
      areaPath: areaOf(user),
      kind: event.kind,
      event,
      values,
      employers: await verifiedEmployers(),
    })
  }

  async update(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const data = await ctx.request.validateUsing(eventValidator, { messagesProvider })
    await organiser.update(user, event, data)
    toast(ctx, text('events.flash.saved'))
    return ctx.response.redirect().toRoute(`${organiserArea(user)}.events.show`, { id: event.id })
  }

  async addExhibitor(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const data = await ctx.request.validateUsing(addExhibitorValidator, { messagesProvider })
    await organiser.addExhibitor(user, event, data.employer_id, data.booth_no)
    toast(ctx, text('events.flash.exhibitor_added'))
    return ctx.response.redirect(`${eventUrl(user, event.id)}#exhibitors`)
  }

  /** An event the organiser manages; another organiser's is not found (404), like a missing one. */
  async #event(ctx: HttpContext) {
    const event = await RecruitmentEvent.query()
      .where('id', ctx.params.id)
      .preload('school')
      .preload('employer')
      .firstOrFail()
    if (await ctx.bouncer.denies(manageEvent, event)) throw Refusal.notFound()
    return event
  }
}
