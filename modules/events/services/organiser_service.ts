import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import Site from '#core/tenancy/models/site'
import School from '#core/tenancy/models/school'
import messages from '#core/messages/services/message_service'
import audit from '#core/audit/audit_service'
import { nowDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import { EventRefusal, FormErrors, isUniqueViolation } from '#modules/events/services/errors'
import { parseLocal } from '#modules/events/validators/event_validators'

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
 * Review transitions are conditional updates from `pending`, so two reviewers cannot both decide.
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
      status: 'published',
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
    if (Number(changed) !== 1) throw new FormErrors({ capacity: '可报名人数不能少于已报名人数' })
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
    if (!startsAt) errors.starts_at = '请填写正确的开始时间'
    // No new event in the past (a fair dated 2020); an edit may keep the start it already has.
    else if (
      startsAt <= DateTime.now() &&
      !(previousStart && previousStart.toMillis() === startsAt.toMillis())
    )
      errors.starts_at = '开始时间须晚于当前时间'
    if (!endsAt) errors.ends_at = '请填写正确的结束时间'
    if (startsAt && endsAt && endsAt <= startsAt) errors.ends_at = '结束时间须晚于开始时间'
    let registrationStartsAt: DateTime | null = null
    let registrationEndsAt: DateTime | null = null
    let capacity: number | null = null
    if (input.mode === 'offline') {
      if (!input.place) errors.place = '线下活动须填写举办地点'
      registrationStartsAt = parseLocal(input.registration_starts_at)
      registrationEndsAt = parseLocal(input.registration_ends_at)
      if (!registrationStartsAt) errors.registration_starts_at = '线下活动须填写报名开始时间'
      if (!registrationEndsAt) errors.registration_ends_at = '线下活动须填写报名截止时间'
      if (
        registrationStartsAt &&
        registrationEndsAt &&
        registrationEndsAt <= registrationStartsAt
      ) {
        errors.registration_ends_at = '报名截止时间须晚于报名开始时间'
      }
      if (registrationEndsAt && startsAt && registrationEndsAt > startsAt)
        errors.registration_ends_at = '报名须在活动开始前截止'
      if (!input.capacity) errors.capacity = '线下活动须填写可报名人数'
      else if (input.capacity < taken) errors.capacity = `可报名人数不能少于已报名人数（${taken}）`
      capacity = input.capacity ?? null
    } else if (!input.online_url) {
      errors.online_url = '线上活动须填写线上地址'
    }
    let employerId: number | null = null
    if (kind === 'session') {
      const employer = input.employer_id ? await Employer.find(input.employer_id) : null
      if (!employer || !employer.isVerified) errors.employer_id = '请选择已认证的宣讲单位'
      employerId = employer?.id ?? null
    }
    if (Object.keys(errors).length) throw new FormErrors(errors)
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
      throw new FormErrors({ employer_id: '请选择已认证的单位' })
    try {
      await Exhibitor.create({
        eventId: event.id,
        employerId,
        boothNo,
        status: 'approved',
        reviewedBy: actor.id,
        reviewedAt: DateTime.now(),
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw new FormErrors({ employer_id: '该单位已在参展单位中' })
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
    if (!event) throw new EventRefusal('招聘会不存在或未发布', 'not_found', 404)
    if (event.startsAt <= DateTime.now())
      throw new EventRefusal('招聘会已开始，不能再申请参展', 'started')
    const stamp = nowDb()
    const existing = await Exhibitor.query()
      .where('event_id', event.id)
      .where('employer_id', employer.id)
      .first()
    if (existing) {
      const reopened = await db
        .from('event_exhibitors')
        .where('id', existing.id)
        .where('status', 'rejected')
        .update({
          status: 'pending',
          note: note ?? null,
          reject_reason: null,
          reviewed_by: null,
          reviewed_at: null,
          updated_at: stamp,
        })
      if (Number(reopened) !== 1)
        throw new EventRefusal(
          existing.status === 'approved'
            ? '贵单位已是该招聘会的参展单位'
            : '已提交参展申请，请等待主办方审核',
          'twice'
        )
      return existing
    }
    try {
      return await Exhibitor.create({
        eventId: event.id,
        employerId: employer.id,
        status: 'pending',
        note: note ?? null,
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw new EventRefusal('已提交参展申请，请等待主办方审核', 'twice')
      throw error
    }
  }

  async approveBooth(actor: User, exhibitor: Exhibitor, boothNo: string) {
    await exhibitor.load('event')
    const changed = await db
      .from('event_exhibitors')
      .where('id', exhibitor.id)
      .where('status', 'pending')
      .update({
        status: 'approved',
        booth_no: boothNo,
        reviewed_by: actor.id,
        reviewed_at: nowDb(),
        updated_at: nowDb(),
      })
    if (Number(changed) !== 1) throw new EventRefusal('该申请已处理，请刷新页面', 'reviewed', 409)
    await this.#tellEmployer(exhibitor.employerId, {
      title: `参展申请已通过：${exhibitor.event.title}`,
      body: `贵单位参加「${exhibitor.event.title}」的申请已通过，展位号 ${boothNo}。举办时间：${formatDateTime(exhibitor.event.startsAt)}，地点：${exhibitor.event.place ?? '线上'}。`,
      link: '/employer/events/fairs',
      dedupeKey: `booth-review-${exhibitor.id}-${Date.now()}`,
    })
    await audit.record({
      actor,
      action: 'events.booth.approve',
      subject: { type: 'event_exhibitor', id: exhibitor.id },
      schoolId: exhibitor.event.schoolId,
      after: { boothNo },
    })
  }

  async rejectBooth(actor: User, exhibitor: Exhibitor, reason: string) {
    await exhibitor.load('event')
    const changed = await db
      .from('event_exhibitors')
      .where('id', exhibitor.id)
      .where('status', 'pending')
      .update({
        status: 'rejected',
        reject_reason: reason,
        reviewed_by: actor.id,
        reviewed_at: nowDb(),
        updated_at: nowDb(),
      })
    if (Number(changed) !== 1) throw new EventRefusal('该申请已处理，请刷新页面', 'reviewed', 409)
    await this.#tellEmployer(exhibitor.employerId, {
      title: `参展申请未通过：${exhibitor.event.title}`,
      body: `贵单位参加「${exhibitor.event.title}」的申请未通过。原因：${reason}`,
      link: '/employer/events/fairs',
      dedupeKey: `booth-review-${exhibitor.id}-${Date.now()}`,
    })
    await audit.record({
      actor,
      action: 'events.booth.reject',
      subject: { type: 'event_exhibitor', id: exhibitor.id },
      schoolId: exhibitor.event.schoolId,
      note: reason,
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
    if (!school || !site) errors.school_id = '请选择学校'
    const startsAt = parseLocal(input.starts_at)
    const endsAt = parseLocal(input.ends_at)
    if (!startsAt) errors.starts_at = '请填写正确的开始时间'
    else if (startsAt <= DateTime.now()) errors.starts_at = '宣讲时间须晚于当前时间'
    if (!endsAt) errors.ends_at = '请填写正确的结束时间'
    if (startsAt && endsAt && endsAt <= startsAt) errors.ends_at = '结束时间须晚于开始时间'
    if (input.mode === 'offline' && !input.room_wish) errors.room_wish = '线下宣讲会请填写场地意向'
    if (input.mode === 'online' && !input.online_url) errors.online_url = '线上宣讲会须填写线上地址'
    const jobIds = [...new Set(input.job_ids ?? [])]
    if (jobIds.some((id) => !openJobIds.has(id))) errors.job_ids = '只能选择贵单位正在招聘的职位'
    if (Object.keys(errors).length) throw new FormErrors(errors)

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
          status: 'pending',
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
      if (!input.place) errors.place = '请安排宣讲地点（教室/场馆）'
      if (!input.capacity) errors.capacity = '请填写可报名人数'
      if (!opens) errors.registration_starts_at = '请填写报名开始时间'
      if (!closes) errors.registration_ends_at = '请填写报名截止时间'
      if (opens && closes && closes <= opens)
        errors.registration_ends_at = '报名截止时间须晚于报名开始时间'
      if (closes && closes > event.startsAt)
        errors.registration_ends_at = '报名须在宣讲会开始前截止'
      Object.assign(values, {
        place: input.place,
        capacity: input.capacity,
        registrationStartsAt: opens,
        registrationEndsAt: closes,
      })
    }
    if (Object.keys(errors).length) throw new FormErrors(errors)
    const changed = await db
      .from('recruitment_events')
      .where('id', event.id)
      .where('status', 'pending')
      .update({
        status: 'published',
        reviewed_by: actor.id,
        reviewed_at: nowDb(),
        updated_at: nowDb(),
      })
    if (Number(changed) !== 1) throw new EventRefusal('该申请已处理，请刷新页面', 'reviewed', 409)
    await event.refresh()
    event.merge(values)
    await event.save()
    await this.#tellEmployer(event.employerId!, {
      title: `宣讲会申请已通过：${event.title}`,
      body: `贵单位的宣讲会「${event.title}」已通过审核。时间：${formatDateTime(event.startsAt)}，地点：${event.place ?? '线上'}。`,
      link: '/employer/events/sessions',
      dedupeKey: `session-review-${event.id}`,
    })
    await audit.record({
      actor,
      action: 'events.session.approve',
      subject: { type: 'recruitment_event', id: event.id },
      schoolId: event.schoolId,
    })
  }

  async rejectSession(actor: User, event: RecruitmentEvent, reason: string) {
    const changed = await db
      .from('recruitment_events')
      .where('id', event.id)
      .where('status', 'pending')
      .update({
        status: 'rejected',
        reject_reason: reason,
        reviewed_by: actor.id,
        reviewed_at: nowDb(),
        updated_at: nowDb(),
      })
    if (Number(changed) !== 1) throw new EventRefusal('该申请已处理，请刷新页面', 'reviewed', 409)
    await this.#tellEmployer(event.employerId!, {
      title: `宣讲会申请未通过：${event.title}`,
      body: `贵单位的宣讲会申请「${event.title}」未通过。原因：${reason}`,
      link: '/employer/events/sessions',
      dedupeKey: `session-review-${event.id}`,
    })
    await audit.record({
      actor,
      action: 'events.session.reject',
      subject: { type: 'recruitment_event', id: event.id },
      schoolId: event.schoolId,
      note: reason,
    })
  }

  async #verifiedEmployer(employerUser: User) {
    const employer = employerUser.employerId ? await Employer.find(employerUser.employerId) : null
    if (!employer) throw new EventRefusal('当前账号未关联单位', 'no_employer', 403)
    if (!employer.isVerified)
      throw new EventRefusal('单位通过认证后才能申请参展或宣讲', 'unverified', 403)
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

const organiser = new OrganiserService()
export default organiser
