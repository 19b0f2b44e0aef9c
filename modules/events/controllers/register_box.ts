import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'

export interface RegisterBox {
  event: RecruitmentEvent
  /** visitor | not_student | online | registered | open | not_yet | closed | full | past */
  state: string
  registrationId: number | null
  loginUrl: string
  message?: string | null
  messageType?: 'success' | 'error'
}

/** What the 学生报名参加 box shows for the current visitor or student. */
export async function registerBoxState(
  ctx: HttpContext,
  event: RecruitmentEvent,
  message?: string | null,
  messageType?: 'success' | 'error',
  /** The student's active registration when the caller has just read it (no query then). */
  known?: { registrationId: number | null }
): Promise<RegisterBox> {
  const user = ctx.auth.use('web').user
  const detail = ctx.request.method() === 'GET' ? ctx.request.url() : event.url
  const box: RegisterBox = {
    event,
    state: 'open',
    registrationId: null,
    loginUrl: `/login?redirect=${encodeURIComponent(detail)}`,
    message,
    messageType,
  }
  const now = DateTime.now()
  if (!event.isOffline) box.state = 'online'
  else if (event.endsAt <= now) box.state = 'past'
  else if (!user) box.state = 'visitor'
  else if (user.kind !== 'student') box.state = 'not_student'
  else {
    const row = known
      ? known.registrationId !== null
        ? { id: known.registrationId }
        : null
      : await db
          .from('event_registrations')
          .where('event_id', event.id)
          .where('user_id', user.id)
          .where('status', 'registered')
          .select('id')
          .first()
    if (row) {
      box.state = 'registered'
      box.registrationId = Number(row.id)
    } else if (event.registrationStartsAt && now < event.registrationStartsAt) box.state = 'not_yet'
    else if (!event.registrationOpenAt(now)) box.state = 'closed'
    else if ((event.seatsLeft ?? 0) <= 0) box.state = 'full'
  }
  return box
}
