import { Job } from '#core/queue/job'
import reminders from '#modules/events/services/reminder_service'

/** Delayed to 24 h before the event; does nothing unless the registration is still due a reminder. */
export default class EventReminderJob extends Job<{ registrationId: number; schoolId: number }> {
  async handle(payload: { registrationId: number; schoolId: number }) {
    await reminders.remindRegistration(Number(payload.registrationId))
  }
}
