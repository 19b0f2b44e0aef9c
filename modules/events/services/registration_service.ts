import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import messages from '#core/messages/services/message_service'
import queue from '#core/queue/dispatcher'
import { fromDb, nowDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Registration from '#modules/events/models/registration'
import { Refusal } from '#core/http/refusal'
import { isForeignKeyViolation, isUniqueViolation } from '#core/database/errors'
import { newTicketCode } from '#modules/events/services/ticket_codes'
import {
  grantSeatInOneStatement,
  grantSeatsInOneStatement,
  OPEN_SEAT_SQL,
  registrationMachine,
} from '#modules/events/machines/registration'

/** The refusals of 报名 and 取消 (lang keys, `events.refusals.*`). */
export const REFUSAL = {
  notFound: 'events.refusals.not_found',
  online: 'events.refusals.online',
  notStudent: 'events.refusals.not_student',
  notOpenYet: 'events.refusals.not_open_yet',
  closed: 'events.refusals.closed',
  full: 'events.refusals.seats_full',
  twice: 'events.refusals.twice',
  cancelStarted: 'events.refusals.cancel_started',
  cancelCheckedIn: 'events.refusals.cancel_checked_in',
  alreadyCancelled: 'events.refusals.already_cancelled',
  registrationNotFound: 'events.refusals.registration_not_found',
} as const

/** The 我的日程 entry of a registration: title prefix per kind and link (texts read once). */
let scheduleTexts: { fair: string; session: string; link: string } | null = null
export function scheduleEntryTexts() {
  return (scheduleTexts ??= {
    fair: text('events.labels.schedule_prefix.fair'),
    session: text('events.labels.schedule_prefix.session'),
    link: router.makeUrl('events.student.mine'),
  })
}

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

/** What the database said when 报名 was refused: the event as read, the student's active registration. */
export interface RefusedRegistration {
  event: RecruitmentEvent | null
  registrationId: number | null
}

const refusedRegistrations = new WeakMap<Refusal, RefusedRegistration>()

/**
 * A refusal of 报名 (the core Refusal) that remembers what the database said, so the answer (the
 * register box) needs no further query. An answer, not a bug: no stack trace is captured (a
 * sold-out rush makes thousands of these).
 */
export function registrationRefusal(
  message: string,
  code: string,
  status = 422,
  event: RecruitmentEvent | null = null,
  registrationId: number | null = null,
  data?: Record<string, unknown>
) {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = 0
  try {
    const refusal = new Refusal(message, { code, status, data })
    refusedRegistrations.set(refusal, { event, registrationId })
    return refusal
  } finally {
    Error.stackTraceLimit = limit
  }
}

/** What a refusal of 报名 carries (null for any other error). */
export function refusedRegistration(error: unknown): RefusedRegistration | null {
  return error instanceof Refusal ? (refusedRegistrations.get(error) ?? null) : null
}

export interface RegistrationResult {
  id: number
  ticketCode: string
  /** The event as the grant left it (taken includes this seat). */
  event: RecruitmentEvent
}

/** The event row and the student's active registration, read together in one query. */
interface EventState {
  row: EventRow & Record<string, unknown>
  registrationId: number | null
  /** The event as a model, made once per read and shared by every refusal that read answers. */
  shared?: { model?: RecruitmentEvent }
}

/** One read of an event shared by the requests that joined it before it started. */
interface StateRead {
  students: Set<number>
  promise: Promise<{ row: any; mine: Map<number, number>; shared: { model?: RecruitmentEvent } }>
  start: () => void
}

/** Grant requests for one event waiting for the next batch statement. */
interface GrantWaiter {
  student: User
  code: string
  resolve: (granted: RegistrationResult | null | typeof SINGLE) => void
  reject: (error: unknown) => void
}

/** Batch answer: this request takes the one-statement path of its own (see #grantBatched). */
const SINGLE = Symbol('single')
/** At most this many students in one batch statement. */
const BATCH_MAX = 200

/**
 * 学生报名参加 and 取消 (PRODUCT.md rules 5, 6, 9). Seats hold under a rush: the registration row
 * (unique per event and student), its 我的日程 entry and a conditional `taken = taken + 1 WHERE
 * taken < capacity` commit together or not at all. On PostgreSQL the grant is one statement (the
 * seat update, the registration and the schedule entry as data-modifying CTEs: one round trip, the
 * event row locked for that statement only — `grantSeatInOneStatement` beside the registration
 * machine); elsewhere one transaction with the seat update last. Every state change of a
 * registration goes through `registrationMachine` (cancel, register_again).
 * The grant is tried first; only when it gives no seat is the event read to say why.
 */
export class RegistrationService {
  /**
   * Events this instance (this process) saw sold out. Only a hint that spares the grant attempt:
   * every refusal it leads to is confirmed by the database first (one primary-key read), and a free
   * seat (a 取消 in any process, a larger capacity) clears it on the next request.
   */
  #soldOut = new Set<number>()

  async register(student: User, eventId: number): Promise<RegistrationResult> {
    if (student.kind !== 'student' || !student.schoolId)
      throw registrationRefusal(REFUSAL.notStudent, 'not_student', 403)
    if (this.#soldOut.has(eventId)) {
      // Sold out here before: the database confirms (and the refusal costs this one read).
      this.#refuse(await this.#state(eventId, student.id), { seatFree: false })
      this.#soldOut.delete(eventId)
    }
    // A seat freed between a refused grant and the read that explains it: try again (bounded).
    for (let attempt = 0; attempt < 3; attempt++) {
      const granted = await this.#grant(student, eventId, attempt === 0)
      if (granted) {
        await this.#scheduleReminder(
          granted.id,
          granted.ticketCode,
          granted.event.startsAt,
          student.schoolId
        )
        return granted
      }
      this.#refuse(await this.#state(eventId, student.id), { seatFree: true })
    }
    throw registrationRefusal(REFUSAL.full, 'full')
  }

  /** Forgets the sold-out hints of this process (tests that change seats behind the service's back). */
  forgetSoldOut() {
    this.#soldOut.clear()
  }

  /**
   * A seat, the registration and the schedule entry, or null when no seat was given. `batched`: on
   * PostgreSQL the request joins the next batch statement for the event (#grantBatched).
   */
  async #grant(
    student: User,
    eventId: number,
    batched = false
  ): Promise<RegistrationResult | null> {
    const code = newTicketCode()
    const stamp = nowDb()
    try {
      if (batched && isPostgres()) {
        const answer = await this.#grantBatched(student, eventId, code)
        if (answer !== SINGLE) return answer
      }
      return isPostgres()
        ? await this.#grantInOneStatement(student, eventId, code, stamp)
        : await this.#grantInTransaction(student, eventId, code, stamp)
    } catch (error) {
      if (!isUniqueViolation(error)) throw error
    }
    // A unique key refused the row: registered already, cancelled before (the same row comes back),
    // or (rarely) the ticket code was taken: then the next attempt draws another.
    const existing = await db
      .from('event_registrations')
      .where('event_id', eventId)
      .where('user_id', student.id)
      .select('id', 'status')
      .first()
    if (existing?.status === 'registered') {
      const state = await this.#state(eventId, student.id)
      this.#refuse(state, { seatFree: false })
      throw registrationRefusal(
        REFUSAL.twice,
        'twice',
        422,
        this.#model(state),
        state.registrationId
      )
    }
    if (existing) return this.#revive(student, eventId, existing.id)
    return null
  }

  /**
   * Group commit (PostgreSQL): the grant requests for one event that arrive while a batch statement
   * for it is running wait, and the next statement grants them together (`grantSeatsInOneStatement`:
   * one round trip and one commit for up to BATCH_MAX students; the seat count stays exact because
   * the database counts, under the event row's lock). A student the batch gave no seat gets null
   * (the caller reads why); a batch the database refused as a whole (a unique key) and a student
   * twice in one batch answer SINGLE: the ordinary one-statement path, which knows every case.
   */
  #grantBatched(student: User, eventId: number, code: string) {
    return new Promise<RegistrationResult | null | typeof SINGLE>((resolve, reject) => {
      let line = this.#grantQueues.get(eventId)
      if (!line) this.#grantQueues.set(eventId, (line = { waiting: [], running: false }))
      line.waiting.push({ student, code, resolve, reject })
      if (!line.running) {
        line.running = true
        // The requests of this turn of the event loop join the first statement too.
        setImmediate(() => this.#runBatches(eventId))
      }
    })
  }

  #grantQueues = new Map<number, { waiting: GrantWaiter[]; running: boolean }>()

  async #runBatches(eventId: number) {
    const line = this.#grantQueues.get(eventId)!
    while (line.waiting.length) {
      const batch = line.waiting.splice(0, BATCH_MAX)
      const seen = new Set<number>()
      const students: GrantWaiter[] = []
      for (const w of batch) {
        if (seen.has(w.student.id)) w.resolve(SINGLE)
        else (seen.add(w.student.id), students.push(w))
      }
      try {
        const texts = scheduleEntryTexts()
        const result = await grantSeatsInOneStatement(db.connection(), {
          eventId,
          stamp: nowDb(),
          students: students.map((w) => ({
            userId: w.student.id,
            schoolId: w.student.schoolId!,
            ticketCode: w.code,
          })),
          fairPrefix: texts.fair,
          sessionPrefix: texts.session,
          link: texts.link,
        })
        // One model of the event as this statement left it, shared by the batch's answers.
        const event = result ? RecruitmentEvent.$createFromAdapterResult(result.event)! : null
        for (const w of students) {
          const id = result?.granted.get(w.student.id)
          w.resolve(id && event ? { id, ticketCode: w.code, event } : null)
        }
      } catch (error) {
        if (isUniqueViolation(error)) for (const w of students) w.resolve(SINGLE)
        else for (const w of students) w.reject(error)
      }
    }
    line.running = false
    this.#grantQueues.delete(eventId)
  }

  async #grantInOneStatement(student: User, eventId: number, code: string, stamp: DbStamp) {
    const texts = scheduleEntryTexts()
    const row = await grantSeatInOneStatement(db.connection(), {
      eventId,
      userId: student.id,
      schoolId: student.schoolId!,
      ticketCode: code,
      stamp,
      fairPrefix: texts.fair,
      sessionPrefix: texts.session,
      link: texts.link,
    })
    if (!row) return null
    const { registration_id: id, ...eventRow } = row
    return {
      id: Number(id),
      ticketCode: code,
      event: RecruitmentEvent.$createFromAdapterResult(eventRow)!,
    }
  }

  async #grantInTransaction(student: User, eventId: number, code: string, stamp: DbStamp) {
    const id = await db
      .transaction(async (trx) => {
        const [row] = await trx
          .insertQuery()
          .table('event_registrations')
          .insert({
            event_id: eventId,
            user_id: student.id,
            school_id: student.schoolId,
            ...registrationMachine.initial(),
            ticket_code: code,
            registered_at: stamp,
            created_at: stamp,
            updated_at: stamp,
          })
          .returning('id')
        const registrationId = Number(typeof row === 'object' ? row.id : row)
        return (await this.#takeSeat(trx, student, eventId, stamp)) ? registrationId : null
      })
      .catch((error) => {
        // No seat, or no such event (its id was typed): the refusal read explains which.
        if (error instanceof NoSeat || isForeignKeyViolation(error)) return null
        throw error
      })
    if (id === null) return null
    return { id, ticketCode: code, event: await RecruitmentEvent.findOrFail(eventId) }
  }

  /** Registering again after 取消: the same row comes back with a fresh ticket. */
  async #revive(
    student: User,
    eventId: number,
    registrationId: number
  ): Promise<RegistrationResult | null> {
    const code = newTicketCode()
    const stamp = nowDb()
    const revived = await db
      .transaction(async (trx) => {
        const changed = await registrationMachine.applyWhere(
          trx,
          'register_again',
          registrationId,
          {
            set: {
              ticket_code: code,
              registered_at: stamp,
              cancelled_at: null,
              checked_in_at: null,
              checked_in_by: null,
              updated_at: stamp,
            },
          }
        )
        if (changed !== 1) throw registrationRefusal(REFUSAL.twice, 'twice')
        return this.#takeSeat(trx, student, eventId, stamp)
      })
      .catch((error) => {
        if (error instanceof NoSeat) return false
        throw error
      })
    if (!revived) return null
    return {
      id: registrationId,
      ticketCode: code,
      event: await RecruitmentEvent.findOrFail(eventId),
    }
  }

  /**
   * Inside the transaction: the schedule entry, then the seat (last, so the event row stays locked
   * only until the commit right after it). No seat: NoSeat rolls everything back.
   */
  async #takeSeat(trx: TransactionClientContract, student: User, eventId: number, stamp: DbStamp) {
    const event = await trx
      .from('recruitment_events')
      .where('id', eventId)
      .select('kind', 'title', 'place', 'starts_at', 'ends_at')
      .first()
    if (!event) throw new NoSeat()
    const texts = scheduleEntryTexts()
    await messages.addSchedule(
      {
        userId: student.id,
        title: `${event.kind === 'fair' ? texts.fair : texts.session}${event.title}`,
        startsAt: fromDb(event.starts_at)!,
        endsAt: fromDb(event.ends_at),
        location: event.place,
        link: texts.link,
        sourceKey: scheduleKey(eventId),
      },
      trx
    )
    const seat = await trx
      .from('recruitment_events')
      .where('id', eventId)
      .whereRaw(OPEN_SEAT_SQL, [stamp, stamp, stamp])
      .increment('taken', 1)
    if (Number(seat) !== 1) throw new NoSeat()
    return true
  }

  /**
   * Why no seat: the first rule the event breaks, as its refusal (名额已满 marks the event sold out
   * in this process). Returns only when the event is open with a seat free right now (`seatFree`:
   * the caller tries again) — or, when the caller expects no free seat, clears the hint.
   */
  #refuse(state: EventState, { seatFree }: { seatFree: boolean }) {
    const { row } = state
    if (!row || row.status !== 'published')
      throw registrationRefusal(REFUSAL.notFound, 'not_found', 404)
    const event = this.#model(state)
    const refusal = (message: string, code: string, data?: Record<string, unknown>) =>
      registrationRefusal(message, code, 422, event, state.registrationId, data)
    const now = DateTime.now()
    if (row.mode === 'online') throw refusal(REFUSAL.online, 'online')
    const opens = fromDb(row.registration_starts_at)
    const closes = fromDb(row.registration_ends_at)
    const starts = fromDb(row.starts_at)!
    if (!opens || !closes || row.capacity === null) throw refusal(REFUSAL.closed, 'window')
    if (now < opens) throw refusal(REFUSAL.notOpenYet, 'window', { at: formatDateTime(opens) })
    if (now > closes || now >= starts) throw refusal(REFUSAL.closed, 'window')
    if (row.taken >= row.capacity) {
      this.#soldOut.add(row.id)
      throw refusal(REFUSAL.full, 'full')
    }
    if (!seatFree) this.#soldOut.delete(row.id)
  }

  /** The event as a model: one per shared read (the refusals it answers only display it). */
  #model(state: EventState) {
    if (state.shared?.model) return state.shared.model
    const model = RecruitmentEvent.$createFromAdapterResult({ ...state.row })!
    if (state.shared) state.shared.model = model
    return model
  }

  /**
   * The event and the student's active registration for it. Concurrent callers for one event share
   * one read (one statement for all of them: the event row and the active registrations of exactly
   * these students) — but only a read that starts after the caller asked: while one is running,
   * newcomers gather for the next. So every answer is still what the database said after the
   * request arrived (a seat freed a moment ago is seen), and a sold-out rush refuses thousands of
   * students with a few statements.
   */
  async #state(eventId: number, studentId: number): Promise<EventState> {
    let pending = this.#nextRead.get(eventId)
    if (!pending) {
      pending = this.#newRead(eventId)
      this.#nextRead.set(eventId, pending)
    }
    pending.students.add(studentId)
    if (!this.#runningRead.has(eventId)) pending.start()
    const { row, mine, shared } = await pending.promise
    return { row, registrationId: mine.get(studentId) ?? null, shared }
  }

  #nextRead = new Map<number, StateRead>()
  #runningRead = new Set<number>()

  #newRead(eventId: number): StateRead {
    let start!: () => void
    const students = new Set<number>()
    const promise: StateRead['promise'] = new Promise((resolve, reject) => {
      start = () => {
        // Nobody joins this read any more; later callers wait for the next one.
        this.#nextRead.delete(eventId)
        this.#runningRead.add(eventId)
        this.#readState(eventId, [...students])
          .then((r) => resolve({ ...r, shared: {} }), reject)
          .finally(() => {
            this.#runningRead.delete(eventId)
            this.#nextRead.get(eventId)?.start()
          })
      }
    })
    return { students, promise, start }
  }

  /** One statement: the event row and which of these students hold an active registration. */
  async #readState(eventId: number, studentIds: number[]) {
    const agg = isPostgres() ? 'string_agg' : 'group_concat'
    const row = await db
      .from('recruitment_events')
      .where('id', eventId)
      .select(
        'recruitment_events.*',
        db.raw(
          `(SELECT ${agg}(CAST(r.user_id AS TEXT) || ':' || CAST(r.id AS TEXT), ',') FROM event_registrations r
            WHERE r.event_id = recruitment_events.id AND r.status = 'registered'
              AND r.user_id IN (${studentIds.map(() => '?').join(', ')})) AS my_registrations`,
          studentIds
        )
      )
      .first()
    const mine = new Map<number, number>()
    for (const pair of String(row?.my_registrations ?? '')
      .split(',')
      .filter(Boolean)) {
      const [userId, id] = pair.split(':').map(Number)
      mine.set(userId, id)
    }
    if (row) delete row.my_registrations
    return { row, mine }
  }

  /** 取消: frees the seat and the schedule entry; the student may register again. */
  async cancel(student: User, registrationId: number) {
    const registration = await Registration.query()
      .where('id', registrationId)
      .where('user_id', student.id)
      .preload('event')
      .first()
    if (!registration) throw Refusal.notFound(REFUSAL.registrationNotFound)
    if (registration.status === 'cancelled')
      throw new Refusal(REFUSAL.alreadyCancelled, { code: 'cancelled' })
    if (registration.checkedInAt) throw new Refusal(REFUSAL.cancelCheckedIn, { code: 'checked_in' })
    if (registration.event.startsAt <= DateTime.now())
      throw new Refusal(REFUSAL.cancelStarted, { code: 'started' })

    await db.transaction(async (trx) => {
      const stamp = nowDb()
      const changed = await registrationMachine.applyWhere(
        trx,
        'cancel',
        (q: any) => q.where('id', registration.id).whereNull('checked_in_at'),
        { set: { cancelled_at: stamp, updated_at: stamp } }
      )
      if (changed !== 1) throw new Refusal(REFUSAL.alreadyCancelled, { code: 'cancelled' })
      await trx
        .from('recruitment_events')
        .where('id', registration.eventId)
        .where('taken', '>', 0)
        .decrement('taken', 1)
      await messages.cancelSchedule(student.id, scheduleKey(registration.eventId), trx)
    })
    // A seat is free again: this process stops treating the event as sold out at once.
    this.#soldOut.delete(registration.eventId)
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

  /** The day-before reminder, delayed to 24 h before the start (the job re-checks everything when it runs). */
  async #scheduleReminder(
    registrationId: number,
    code: string,
    startsAt: DateTime,
    schoolId: number
  ) {
    const delay = Math.max(0, startsAt.minus({ days: 1 }).toMillis() - Date.now())
    // QUEUE_DRIVER=sync runs a delayed job at once, and this one would find the reminder not due yet
    // (the event is more than a day away) and do nothing: a read per grant spared. The sweep sends
    // it when it is due, as for every reminder under the sync driver (README: Redis persistence).
    if (delay > 0 && (await queue.driver()).name === 'sync') return
    // One job per ticket: registering again after 取消 gets a new ticket and so a new reminder job.
    const jobId = `events-reminder-${registrationId}-${code.slice(0, 6)}`
    await queue.dispatch('events-reminder', { registrationId, schoolId }, { delay, jobId })
  }
}

/** The seat was not given: the transaction rolls back. */
class NoSeat extends Error {}

type DbStamp = ReturnType<typeof nowDb>

function isPostgres() {
  return db.connection().dialect.name === 'postgres'
}

const registrations = new RegistrationService()
export default registrations
