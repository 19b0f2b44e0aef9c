import { DateTime } from 'luxon'
import { text } from '#core/i18n/text'
import db from '@adonisjs/lucid/services/db'
import type Site from '#core/tenancy/models/site'
import { nowDb, toDb } from '#core/database/time'
import { DISPLAY_ZONE } from '#core/ui/format'
import { queryId, queryPage } from '#core/http/query'
import RecruitmentEvent, { type EventKind } from '#modules/events/models/recruitment_event'

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
