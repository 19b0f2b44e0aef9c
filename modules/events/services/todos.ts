import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type { TodoItem } from '#core/modules/manifest'
import { toDb } from '#core/database/time'
import { organiserSchoolId } from '#modules/events/services/organiser_service'

/** How long a review result counts as new on the 单位中心 home (there is no "seen" mark). */
export const RECENT_RESULT_DAYS = 7

/**
 * The filters behind the to-dos, used by the lists as well (one definition, so a count and the
 * list its link opens cannot disagree).
 */
export const filters = {
  /** Events of an organiser (school id, or null for the province). */
  organiserEvents<Q extends { where: any; whereNull: any }>(query: Q, schoolId: number | null) {
    return schoolId === null ? query.whereNull('school_id') : query.where('school_id', schoolId)
  },
  /** Events with at least one 参展申请 awaiting review (the organiser's 参展申请待审核 tab). */
  withPendingBooths<Q extends { whereExists: any }>(query: Q) {
    return query.whereExists((q: any) =>
      q
        .from('event_exhibitors as x')
        .whereRaw('x.event_id = recruitment_events.id')
        .where('x.status', 'pending')
    )
  },
  /** Reviewed (approved or rejected) within the last RECENT_RESULT_DAYS days. */
  recentlyReviewed<Q extends { whereIn: any; where: any }>(query: Q, decided: string[]) {
    const since = toDb(DateTime.now().minus({ days: RECENT_RESULT_DAYS }))
    return query.whereIn('status', decided).where('reviewed_at', '>=', since)
  },
}

async function count(query: any) {
  const row = await query.count('* as total').first()
  return Number(row?.total ?? 0)
}

/** 学校 / 省级工作台: booth and session applications awaiting this organiser. */
export async function organiserTodos(ctx: HttpContext): Promise<TodoItem[]> {
  const user = ctx.auth.use('web').user!
  const schoolId = organiserSchoolId(user)
  const area = schoolId === null ? 'province' : 'school'
  const events = () => filters.organiserEvents(db.from('recruitment_events'), schoolId)
  const booths = await count(
    db
      .from('event_exhibitors')
      .where('status', 'pending')
      .whereIn('event_id', events().select('id'))
  )
  const sessions = await count(events().where('status', 'pending'))
  // The tabs of the organiser's event list (the admin resource `<area>.events`).
  const url = (tab: string) => router.makeUrl(`${area}.events.index`, {}, { qs: { tab } })
  return [
    { label: text('events.todos.pending_booths'), count: booths, href: url('booths') },
    { label: text('events.todos.pending_sessions'), count: sessions, href: url('pending') },
  ]
}

/** 单位中心: booth and session applications that got their review result recently. */
export async function employerTodos(ctx: HttpContext): Promise<TodoItem[]> {
  const employerId = ctx.auth.use('web').user!.employerId!
  const booths = await count(
    filters.recentlyReviewed(db.from('event_exhibitors').where('employer_id', employerId), [
      'approved',
      'rejected',
    ])
  )
  const sessions = await count(
    filters.recentlyReviewed(
      db.from('recruitment_events').where('kind', 'session').where('employer_id', employerId),
      ['published', 'rejected']
    )
  )
  return [
    {
      label: text('events.todos.booth_results', { days: RECENT_RESULT_DAYS }),
      count: booths,
      href: router.makeUrl('events.employer.fairs', {}, { qs: { result: 'recent' } }),
    },
    {
      label: text('events.todos.session_results', { days: RECENT_RESULT_DAYS }),
      count: sessions,
      href: router.makeUrl('events.employer.sessions', {}, { qs: { result: 'recent' } }),
    },
  ]
}
