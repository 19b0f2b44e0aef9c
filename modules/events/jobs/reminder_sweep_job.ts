import { Job } from '#core/queue/job'
import reminders from '#modules/events/services/reminder_service'

/** Repeatable safety net: reminds every registration for events starting tomorrow (idempotent). */
export default class ReminderSweepJob extends Job<Record<string, never>> {
  async handle() {
    await reminders.sweep()
  }
}
