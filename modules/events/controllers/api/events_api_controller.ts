import type { HttpContext } from '@adonisjs/core/http'
import { Refusal } from '#core/http/refusal'
import { apiStudent, fromPaginator, idOf, iso, updatedSince } from '#core/api/http'
import { eventListQuery, myEventsQuery } from '#modules/events/controllers/api/schemas'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import type { EventKind } from '#modules/events/models/recruitment_event'
import type Registration from '#modules/events/models/registration'
import catalog, { parseFilters } from '#modules/events/services/event_catalog'
import registrations from '#modules/events/services/registration_service'
import eventDetail from '#modules/events/services/event_detail'

export function eventItem(e: RecruitmentEvent) {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    mode: e.mode,
    city: e.city,
    place: e.place,
    online_url: e.onlineUrl,
    starts_at: iso(e.startsAt),
    ends_at: iso(e.endsAt),
    registration_starts_at: iso(e.registrationStartsAt),
    registration_ends_at: iso(e.registrationEndsAt),
    capacity: e.capacity,
    taken: e.taken,
    school: e.school ? { id: e.school.id, name: e.school.name } : null,
    employer: e.employer ? { id: e.employer.id, name: e.employer.name } : null,
    updated_at: iso(e.updatedAt),
    url: e.url,
  }
}

function registrationItem(r: Registration) {
  return {
    id: r.id,
    status: r.status,
    registered_at: iso(r.registeredAt),
    cancelled_at: iso(r.cancelledAt),
    checked_in_at: iso(r.checkedInAt),
    event: eventItem(r.event),
  }
}

/** 招聘会 / 宣讲会 and the student's registrations: the pages' services, answered as JSON. */
export default class EventsApiController {
  fairs(ctx: HttpContext) {
    return this.#list(ctx, 'fair')
  }

  sessions(ctx: HttpContext) {
    return this.#list(ctx, 'session')
  }

  async #list(ctx: HttpContext, kind: EventKind) {
    const input = await ctx.request.validateUsing(eventListQuery)
    const filters = {
      ...parseFilters(ctx.request.qs()),
      updatedSince: updatedSince(input.updated_since),
    }
    const list = await catalog.list(kind, ctx.site, filters, input.per_page ?? 10)
    return fromPaginator(list, eventItem)
  }

  fair(ctx: HttpContext) {
    return this.#show(ctx, 'fair')
  }

  session(ctx: HttpContext) {
    return this.#show(ctx, 'session')
  }

  async #show(ctx: HttpContext, kind: EventKind) {
    const event = await eventDetail.find(kind, idOf(ctx))
    if (!event) throw Refusal.notFound('events.refusals.not_found')
    const jobs = await eventDetail.jobs(event)
    return {
      data: {
        ...eventItem(event),
        description: event.description,
        exhibitors: event.exhibitors.map((x) => ({
          employer_id: x.employerId,
          employer_name: x.employer?.name ?? '',
          booth_no: x.boothNo,
        })),
        jobs: jobs.map((j: any) => ({
          id: j.id,
          title: j.title,
          city: j.city,
          salary: j.salaryText ?? '',
        })),
      },
    }
  }

  async mine(ctx: HttpContext) {
    const input = await ctx.request.validateUsing(myEventsQuery)
    const list = await registrations.mine(apiStudent(ctx), input.page ?? 1, input.per_page ?? 10)
    return fromPaginator(list, registrationItem)
  }

  async register(ctx: HttpContext) {
    const student = apiStudent(ctx)
    const { id } = await registrations.register(student, idOf(ctx))
    return { data: await this.#ticket(student.id, id) }
  }

  async cancel(ctx: HttpContext) {
    const student = apiStudent(ctx)
    const registration = await registrations.cancel(student, idOf(ctx))
    return { data: await this.#ticket(student.id, registration.id) }
  }

  async ticket(ctx: HttpContext) {
    return { data: await this.#ticket(apiStudent(ctx).id, idOf(ctx)) }
  }

  /** One of the student's registrations (another student's is not found: 404). */
  async #ticket(userId: number, registrationId: number) {
    const registration = await eventDetail.ticket(userId, registrationId)
    if (!registration) throw Refusal.notFound('events.refusals.ticket_not_found')
    return {
      ...registrationItem(registration),
      ticket_code: registration.isActive ? registration.ticketCode : null,
      qr_png: await eventDetail.qr(registration),
    }
  }
}
