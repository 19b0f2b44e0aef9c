import { Job } from '#core/queue/job'
import reminders from '#modules/events/services/reminder_service'

/**
 * Repeatable safety net (every minute): reminds every registration for events starting tomorrow
 * that has not been reminded yet, whether or not its delayed `events-reminder` job survived a Redis
 * restart. Never twice: the 站内消息 dedupe key `event-reminder-<eventId>` per student.
 */
export default class ReminderSweepJob extends Job<Record<string, never>> {
  static sweep = true

  async handle() {
    await reminders.sweep()
  }
}
