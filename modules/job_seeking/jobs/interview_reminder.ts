import interviews from '#modules/job_seeking/services/interviews'

/** The day before an accepted interview (delayed job, plus the hourly sweep with no payload). */
export default class InterviewReminder {
  async handle(payload: { invitationId?: number }) {
    if (payload.invitationId) await interviews.remind(Number(payload.invitationId))
    else await interviews.remindDue()
  }
}
