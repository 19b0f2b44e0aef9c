import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messages from '#core/messages/services/message_service'
import moduleSwitches from '#core/modules/module_switches'
import { fromDb, toDb } from '#core/database/time'
import { DISPLAY_ZONE, formatDateTime } from '#core/ui/format'
import { scheduleEntryTexts, scheduleKey } from '#modules/events/services/registration_service'
import { text } from '#core/i18n/text'

/** The 站内消息 dedupe key of an event's reminder (one per student and event). */
export const reminderKey = (eventId: number) => `event-reminder-${eventId}`
/** The same key in SQL (`||` concatenates on SQLite and PostgreSQL alike). */
const REMINDER_KEY_SQL = `'event-reminder-' || r.event_id`

/**
 * 活动提醒: the day before an event, each registered student gets a 站内消息 and a 我的日程 entry.
 * Idempotent: the message has a dedupe key per event, the schedule entry a source key per event.
 */
export class ReminderService {
  /** Reminds one registration if it is still active and its event starts within the next 24 hours. */
  async remindRegistration(registrationId: number, now = DateTime.now()) {
    const row = await this.#rows().where('r.id', registrationId).first()
    if (!row) return false
    const startsAt = fromDb(row.starts_at)!
    if (startsAt <= now || startsAt > now.plus({ days: 1 })) return false
    if (!(await moduleSwitches.isEnabledForSchool(row.school_id, 'events'))) return false
    await this.#remind([row])
    return true
  }

  /**
   * The sweep (every minute): every active registration not yet reminded for events that start
   * tomorrow (Asia/Shanghai) or within the next 24 hours, for students whose school has the module
   * on. Returns how many registrations it reminded.
   */
  async sweep(now = DateTime.now()) {
    const tomorrowEnd = now.setZone(DISPLAY_ZONE).plus({ days: 1 }).endOf('day')
    const rows = await this.#rows()
      .where('e.starts_at', '>', toDb(now))
      .where('e.starts_at', '<=', toDb(tomorrowEnd))
      // Already reminded (by the delayed job or an earlier sweep): skip, so a sweep every minute
      // costs one query and never sends twice (the dedupe key would drop a second copy anyway).
      .whereNotExists((q) =>
        q
          .from('messages as m')
          .whereColumn('m.user_id', 'r.user_id')
          .whereRaw(`m.dedupe_key = ${REMINDER_KEY_SQL}`)
      )
    const enabled = new Map<number, boolean>()
    const due = []
    for (const row of rows) {
      if (!enabled.has(row.school_id))
        enabled.set(row.school_id, await moduleSwitches.isEnabledForSchool(row.school_id, 'events'))
      if (enabled.get(row.school_id)) due.push(row)
    }
    await this.#remind(due)
    return due.length
  }

  #rows() {
    return db
      .from('event_registrations as r')
      .join('recruitment_events as e', 'e.id', 'r.event_id')
      .where('r.status', 'registered')
      .where('e.status', 'published')
      .select(
        'r.id',
        'r.user_id',
        'r.school_id',
        'r.event_id',
        'e.kind',
        'e.title',
        'e.place',
        'e.starts_at',
        'e.ends_at'
      )
  }

  async #remind(rows: any[]) {
    if (!rows.length) return
    const label = (row: any) =>
      text(`events.labels.kind.${row.kind === 'fair' ? 'fair' : 'session'}`)
    const { fair, session, link } = scheduleEntryTexts()
    await messages.sendMany(
      rows.map((row) => ({
        userId: row.user_id,
        title: text('events.messages.reminder.title', { kind: label(row), title: row.title }),
        body: text(
          row.place ? 'events.messages.reminder.body_with_place' : 'events.messages.reminder.body',
          { at: formatDateTime(fromDb(row.starts_at)), place: row.place }
        ),
        link,
        category: 'events',
        dedupeKey: reminderKey(row.event_id),
      }))
    )
    for (const row of rows) {
      await messages.addSchedule({
        userId: row.user_id,
        title: `${row.kind === 'fair' ? fair : session}${row.title}`,
        startsAt: fromDb(row.starts_at)!,
        endsAt: fromDb(row.ends_at),
        location: row.place,
        link,
        sourceKey: scheduleKey(row.event_id),
      })
    }
  }
}

const reminders = new ReminderService()
export default reminders
