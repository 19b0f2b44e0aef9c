import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import Site from '#core/tenancy/models/site'
import School from '#core/tenancy/models/school'
import messages from '#core/messages/services/message_service'
import audit, { type AuditEntry } from '#core/audit/audit_service'
import { nowDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import { FieldErrors, Refusal } from '#core/http/refusal'
import { isUniqueViolation } from '#core/database/errors'
import { parseLocal } from '#modules/events/validators/event_validators'
import { eventMachine } from '#modules/events/machines/event'
import { exhibitorMachine } from '#modules/events/machines/exhibitor'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'

/** Field errors of the organiser's and the employer's forms (`events.refusals.fields.*`). */
const F = (name: string) => `events.refusals.fields.${name}`

export interface EventInput {
  title: string
  mode: 'online' | 'offline'
  city: string
  place?: string
  online_url?: string
  starts_at: string
  ends_at: string
  description?: string
  registration_starts_at?: string
  registration_ends_at?: string
  capacity?: number
  employer_id?: number
}

export interface SessionApplicationInput {
  school_id: number
  title: string
  mode: 'online' | 'offline'
  city: string
  room_wish?: string
  online_url?: string
  starts_at: string
  ends_at: string
  description: string
  job_ids?: number[]
}

/** The organiser of an actor: a school's staff organise for their school, the province admin for the province. */
export function organiserSchoolId(actor: User): number | null {
  return actor.kind === 'staff' ? actor.schoolId : null
}

/**
 * The organiser's side of 招聘活动: create and edit fairs and sessions, review employers'
 * booth and session applications (approve / reject with a reason, with a 站内消息 to the employer).
 * Reviews are transitions of `eventMachine` / `exhibitorMachine` (one conditional UPDATE from
 * `pending`), so two reviewers cannot both decide.
 */
export class OrganiserService {
  async create(actor: User, kind: 'fair' | 'session', input: EventInput) {
    const schoolId = organiserSchoolId(actor)
    const site = schoolId
      ? await Site.query().where('school_id', schoolId).firstOrFail()
      : await Site.main()
    const values = await this.#values(kind, input, 0, null)
    const event = await RecruitmentEvent.create({
      kind,
      siteId: site.id,
      schoolId,
      ...eventMachine.initial('published'),
      createdBy: actor.id,
      taken: 0,
      ...values,
    })
    await audit.record({
      actor,
      action: 'events.create',
      subject: { type: 'recruitment_event', id: event.id },
      schoolId,
      after: { title: event.title, kind },
    })
    return event
  }

  async update(actor: User, event: RecruitmentEvent, input: EventInput) {
    const { capacity, ...values } = await this.#values(
      event.kind,
      input,
      event.taken,
      event.startsAt
    )
    // The capacity may not drop below the seats taken, even if registrations arrive meanwhile.
    const changed = await db
      .from('recruitment_events')
      .where('id', event.id)
      .if(capacity !== null, (q) => q.where('taken', '<=', capacity!))
      .update({ capacity, updated_at: nowDb() })
    if (Number(changed) !== 1) throw new FieldErrors({ capacity: F('capacity_below_taken') })
    await event.refresh()
    event.merge(values)
    await event.save()
    await audit.record({
      actor,
      action: 'events.update',
      subject: { type: 'recruitment_event', id: event.id },
      schoolId: event.schoolId,
      after: { title: event.title, capacity },
    })
    return event
  }

  /** `previousStart`: the stored start of an edited event (null when creating). */
  async #values(
    kind: 'fair' | 'session',
    input: EventInput,
    taken: number,
    previousStart: DateTime | null
  ) {
    const errors: Record<string, string> = {}
    const startsAt = parseLocal(input.starts_at)
    const endsAt = parseLocal(input.ends_at)
    if (!startsAt) errors.starts_at = F('starts_at_invalid')
    // No new event in the past (a fair dated 2020); an edit may keep the start it already has.
    else if (
      startsAt <= DateTime.now() &&
      !(previousStart && previousStart.toMillis() === startsAt.toMillis())
    )
      errors.starts_at = F('starts_at_past')
    if (!endsAt) errors.ends_at = F('ends_at_invalid')
    if (startsAt && endsAt && endsAt <= startsAt) errors.ends_at = F('ends_before_start')
    let registrationStartsAt: DateTime | null = null
    let registrationEndsAt: DateTime | null = null
    let capacity: number | null = null
    if (input.mode === 'offline') {
      if (!input.place) errors.place = F('place_required')
      registrationStartsAt = parseLocal(input.registration_starts_at)
      registrationEndsAt = parseLocal(input.registration_ends_at)
      if (!registrationStartsAt) errors.registration_starts_at = F('registration_starts_required')
      if (!registrationEndsAt) errors.registration_ends_at = F('registration_ends_required')
      if (
        registrationStartsAt &&
        registrationEndsAt &&
        registrationEndsAt <= registrationStartsAt
      ) {
        errors.registration_ends_at = F('registration_ends_before_start')
      }
      if (registrationEndsAt && startsAt && registrationEndsAt > startsAt)
        errors.registration_ends_at = F('registration_after_start')
      if (!input.capacity) errors.capacity = F('capacity_required')
      else if (input.capacity < taken) errors.capacity = F('capacity_below')
      capacity = input.capacity ?? null
    } else if (!input.online_url) {
      errors.online_url = F('online_url_required')
    }
    let employerId: number | null = null
    if (kind === 'session') {
      const employer = input.employer_id ? await Employer.find(input.employer_id) : null
      if (!employer || !employer.isVerified) errors.employer_id = F('session_employer')
      employerId = employer?.id ?? null
    }
    if (Object.keys(errors).length) throw fieldErrors(errors, { taken })
    return {
      title: input.title,
      mode: input.mode,
      city: input.city,
      place: input.place ?? null,
      onlineUrl: input.mode === 'online' ? (input.online_url ?? null) : null,
      startsAt: startsAt!,
      endsAt: endsAt!,
      description: input.description ?? null,
      registrationStartsAt,
      registrationEndsAt,
      capacity,
      employerId,
    }
  }

  /** The organiser adds an exhibitor directly (approved, with its booth). */
  async addExhibitor(actor: User, event: RecruitmentEvent, employerId: number, boothNo: string) {
    const employer = await Employer.find(employerId)
    if (!employer || !employer.isVerified)
      throw new FieldErrors({ employer_id: F('employer_unverified') })
    try {
      await Exhibitor.create({
        eventId: event.id,
        employerId,
        boothNo,
        ...exhibitorMachine.initial('approved'),
        reviewedBy: actor.id,
        reviewedAt: DateTime.now(),
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new FieldErrors({ employer_id: F('exhibitor_exists') })
      throw error
    }
  }

  /** 招聘会参展: an employer applies for a booth; a rejected application may be filed again. */
  async applyForBooth(employerUser: User, eventId: number, note?: string) {
    const employer = await this.#verifiedEmployer(employerUser)
    const event = await RecruitmentEvent.query()
      .where('id', eventId)
      .where('kind', 'fair')
      .where('status', 'published')
      .first()
    if (!event)
      throw new Refusal('events.refusals.fair_not_found', { code: 'not_found', status: 404 })
    if (event.startsAt <= DateTime.now())
      throw new Refusal('events.refusals.fair_started', { code: 'started' })
    const stamp = nowDb()
    const existing = await Exhibitor.query()
      .where('event_id', event.id)
      .where('employer_id', employer.id)
      .first()
    if (existing) {
      const reopened = await exhibitorMachine.applyWhere(db.connection(), 'reapply', existing.id, {
        set: {
          note: note ?? null,
          reject_reason: null,
          reviewed_by: null,
          reviewed_at: null,
          updated_at: stamp,
        },
      })
      if (reopened !== 1)
        throw new Refusal(
          existing.status === 'approved'
            ? 'events.refusals.booth_approved'
            : 'events.refusals.booth_pending',
          { code: 'twice' }
        )
      return existing
    }
    try {
      return await Exhibitor.create({
        eventId: event.id,
        employerId: employer.id,
        ...exhibitorMachine.initial('pending'),
        note: note ?? null,
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw new Refusal('events.refusals.booth_pending', { code: 'twice' })
      throw error
    }
  }

  async approveBooth(actor: User, exhibitor: Exhibitor, boothNo: string) {
    await exhibitor.load('event')
    const changed = await exhibitorMachine.applyWhere(db.connection(), 'approve', exhibitor.id, {
      set: reviewedBy(actor, { booth_no: boothNo }),
    })
    if (changed !== 1) throw reviewed()
    const event = exhibitor.event
    await this.#boothReviewed(
      actor,
      exhibitor,
      {
        title: text('events.messages.booth_approved.title', { title: event.title }),
        body: text('events.messages.booth_approved.body', {
          title: event.title,
          booth: boothNo,
          at: formatDateTime(event.startsAt),
          place: event.place ?? text('events.labels.online'),
        }),
      },
      { action: 'events.booth.approve', after: { boothNo } }
    )
  }

  async rejectBooth(actor: User, exhibitor: Exhibitor, reason: string) {
    await exhibitor.load('event')
    const changed = await exhibitorMachine.applyWhere(db.connection(), 'reject', exhibitor.id, {
      set: reviewedBy(actor, { reject_reason: reason }),
    })
    if (changed !== 1) throw reviewed()
    await this.#boothReviewed(
      actor,
      exhibitor,
      {
        title: text('events.messages.booth_rejected.title', { title: exhibitor.event.title }),
        body: text('events.messages.booth_rejected.body', { title: exhibitor.event.title, reason }),
      },
      { action: 'events.booth.reject', note: reason }
    )
  }

  /** After a booth decision: the employer's 站内消息 (to 招聘会参展) and the audit entry. */
  async #boothReviewed(
    actor: User,
    exhibitor: Exhibitor,
    message: { title: string; body: string },
    entry: Pick<AuditEntry, 'action' | 'after' | 'note'>
  ) {
    await this.#tellEmployer(exhibitor.employerId, {
      ...message,
      link: router.makeUrl('events.employer.fairs'),
      dedupeKey: `booth-review-${exhibitor.id}-${Date.now()}`,
    })
    await audit.record({
      actor,
      ...entry,
      subject: { type: 'event_exhibitor', id: exhibitor.id },
      schoolId: exhibitor.event.schoolId,
    })
  }

  /** 宣讲会申请: the employer asks a school to host a session (pending until the school approves). */
  async applyForSession(
    employerUser: User,
    input: SessionApplicationInput,
    openJobIds: Set<number>
  ) {
    const employer = await this.#verifiedEmployer(employerUser)
    const errors: Record<string, string> = {}
    const school = await School.find(input.school_id)
    const site = school ? await Site.query().where('school_id', school.id).first() : null
    if (!school || !site) errors.school_id = F('school_required')
    const startsAt = parseLocal(input.starts_at)
    const endsAt = parseLocal(input.ends_at)
    if (!startsAt) errors.starts_at = F('starts_at_invalid')
    else if (startsAt <= DateTime.now()) errors.starts_at = F('session_starts_past')
    if (!endsAt) errors.ends_at = F('ends_at_invalid')
    if (startsAt && endsAt && endsAt <= startsAt) errors.ends_at = F('ends_before_start')
    if (input.mode === 'offline' && !input.room_wish) errors.room_wish = F('room_wish_required')
    if (input.mode === 'online' && !input.online_url)
      errors.online_url = F('session_online_url_required')
    const jobIds = [...new Set(input.job_ids ?? [])]
    if (jobIds.some((id) => !openJobIds.has(id))) errors.job_ids = F('jobs_not_open')
    if (Object.keys(errors).length) throw fieldErrors(errors)

    const event = await db.transaction(async (trx) => {
      const created = await RecruitmentEvent.create(
        {
          kind: 'session',
          title: input.title,
          siteId: site!.id,
          schoolId: school!.id,
          employerId: employer.id,
          mode: input.mode,
          city: input.city,
          roomWish: input.room_wish ?? null,
          onlineUrl: input.mode === 'online' ? (input.online_url ?? null) : null,
          startsAt: startsAt!,
          endsAt: endsAt!,
          description: input.description,
          ...eventMachine.initial('pending'),
          createdBy: employerUser.id,
          taken: 0,
        },
        { client: trx }
      )
      if (jobIds.length) {
        await trx
          .insertQuery()
          .table('event_session_jobs')
          .multiInsert(
            jobIds.map((jobId, position) => ({ event_id: created.id, job_id: jobId, position }))
          )
      }
      return created
    })
    return event
  }

  async approveSession(
    actor: User,
    event: RecruitmentEvent,
    input: {
      place?: string
      capacity?: number
      registration_starts_at?: string
      registration_ends_at?: string
    }
  ) {
    const errors: Record<string, string> = {}
    const values: Record<string, unknown> = {}
    if (event.mode === 'offline') {
      const opens = parseLocal(input.registration_starts_at)
      const closes = parseLocal(input.registration_ends_at)
      if (!input.place) errors.place = F('session_place_required')
      if (!input.capacity) errors.capacity = F('session_capacity_required')
      if (!opens) errors.registration_starts_at = F('session_registration_starts_required')
      if (!closes) errors.registration_ends_at = F('session_registration_ends_required')
      if (opens && closes && closes <= opens)
        errors.registration_ends_at = F('registration_ends_before_start')
      if (closes && closes > event.startsAt)
        errors.registration_ends_at = F('session_registration_after_start')
      Object.assign(values, {
        place: input.place,
        capacity: input.capacity,
        registrationStartsAt: opens,
        registrationEndsAt: closes,
      })
    }
    if (Object.keys(errors).length) throw fieldErrors(errors)
    const changed = await eventMachine.applyWhere(db.connection(), 'approve', event.id, {
      set: reviewedBy(actor),
    })
    if (changed !== 1) throw reviewed()
    await event.refresh()
    event.merge(values)
    await event.save()
    await this.#sessionReviewed(
      actor,
      event,
      {
        title: text('events.messages.session_approved.title', { title: event.title }),
        body: text('events.messages.session_approved.body', {
          title: event.title,
          at: formatDateTime(event.startsAt),
          place: event.place ?? text('events.labels.online'),
        }),
      },
      { action: 'events.session.approve' }
    )
  }

  async rejectSession(actor: User, event: RecruitmentEvent, reason: string) {
    const changed = await eventMachine.applyWhere(db.connection(), 'reject', event.id, {
      set: reviewedBy(actor, { reject_reason: reason }),
    })
    if (changed !== 1) throw reviewed()
    await this.#sessionReviewed(
      actor,
      event,
      {
        title: text('events.messages.session_rejected.title', { title: event.title }),
        body: text('events.messages.session_rejected.body', { title: event.title, reason }),
      },
      { action: 'events.session.reject', note: reason }
    )
  }

  /** After a session decision: the employer's 站内消息 (to 宣讲会申请) and the audit entry. */
  async #sessionReviewed(
    actor: User,
    event: RecruitmentEvent,
    message: { title: string; body: string },
    entry: Pick<AuditEntry, 'action' | 'note'>
  ) {
    await this.#tellEmployer(event.employerId!, {
      ...message,
      link: router.makeUrl('events.employer.sessions'),
      dedupeKey: `session-review-${event.id}`,
    })
    await audit.record({
      actor,
      ...entry,
      subject: { type: 'recruitment_event', id: event.id },
      schoolId: event.schoolId,
    })
  }

  async #verifiedEmployer(employerUser: User) {
    const employer = employerUser.employerId ? await Employer.find(employerUser.employerId) : null
    if (!employer)
      throw new Refusal('events.refusals.no_employer', { code: 'no_employer', status: 403 })
    if (!employer.isVerified)
      throw new Refusal('events.refusals.unverified', { code: 'unverified', status: 403 })
    return employer
  }

  /** A 站内消息 for every account of the employer. */
  async #tellEmployer(
    employerId: number,
    message: { title: string; body: string; link: string; dedupeKey: string }
  ) {
    const users = await db
      .from('users')
      .where('employer_id', employerId)
      .where('kind', 'employer')
      .select('id')
    await messages.sendMany(
      users.map((u: any) => ({ userId: u.id, category: 'events', ...message }))
    )
  }
}

/** A review that came second (the machine's refusal, with the code the pages and tests know). */
function reviewed() {
  return new Refusal('events.refusals.reviewed', { code: 'reviewed', status: 409 })
}

/** Messages beside the fields (lang keys of `events.refusals.fields.*`, filled with `data`). */
function fieldErrors(errors: Record<string, string>, data: Record<string, unknown> = {}) {
  return new FieldErrors(
    Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, text(key, data)]))
  )
}

/** The columns a review decision writes besides its own (who decided, when). */
function reviewedBy(actor: User, columns: Record<string, unknown> = {}) {
  return { ...columns, reviewed_by: actor.id, reviewed_at: nowDb(), updated_at: nowDb() }
}

const organiser = new OrganiserService()
export default organiser
