import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import messages from '#core/messages/services/message_service'
import queue from '#core/queue/dispatcher'
import { fromDb, nowDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import Registration from '#modules/events/models/registration'
import { EventRefusal, isUniqueViolation } from '#modules/events/services/errors'
import { newTicketCode } from '#modules/events/services/ticket_codes'

export const REFUSAL = {
  notFound: '活动不存在或尚未发布',
  online: '线上活动无需报名，直接在线投递简历即可',
  notStudent: '只有毕业生账号可以报名参加',
  notOpenYet: (at: DateTime) => `报名尚未开始，${formatDateTime(at)} 开放报名`,
  closed: '报名已截止',
  full: '名额已满',
  twice: '您已报名该活动，请勿重复报名',
  cancelStarted: '活动已开始，不能取消报名',
  cancelCheckedIn: '已签到的活动不能取消报名',
  alreadyCancelled: '该报名已取消',
} as const

/** The schedule key of a registration (我的日程): same key when registering again revives the entry. */
export function scheduleKey(eventId: number) {
  return `event-${eventId}`
}

interface EventRow {
  id: number
  kind: 'fair' | 'session'
  title: string
  mode: string
  status: string
  place: string | null
  starts_at: unknown
  ends_at: unknown
  registration_starts_at: unknown
  registration_ends_at: unknown
  capacity: number | null
  taken: number
}

/**
 * 学生报名参加 and 取消 (PRODUCT.md rules 5, 6, 9). Seats hold under a rush: the registration row
 * (unique per event and student) and a conditional `taken = taken + 1 WHERE taken < capacity`
 * commit together or not at all; the seat update comes last so the event row is locked briefly.
 */
export class RegistrationService {
  async register(student: User, eventId: number) {
    if (student.kind !== 'student' || !student.schoolId)
      throw new EventRefusal(REFUSAL.notStudent, 'not_student', 403)
    const event = await this.#event(eventId)
    const now = DateTime.now()
    this.#assertOpen(event, now)
    if (event.capacity !== null && event.taken >= event.capacity)
      throw new EventRefusal(REFUSAL.full, 'full')

    const existing = await db
      .from('event_registrations')
      .where('event_id', event.id)
      .where('user_id', student.id)
      .select('id', 'status')
      .first()
    if (existing?.status === 'registered') throw new EventRefusal(REFUSAL.twice, 'twice')

    const code = newTicketCode()
    const stamp = nowDb()
    const startsAt = fromDb(event.starts_at)!
    const registrationId = await db.transaction(async (trx) => {
      let id: number
      if (existing) {
        // Registering again after 取消: the same row comes back with a fresh ticket.
        const revived = await trx
          .from('event_registrations')
          .where('id', existing.id)
          .where('status', 'cancelled')
          .update({
            status: 'registered',
            ticket_code: code,
            registered_at: stamp,
            cancelled_at: null,
            checked_in_at: null,
            checked_in_by: null,
            updated_at: stamp,
          })
        if (Number(revived) !== 1) throw new EventRefusal(REFUSAL.twice, 'twice')
        id = existing.id
      } else {
        try {
          const [row] = await trx
            .insertQuery()
            .table('event_registrations')
            .insert({
              event_id: event.id,
              user_id: student.id,
              school_id: student.schoolId,
              status: 'registered',
              ticket_code: code,
              registered_at: stamp,
              created_at: stamp,
              updated_at: stamp,
            })
            .returning('id')
          id = typeof row === 'object' ? row.id : row
        } catch (error) {
          if (isUniqueViolation(error)) throw new EventRefusal(REFUSAL.twice, 'twice')
          throw error
        }
      }
      await messages.addSchedule(
        {
          userId: student.id,
          title: `${event.kind === 'fair' ? '招聘会' : '宣讲会'}：${event.title}`,
          startsAt,
          endsAt: fromDb(event.ends_at),
          location: event.place,
          link: '/student/events',
          sourceKey: scheduleKey(event.id),
        },
        trx
      )
      // Last, so the event row stays locked only until the commit right after it.
      const seat = await trx
        .from('recruitment_events')
        .where('id', event.id)
        .where('status', 'published')
        .where('registration_starts_at', '<=', stamp)
        .where('registration_ends_at', '>=', stamp)
        .whereRaw('taken < capacity')
        .increment('taken', 1)
      if (Number(seat) !== 1) throw new EventRefusal(REFUSAL.full, 'full')
      return id
    })

    await this.#scheduleReminder(registrationId, code, startsAt, student.schoolId)
    return { id: registrationId, ticketCode: code }
  }

  /** 取消: frees the seat and the schedule entry; the student may register again. */
  async cancel(student: User, registrationId: number) {
    const registration = await Registration.query()
      .where('id', registrationId)
      .where('user_id', student.id)
      .preload('event')
      .first()
    if (!registration) throw new EventRefusal('报名记录不存在', 'not_found', 404)
    if (registration.status === 'cancelled')
      throw new EventRefusal(REFUSAL.alreadyCancelled, 'cancelled')
    if (registration.checkedInAt) throw new EventRefusal(REFUSAL.cancelCheckedIn, 'checked_in')
    if (registration.event.startsAt <= DateTime.now())
      throw new EventRefusal(REFUSAL.cancelStarted, 'started')

    await db.transaction(async (trx) => {
      const stamp = nowDb()
      const changed = await trx
        .from('event_registrations')
        .where('id', registration.id)
        .where('status', 'registered')
        .whereNull('checked_in_at')
        .update({ status: 'cancelled', cancelled_at: stamp, updated_at: stamp })
      if (Number(changed) !== 1) throw new EventRefusal(REFUSAL.alreadyCancelled, 'cancelled')
      await trx
        .from('recruitment_events')
        .where('id', registration.eventId)
        .where('taken', '>', 0)
        .decrement('taken', 1)
      await messages.cancelSchedule(student.id, scheduleKey(registration.eventId), trx)
    })
    return registration
  }

  /** 我报名的活动: every registration across the main site and all subsites, newest event time first. */
  mine(student: User, page = 1, perPage = 10) {
    return Registration.query()
      .join('recruitment_events', 'recruitment_events.id', 'event_registrations.event_id')
      .where('event_registrations.user_id', student.id)
      .select('event_registrations.*')
      .preload('event', (q) => q.preload('school').preload('employer'))
      .orderBy('recruitment_events.starts_at', 'desc')
      .orderBy('event_registrations.id', 'desc')
      .paginate(page, perPage)
  }

  /** Active registrations of the student for these events (for 已报名 buttons on lists). */
  async activeFor(studentId: number, eventIds: number[]) {
    if (!eventIds.length) return new Map<number, number>()
    const rows = await db
      .from('event_registrations')
      .where('user_id', studentId)
      .whereIn('event_id', eventIds)
      .where('status', 'registered')
      .select('event_id', 'id')
    return new Map<number, number>(rows.map((r: any) => [Number(r.event_id), Number(r.id)]))
  }

  /** 待参加活动: active registrations for events that have not ended. */
  async upcomingCount(studentId: number) {
    const row = await db
      .from('event_registrations')
      .join('recruitment_events', 'recruitment_events.id', 'event_registrations.event_id')
      .where('event_registrations.user_id', studentId)
      .where('event_registrations.status', 'registered')
      .where('recruitment_events.status', 'published')
      .where('recruitment_events.ends_at', '>', nowDb())
      .count('* as total')
      .first()
    return Number(row?.total ?? 0)
  }

  async #event(eventId: number): Promise<EventRow> {
    const event = await db
      .from('recruitment_events')
      .where('id', eventId)
      .select(
        'id',
        'kind',
        'title',
        'mode',
        'status',
        'place',
        'starts_at',
        'ends_at',
        'registration_starts_at',
        'registration_ends_at',
        'capacity',
        'taken'
      )
      .first()
    if (!event || event.status !== 'published')
      throw new EventRefusal(REFUSAL.notFound, 'not_found', 404)
    return event
  }

  #assertOpen(event: EventRow, now: DateTime) {
    if (event.mode === 'online') throw new EventRefusal(REFUSAL.online, 'online')
    const opens = fromDb(event.registration_starts_at)
    const closes = fromDb(event.registration_ends_at)
    const starts = fromDb(event.starts_at)!
    if (!opens || !closes || event.capacity === null)
      throw new EventRefusal(REFUSAL.closed, 'window')
    if (now < opens) throw new EventRefusal(REFUSAL.notOpenYet(opens), 'window')
    if (now > closes || now >= starts) throw new EventRefusal(REFUSAL.closed, 'window')
  }

  /** The day-before reminder, delayed to 24 h before the start (the job re-checks everything when it runs). */
  async #scheduleReminder(
    registrationId: number,
    code: string,
    startsAt: DateTime,
    schoolId: number
  ) {
    const delay = Math.max(0, startsAt.minus({ days: 1 }).toMillis() - Date.now())
    // One job per ticket: registering again after 取消 gets a new ticket and so a new reminder job.
    const jobId = `events-reminder-${registrationId}-${code.slice(0, 6)}`
    await queue.dispatch('events-reminder', { registrationId, schoolId }, { delay, jobId })
  }
}

const registrations = new RegistrationService()
export default registrations
