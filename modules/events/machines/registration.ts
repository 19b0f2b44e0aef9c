import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { defineMachine, type StateOf } from '#core/state/machine'
import type { nowDb } from '#core/database/time'

/**
 * 活动报名 (event_registrations.status): a student registers (a seat is taken with the row) and may
 * cancel before the event starts; registering again after 取消 brings the same row back. 入场签到
 * keeps the state (`check_in` marks `checked_in_at` once, on an active registration only).
 */
export const registrationMachine = defineMachine({
  name: 'events.registration',
  table: 'event_registrations',
  states: ['registered', 'cancelled'],
  initial: ['registered'],
  transitions: {
    cancel: { from: ['registered'], to: 'cancelled', refuse: 'events.refusals.already_cancelled' },
    /** 再次报名 after 取消: the same row, a fresh ticket. */
    register_again: {
      from: ['cancelled'],
      to: 'registered',
      refuse: 'events.refusals.twice',
      status: 422,
    },
    check_in: { from: ['registered'], to: '=', refuse: 'events.refusals.ticket_cancelled' },
  },
  labels: {
    registered: 'events.states.registration.registered',
    cancelled: 'events.states.registration.cancelled',
  },
})

export type RegistrationState = StateOf<typeof registrationMachine>

/** The seat is granted only when every rule of the window holds at this instant (PRODUCT.md 5, 9). */
export const OPEN_SEAT_SQL = `status = 'published' AND mode <> 'online' AND capacity IS NOT NULL
  AND registration_starts_at <= ? AND registration_ends_at >= ? AND starts_at > ? AND taken < capacity`

export interface SeatGrant {
  eventId: number
  userId: number
  schoolId: number
  ticketCode: string
  stamp: ReturnType<typeof nowDb>
  /** 我的日程 entry: title prefixes per kind (`招聘会：`, `宣讲会：`) and the link. */
  fairPrefix: string
  sessionPrefix: string
  link: string
}

/**
 * 报名 on PostgreSQL as ONE statement (benchmarked: the seat rush): the conditional seat update,
 * the registration row and its 我的日程 entry as data-modifying CTEs — one round trip, the event
 * row locked for this statement only. It lives here, beside the machine, because it creates a
 * registration: the new row's state is the machine's initial state (a bound parameter), and the
 * machine file is the one place that may name the status column in SQL. The service keeps the
 * rest of the flow (sold-out hint, refusal reasons, the SQLite transaction). Returns the event row
 * as updated plus `registration_id`, or undefined when no seat was given.
 */
export async function grantSeatInOneStatement(client: QueryClientContract, grant: SeatGrant) {
  const { stamp } = grant
  const result = await client.rawQuery(
    `WITH seat AS (
       UPDATE recruitment_events SET taken = taken + 1
       WHERE id = ? AND ${OPEN_SEAT_SQL}
       RETURNING *
     ), registration AS (
       INSERT INTO event_registrations (event_id, user_id, school_id, status, ticket_code, registered_at, created_at, updated_at)
       SELECT id, ?, ?, ?, ?, ?, ?, ? FROM seat
       RETURNING id
     ), schedule AS (
       INSERT INTO schedule_entries (user_id, title, starts_at, ends_at, location, link, source_key, cancelled_at, created_at)
       SELECT ?, CASE WHEN kind = 'fair' THEN ? ELSE ? END || title, starts_at, ends_at, place,
              ?, 'event-' || id, NULL, ?
       FROM seat WHERE EXISTS (SELECT 1 FROM registration)
       ON CONFLICT (user_id, source_key) DO UPDATE SET title = EXCLUDED.title, starts_at = EXCLUDED.starts_at,
         ends_at = EXCLUDED.ends_at, location = EXCLUDED.location, link = EXCLUDED.link, cancelled_at = NULL
     )
     SELECT seat.*, registration.id AS registration_id FROM seat, registration`,
    [
      grant.eventId,
      stamp,
      stamp,
      stamp,
      grant.userId,
      grant.schoolId,
      registrationMachine.initial().status,
      grant.ticketCode,
      stamp,
      stamp,
      stamp,
      grant.userId,
      grant.fairPrefix,
      grant.sessionPrefix,
      grant.link,
      stamp,
    ]
  )
  return result.rows[0] as (Record<string, unknown> & { registration_id: number }) | undefined
}

export interface BatchSeatGrant {
  eventId: number
  stamp: ReturnType<typeof nowDb>
  /** Distinct students, in arrival order (the first ones get the seats left). */
  students: { userId: number; schoolId: number; ticketCode: string }[]
  fairPrefix: string
  sessionPrefix: string
  link: string
}

/**
 * 报名 of several students for one event as ONE statement (PostgreSQL; group commit under a rush):
 * the event row is locked (`FOR UPDATE`, so `free` is the committed count of this instant), the
 * first `free` students in the list that have no registration row for the event yet are chosen, the
 * seat count goes up by exactly the number chosen (and only while it stays within the capacity),
 * and their registrations and 我的日程 entries are written — all or nothing: a unique key refusing
 * any row (a student registering in another process at this very moment, a ticket code taken)
 * fails the whole statement, and the caller falls back to one grant per student. Exactness comes
 * from the database alone. Returns the event row as updated and the granted students' registration
 * ids, or undefined when no seat was given to anyone.
 */
export async function grantSeatsInOneStatement(client: QueryClientContract, grant: BatchSeatGrant) {
  const { stamp } = grant
  const result = await client.rawQuery(
    `WITH req AS (
       SELECT * FROM unnest(?::int[], ?::int[], ?::text[]) WITH ORDINALITY AS t(user_id, school_id, ticket_code, ord)
     ), ev AS (
       SELECT id, capacity - taken AS free FROM recruitment_events
       WHERE id = ? AND ${OPEN_SEAT_SQL}
       FOR UPDATE
     ), chosen AS (
       SELECT req.user_id, req.school_id, req.ticket_code FROM req, ev
       WHERE NOT EXISTS (SELECT 1 FROM event_registrations r WHERE r.event_id = ev.id AND r.user_id = req.user_id)
       ORDER BY req.ord
       LIMIT (SELECT free FROM ev)
     ), seat AS (
       UPDATE recruitment_events SET taken = taken + (SELECT count(*) FROM chosen)
       WHERE id = ? AND EXISTS (SELECT 1 FROM chosen) AND taken + (SELECT count(*) FROM chosen) <= capacity
       RETURNING *
     ), registration AS (
       INSERT INTO event_registrations (event_id, user_id, school_id, status, ticket_code, registered_at, created_at, updated_at)
       SELECT seat.id, c.user_id, c.school_id, ?, c.ticket_code, ?, ?, ? FROM chosen c, seat
       RETURNING id, user_id
     ), schedule AS (
       INSERT INTO schedule_entries (user_id, title, starts_at, ends_at, location, link, source_key, cancelled_at, created_at)
       SELECT r.user_id, CASE WHEN seat.kind = 'fair' THEN ? ELSE ? END || seat.title, seat.starts_at, seat.ends_at,
              seat.place, ?, 'event-' || seat.id, NULL, ?
       FROM registration r, seat
       ON CONFLICT (user_id, source_key) DO UPDATE SET title = EXCLUDED.title, starts_at = EXCLUDED.starts_at,
         ends_at = EXCLUDED.ends_at, location = EXCLUDED.location, link = EXCLUDED.link, cancelled_at = NULL
     )
     SELECT seat.*, (SELECT json_agg(json_build_array(user_id, id)) FROM registration) AS granted_registrations
     FROM seat`,
    [
      grant.students.map((s) => s.userId),
      grant.students.map((s) => s.schoolId),
      grant.students.map((s) => s.ticketCode),
      grant.eventId,
      stamp,
      stamp,
      stamp,
      grant.eventId,
      registrationMachine.initial().status,
      stamp,
      stamp,
      stamp,
      grant.fairPrefix,
      grant.sessionPrefix,
      grant.link,
      stamp,
    ]
  )
  const row = result.rows[0] as
    (Record<string, unknown> & { granted_registrations: [number, number][] | null }) | undefined
  if (!row) return undefined
  const { granted_registrations: granted, ...event } = row
  return {
    event,
    /** user id → registration id */
    granted: new Map((granted ?? []).map(([userId, id]) => [Number(userId), Number(id)])),
  }
}

export default registrationMachine
