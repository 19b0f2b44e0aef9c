import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import { toast } from '#core/http/htmx'
import { nowDb } from '#core/database/time'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import organiser, { organiserSchoolId } from '#modules/events/services/organiser_service'
import checkIns from '#modules/events/services/checkin_service'
import { manageEvent } from '#modules/events/policies/event_policy'
import { handleForm } from '#modules/events/controllers/form_errors'
import {
  addExhibitorValidator,
  approveBoothValidator,
  approveSessionValidator,
  eventValidator,
  messagesProvider,
  rejectValidator,
  toLocalInput,
} from '#modules/events/validators/event_validators'
import { authorizeOr404 } from '#core/authorization/authorize_or_404'
import { filters as todoFilters } from '#modules/events/services/todos'
import { queryPage } from '#core/http/query'
import { formOnce } from '#core/http/form_token'

export function areaOf(user: User) {
  return user.kind === 'admin' ? '/province' : '/school'
}

/** The organiser area of the user: its routes are `events.<area>.*`. */
export function organiserArea(user: User): 'province' | 'school' {
  return user.kind === 'admin' ? 'province' : 'school'
}

/** The URL of an organiser route of the user's area. */
function areaUrl(user: User, name: string, params: Record<string, unknown> = {}, qs?: object) {
  return router.makeUrl(`events.${organiserArea(user)}.${name}`, params, qs ? { qs } : undefined)
}

/**
 * 招聘活动管理 for a school's staff (/school) and the province (/province): the organiser screens
 * live under controllers/school/ (views under pages/school/) and serve both areas.
 */
export default class ManageEventsController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const schoolId = organiserSchoolId(user)
    const tab = ['upcoming', 'past', 'pending', 'booths'].includes(ctx.request.input('tab'))
      ? ctx.request.input('tab')
      : 'upcoming'
    const query = RecruitmentEvent.query().preload('employer')
    if (schoolId === null) query.whereNull('school_id')
    else query.where('school_id', schoolId)
    if (tab === 'pending') query.where('status', 'pending').orderBy('starts_at', 'asc')
    // 参展申请待审核: the events with booth applications to review (工作台 to-do).
    else if (tab === 'booths') todoFilters.withPendingBooths(query).orderBy('starts_at', 'asc')
    else if (tab === 'past')
      query
        .where('status', 'published')
        .where('ends_at', '<=', nowDb())
        .orderBy('starts_at', 'desc')
    else
      query.where('status', 'published').where('ends_at', '>', nowDb()).orderBy('starts_at', 'asc')
    const events = await query.paginate(queryPage(ctx.request.input('page')), 20)
    events.baseUrl(areaUrl(user, 'index')).queryString({ tab })
    const ids = events.all().map((e) => e.id)
    const attendance = await checkIns.attendance(ids)
    const pendingBooths = ids.length
      ? new Map(
          (
            await db
              .from('event_exhibitors')
              .whereIn('event_id', ids)
              .where('status', 'pending')
              .groupBy('event_id')
              .select('event_id')
              .count('* as total')
          ).map((r: any) => [Number(r.event_id), Number(r.total)])
        )
      : new Map()
    const pendingSessions = await RecruitmentEvent.query()
      .where('status', 'pending')
      .if(
        schoolId === null,
        (q) => q.whereNull('school_id'),
        (q) => q.where('school_id', schoolId!)
      )
      .count('* as total')
    return ctx.view.render('events::pages/school/index', {
      areaPath: areaOf(user),
      tab,
      events,
      attendance,
      pendingBooths,
      pendingSessionCount: Number(pendingSessions[0].$extras.total),
    })
  }

  async create(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const kind = ctx.request.input('kind') === 'session' ? 'session' : 'fair'
    return ctx.view.render('events::pages/school/form', {
      areaPath: areaOf(user),
      kind,
      event: null,
      values: {},
      employers: await this.#employers(),
    })
  }

  async store(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const kind = ctx.request.input('kind') === 'session' ? 'session' : 'fair'
    const data = await ctx.request.validateUsing(eventValidator, { messagesProvider })
    // The same form sent twice creates one event; the second submit is sent to it.
    return formOnce(ctx, areaUrl(user, 'index'), (created) =>
      handleForm(ctx, async () => {
        const event = await organiser.create(user, kind, data)
        created(areaUrl(user, 'show', { id: event.id }))
        toast(ctx, text('events.flash.event_published', { kind: event.kindLabel }))
        return ctx.response
          .redirect()
          .toRoute(`events.${organiserArea(user)}.show`, { id: event.id })
      })
    )
  }

  async show(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    await event.load('exhibitors', (q) =>
      q
        .preload('employer')
        .orderByRaw("CASE WHEN status = 'pending' THEN 0 ELSE 1 END")
        .orderBy('id')
    )
    const attendance = (await checkIns.attendance([event.id])).get(event.id)!
    return ctx.view.render('events::pages/school/show', {
      areaPath: areaOf(user),
      event,
      attendance,
      employers: await this.#employers(),
      toLocalInput,
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
      employers: await this.#employers(),
    })
  }

  async update(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const data = await ctx.request.validateUsing(eventValidator, { messagesProvider })
    return handleForm(ctx, async () => {
      await organiser.update(user, event, data)
      toast(ctx, text('events.flash.saved'))
      return ctx.response.redirect().toRoute(`events.${organiserArea(user)}.show`, { id: event.id })
    })
  }

  async addExhibitor(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const data = await ctx.request.validateUsing(addExhibitorValidator, { messagesProvider })
    return handleForm(ctx, async () => {
      await organiser.addExhibitor(user, event, data.employer_id, data.booth_no)
      toast(ctx, text('events.flash.exhibitor_added'))
      return ctx.response.redirect(`${areaUrl(user, 'show', { id: event.id })}#exhibitors`)
    })
  }

  async approveBooth(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const exhibitor = await this.#exhibitor(ctx)
    const data = await ctx.request.validateUsing(approveBoothValidator, { messagesProvider })
    return handleForm(ctx, async () => {
      await organiser.approveBooth(user, exhibitor, data.booth_no)
      toast(ctx, text('events.flash.booth_approved'))
      return ctx.response.redirect(`${areaUrl(user, 'show', { id: exhibitor.eventId })}#exhibitors`)
    })
  }

  async rejectBooth(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const exhibitor = await this.#exhibitor(ctx)
    const data = await ctx.request.validateUsing(rejectValidator, { messagesProvider })
    return handleForm(ctx, async () => {
      await organiser.rejectBooth(user, exhibitor, data.reason)
      toast(ctx, text('events.flash.booth_rejected'))
      return ctx.response.redirect(`${areaUrl(user, 'show', { id: exhibitor.eventId })}#exhibitors`)
    })
  }

  async approveSession(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const data = await ctx.request.validateUsing(approveSessionValidator, { messagesProvider })
    return handleForm(ctx, async () => {
      await organiser.approveSession(user, event, data)
      toast(ctx, text('events.flash.session_approved'))
      return ctx.response.redirect().toRoute(`events.${organiserArea(user)}.show`, { id: event.id })
    })
  }

  async rejectSession(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const event = await this.#event(ctx)
    const data = await ctx.request.validateUsing(rejectValidator, { messagesProvider })
    return handleForm(ctx, async () => {
      await organiser.rejectSession(user, event, data.reason)
      toast(ctx, text('events.flash.session_rejected'))
      return ctx.response
        .redirect()
        .toRoute(`events.${organiserArea(user)}.index`, {}, { qs: { tab: 'pending' } })
    })
  }

  async #event(ctx: HttpContext) {
    const event = await RecruitmentEvent.query()
      .where('id', ctx.params.id)
      .preload('school')
      .preload('employer')
      .firstOrFail()
    await authorizeOr404(ctx.bouncer, manageEvent, event)
    return event
  }

  async #exhibitor(ctx: HttpContext) {
    const exhibitor = await Exhibitor.query()
      .where('id', ctx.params.id)
      .preload('event')
      .firstOrFail()
    await authorizeOr404(ctx.bouncer, manageEvent, exhibitor.event)
    return exhibitor
  }

  async #employers() {
    return Employer.query().where('status', 'verified').orderBy('name').select('id', 'name')
  }
}
