import db from '@adonisjs/lucid/services/db'
import QRCode from 'qrcode'
import type { EventKind } from '#modules/events/models/recruitment_event'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import Registration from '#modules/events/models/registration'
import catalog from '#modules/events/services/event_catalog'
import jobDirectory from '#modules/job_seeking/services/job_directory'

/** What a 招聘会 / 宣讲会 detail and a 电子票 show: the same for the pages and the API. */
export class EventDetail {
  /** A published event of the kind, with its school, employer and approved exhibitors (by booth). */
  find(kind: EventKind, id: number) {
    return catalog
      .published(kind)
      .where('id', id)
      .preload('school')
      .preload('employer')
      .preload('exhibitors', (q) =>
        q.where('status', 'approved').preload('employer').orderBy('booth_no', 'asc')
      )
      .first()
  }

  /** A session's jobs: those the employer chose for it, else its open jobs (20); none for a fair. */
  async jobs(event: RecruitmentEvent): Promise<Awaited<ReturnType<typeof jobDirectory.jobsByIds>>> {
    if (event.kind !== 'session' || !event.employerId) return []
    const chosen = await db
      .from('event_session_jobs')
      .where('event_id', event.id)
      .orderBy('position')
      .select('job_id')
    return chosen.length
      ? await jobDirectory.jobsByIds(chosen.map((r: any) => Number(r.job_id)))
      : await jobDirectory.openJobsOf(event.employerId, 20)
  }

  /** One of the student's registrations with its event (another student's is null). */
  ticket(userId: number, registrationId: number) {
    return Registration.query()
      .where('id', registrationId)
      .where('user_id', userId)
      .preload('event', (q) => q.preload('school').preload('employer'))
      .first()
  }

  /** The ticket's QR image, made here on the server (no third-party service sees the code). */
  qr(registration: Registration) {
    return registration.isActive
      ? QRCode.toDataURL(registration.ticketCode, {
          errorCorrectionLevel: 'M',
          margin: 1,
          width: 240,
        })
      : Promise.resolve(null)
  }
}

const eventDetail = new EventDetail()
export default eventDetail
