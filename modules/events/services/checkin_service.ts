import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { fromDb, nowDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import { normaliseTicketCode } from '#modules/events/services/ticket_codes'
import { registrationMachine } from '#modules/events/machines/registration'
import { text } from '#core/i18n/text'

export interface CheckInResult {
  ok: boolean
  message: string
  code: string
  student?: {
    name: string
    studentNumber: string | null
    school: string | null
    college: string | null
    major: string | null
  }
  checkedInAt?: string
}

/** Doors open this long before the start; a ticket cannot be checked in days ahead or after the end. */
export const CHECK_IN_OPENS_BEFORE = { hours: 2 }

export function checkInWindowRefusal(event: RecruitmentEvent, now = DateTime.now()): string | null {
  if (now < event.startsAt.minus(CHECK_IN_OPENS_BEFORE)) {
    return text('events.refusals.checkin.not_open', { at: formatDateTime(event.startsAt) })
  }
  if (now >= event.endsAt) return text('events.refusals.checkin.ended')
  return null
}

/**
 * 入场签到: a ticket checks in once (conditional update); cancelled tickets and other events'
 * tickets are refused with the reason.
 */
export class CheckInService {
  async checkIn(staff: User, event: RecruitmentEvent, input: string): Promise<CheckInResult> {
    const code = normaliseTicketCode(input)
    if (!code) return { ok: false, code, message: text('events.refusals.checkin.code_required') }
    const closed = checkInWindowRefusal(event)
    if (closed) return { ok: false, code, message: closed }
    const stamp = nowDb()
    // One conditional UPDATE: an active ticket of this event, not checked in yet.
    const changed = await registrationMachine.applyWhere(
      db.connection(),
      'check_in',
      (q: any) =>
        q.where('ticket_code', code).where('event_id', event.id).whereNull('checked_in_at'),
      { set: { checked_in_at: stamp, checked_in_by: staff.id, updated_at: stamp } }
    )

    const row = await db
      .from('event_registrations as r')
      .join('recruitment_events as e', 'e.id', 'r.event_id')
      .join('users as u', 'u.id', 'r.user_id')
      .leftJoin('graduates as g', 'g.id', 'u.graduate_id')
      .leftJoin('schools as s', 's.id', 'r.school_id')
      .where('r.ticket_code', code)
      .select(
        'r.event_id',
        'r.status',
        'r.checked_in_at',
        'e.title',
        'u.name',
        'g.student_number',
        'g.college',
        'g.major',
        's.name as school_name'
      )
      .first()
    if (!row) return { ok: false, code, message: text('events.refusals.checkin.ticket_invalid') }
    const student = {
      name: row.name,
      studentNumber: row.student_number ?? null,
      school: row.school_name ?? null,
      college: row.college ?? null,
      major: row.major ?? null,
    }
    if (changed === 1) {
      return {
        ok: true,
        code,
        message: text('events.flash.checked_in', { name: row.name }),
        student,
        checkedInAt: formatDateTime(fromDb(row.checked_in_at)),
      }
    }
    if (Number(row.event_id) !== event.id) {
      return {
        ok: false,
        code,
        message: text('events.refusals.checkin.other_event', { title: row.title }),
        student,
      }
    }
    if (row.status === 'cancelled')
      return { ok: false, code, message: text('events.refusals.ticket_cancelled'), student }
    return {
      ok: false,
      code,
      message: text('events.refusals.checkin.already_checked_in', {
        at: formatDateTime(fromDb(row.checked_in_at)),
      }),
      student,
      checkedInAt: formatDateTime(fromDb(row.checked_in_at)),
    }
  }

  /** 报名 / 签到 counts per event. */
  async attendance(eventIds: number[]) {
    const result = new Map<number, { registered: number; checkedIn: number }>()
    if (!eventIds.length) return result
    const rows = await db
      .from('event_registrations')
      .whereIn('event_id', eventIds)
      .where('status', 'registered')
      .groupBy('event_id')
      .select('event_id')
      .count('* as registered')
      .count('checked_in_at as checked_in')
    for (const id of eventIds) result.set(id, { registered: 0, checkedIn: 0 })
    for (const r of rows as any[])
      result.set(Number(r.event_id), {
        registered: Number(r.registered),
        checkedIn: Number(r.checked_in),
      })
    return result
  }
}

const checkIns = new CheckInService()
export default checkIns
