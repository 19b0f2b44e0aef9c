import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { fromDb, nowDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import { normaliseTicketCode } from '#modules/events/services/ticket_codes'

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
    return `签到尚未开始：本场活动 ${formatDateTime(event.startsAt)} 开始，开场前 2 小时起可签到`
  }
  if (now >= event.endsAt) return '本场活动已结束，不能再签到'
  return null
}

/**
 * 入场签到: a ticket checks in once (conditional update); cancelled tickets and other events'
 * tickets are refused with the reason.
 */
export class CheckInService {
  async checkIn(staff: User, event: RecruitmentEvent, input: string): Promise<CheckInResult> {
    const code = normaliseTicketCode(input)
    if (!code) return { ok: false, code, message: '请输入或扫描入场券编号' }
    const closed = checkInWindowRefusal(event)
    if (closed) return { ok: false, code, message: closed }
    const stamp = nowDb()
    const changed = await db
      .from('event_registrations')
      .where('ticket_code', code)
      .where('event_id', event.id)
      .where('status', 'registered')
      .whereNull('checked_in_at')
      .update({ checked_in_at: stamp, checked_in_by: staff.id, updated_at: stamp })

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
    if (!row) return { ok: false, code, message: '入场券无效：未找到该入场券编号' }
    const student = {
      name: row.name,
      studentNumber: row.student_number ?? null,
      school: row.school_name ?? null,
      college: row.college ?? null,
      major: row.major ?? null,
    }
    if (Number(changed) === 1) {
      return {
        ok: true,
        code,
        message: `签到成功：${row.name}`,
        student,
        checkedInAt: formatDateTime(fromDb(row.checked_in_at)),
      }
    }
    if (Number(row.event_id) !== event.id) {
      return {
        ok: false,
        code,
        message: `该入场券不属于本场活动（属于「${row.title}」），不能签到`,
        student,
      }
    }
    if (row.status === 'cancelled')
      return { ok: false, code, message: '该入场券已取消报名，不能签到', student }
    return {
      ok: false,
      code,
      message: `该入场券已于 ${formatDateTime(fromDb(row.checked_in_at))} 签到，不能重复签到`,
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
