import { DateTime } from 'luxon'
import { text } from '#core/i18n/text'
import db from '@adonisjs/lucid/services/db'
import type Site from '#core/tenancy/models/site'
import { fromDb, nowDb, toDb } from '#core/database/time'
import router from '@adonisjs/core/services/router'
import { DISPLAY_ZONE } from '#core/ui/format'
import { queryId, queryPage } from '#core/http/query'
import RecruitmentEvent, { type EventKind } from '#modules/events/models/recruitment_event'

/** What the widgets' event lists show (no model: a plain row). */
export interface EventListItem {
  id: number
  kind: EventKind
  title: string
  schoolId: number | null
  isOffline: boolean
  startsAt: DateTime
  url: string
  studentUrl: string
}

export interface ListFilters {
  tab: 'upcoming' | 'past'
  city?: string
  /** A school id, or 'province' for province-wide events. */
  school?: string
  mode?: 'online' | 'offline'
  /** yyyy-MM-dd (Asia/Shanghai): events running on that day. */
  date?: string
  page: number
  /** Open API: only events changed at or after this instant (how a client learns of new items). */
  updatedSince?: DateTime
}

/** Reads filters from a query string, dropping anything unexpected (URL state of the lists). */
export function parseFilters(qs: Record<string, any>): ListFilters {
  const trimmed = (v: unknown, max = 50) =>
    typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : undefined
  const date = trimmed(qs.date, 10)
  const school = trimmed(qs.school, 12)
  return {
    tab: qs.tab === 'past' ? 'past' : 'upcoming',
    city: trimmed(qs.city),
    // An id beyond the integer column would be a PostgreSQL 500: such a school is no filter.
    school: school === 'province' ? school : queryId(school) ? String(queryId(school)) : undefined,
    mode: qs.mode === 'online' || qs.mode === 'offline' ? qs.mode : undefined,
    date:
      date &&
      DateTime.fromISO(date, { zone: DISPLAY_ZONE }).isValid &&
      /^\d{4}-\d{2}-\d{2}$/.test(date)
        ? date
        : undefined,
    page: Math.min(1000, queryPage(qs.page)),
  }
}

/**
 * Public lists of fairs and sessions. Recruitment resources are shared province-wide; a subsite
 * features its own school's events first, the main site shows everything by time.
 */
export class EventCatalog {
  published(kind: EventKind) {
    return RecruitmentEvent.query()
      .where('recruitment_events.kind', kind)
      .where('recruitment_events.status', 'published')
  }

  list(kind: EventKind, site: Site, filters: ListFilters, perPage = 10) {
    const now = nowDb()
    const query = this.published(kind).preload('school').preload('employer')
    if (filters.tab === 'past') query.where('ends_at', '<=', now)
    else query.where('ends_at', '>', now)
    if (filters.city) query.where('city', filters.city)
    if (filters.school === 'province') query.whereNull('school_id')
    else if (filters.school) query.where('school_id', queryId(filters.school) ?? 0)
    if (filters.mode) query.where('mode', filters.mode)
    if (filters.updatedSince) query.where('updated_at', '>=', toDb(filters.updatedSince))
    if (filters.date) {
      const day = DateTime.fromISO(filters.date, { zone: DISPLAY_ZONE })
      query
        .where('starts_at', '<', toDb(day.endOf('day')))
        .where('ends_at', '>=', toDb(day.startOf('day')))
    }
    this.#featureSite(query, site)
    query.orderBy('starts_at', filters.tab === 'past' ? 'desc' : 'asc').orderBy('id', 'asc')
    return query.paginate(filters.page, perPage)
  }

  /** Latest upcoming events for home widgets and the portal. */
  latest(kind: EventKind, site: Site | null, limit = 5) {
    const query = this.published(kind)
      .where('ends_at', '>', nowDb())
      .preload('school')
      .preload('employer')
    if (site) this.#featureSite(query, site)
    return query.orderBy('starts_at', 'asc').orderBy('id', 'asc').limit(limit)
  }

  /**
   * Home widgets and the portal: the latest upcoming 招聘会 and 宣讲会 (`limit` of each, the site's
   * own school first) and, for a student, the 待参加活动 count — ONE statement (row_number() per
   * kind), only the columns the widget shows, no model hydration.
   */
  async latestBoth(site: Site | null, limit: number, pendingFor?: number) {
    const now = nowDb()
    const featured = site && !site.isMain && site.schoolId ? site.schoolId : 0
    const pending = pendingFor
      ? `(SELECT count(*) FROM event_registrations r JOIN recruitment_events e ON e.id = r.event_id
          WHERE r.user_id = ? AND r.status = 'registered' AND e.status = 'published' AND e.ends_at > ?)`
      : '0'
    const result = await db.rawQuery(
      `WITH ranked AS (
         SELECT id, kind, title, school_id, mode, starts_at,
                row_number() OVER (PARTITION BY kind
                  ORDER BY CASE WHEN school_id = ? THEN 0 ELSE 1 END, starts_at, id) AS n
         FROM recruitment_events
         WHERE kind IN ('fair', 'session') AND status = 'published' AND ends_at > ?
       )
       SELECT p.pending, r.id, r.kind, r.title, r.school_id, r.mode, r.starts_at
       FROM (SELECT ${pending} AS pending) p LEFT JOIN ranked r ON r.n <= ?
       ORDER BY r.kind, r.n`,
      [featured, now, ...(pendingFor ? [pendingFor, now] : []), limit]
    )
    const rows: any[] = Array.isArray(result) ? result : result.rows
    const items = { fair: [] as EventListItem[], session: [] as EventListItem[] }
    for (const r of rows) {
      if (r.id === null || r.id === undefined) continue
      const id = Number(r.id)
      const kind = r.kind as EventKind
      items[kind]?.push({
        id,
        kind,
        title: r.title,
        schoolId: r.school_id === null ? null : Number(r.school_id),
        isOffline: r.mode === 'offline',
        startsAt: fromDb(r.starts_at)!,
        url: router.makeUrl(kind === 'fair' ? 'events.fairs.show' : 'events.sessions.show', { id }),
        studentUrl: router.makeUrl(
          kind === 'fair' ? 'events.student.fairs.show' : 'events.student.sessions.show',
          { id }
        ),
      })
    }
    return { pending: Number(rows[0]?.pending ?? 0), fairs: items.fair, sessions: items.session }
  }

  /** Options for the filters: cities in use and the organising schools. */
  async filterOptions(kind: EventKind) {
    const cities = await db
      .from('recruitment_events')
      .where('kind', kind)
      .where('status', 'published')
      .distinct('city')
      .orderBy('city')
    const schools = await db.from('schools').select('id', 'name').orderBy('id')
    return {
      cities: cities.map((c: any) => ({ value: c.city, label: c.city })),
      schools: [
        { value: 'province', label: text('events.labels.province_scope') },
        ...schools.map((s: any) => ({ value: String(s.id), label: s.name })),
      ],
    }
  }

  /** Company page: fairs the employer exhibits at (upcoming first) and its upcoming sessions. */
  async ofEmployer(employerId: number) {
    const now = nowDb()
    const fairs = await this.published('fair')
      .whereIn(
        'id',
        db
          .from('event_exhibitors')
          .where('employer_id', employerId)
          .where('status', 'approved')
          .select('event_id')
      )
      .where('ends_at', '>', toDb(DateTime.now().minus({ days: 90 })))
      .preload('school')
      .orderByRaw('CASE WHEN ends_at > ? THEN 0 ELSE 1 END', [now])
      .orderBy('starts_at', 'asc')
      .limit(10)
    const sessions = await this.published('session')
      .where('employer_id', employerId)
      .where('ends_at', '>', now)
      .preload('school')
      .orderBy('starts_at', 'asc')
      .limit(10)
    const exhibitors = await db
      .from('event_exhibitors')
      .whereIn(
        'event_id',
        fairs.map((f) => f.id)
      )
      .where('employer_id', employerId)
      .select('event_id', 'booth_no')
    const booths = new Map(
      exhibitors.map((e: any) => [Number(e.event_id), e.booth_no as string | null])
    )
    return { fairs, sessions, booths }
  }

  #featureSite(query: ReturnType<EventCatalog['published']>, site: Site) {
    if (!site.isMain && site.schoolId) {
      query.orderByRaw('CASE WHEN school_id = ? THEN 0 ELSE 1 END', [site.schoolId])
    }
  }
}

const catalog = new EventCatalog()
export default catalog
