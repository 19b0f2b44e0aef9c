import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messages from '#core/messages/services/message_service'
import queue from '#core/queue/dispatcher'
import { nowDb, toDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import JobApplication from '#modules/job_seeking/models/job_application'
import InterviewInvitation from '#modules/job_seeking/models/interview_invitation'
import router from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import { recordsUrl, refused } from '#modules/job_seeking/services/applications'
import applicationMachine from '#modules/job_seeking/machines/job_application'
import interviewMachine from '#modules/job_seeking/machines/interview'
import { FieldErrors } from '#core/http/refusal'

export interface InviteInput {
  mode: 'onsite' | 'video'
  starts_at: string
  place?: string
  video_link?: string
  letter: string
}

/** 我的日程 place of an interview: 南京市 · 鼓楼区示范路 1 号 3 楼会议室, or 视频面试. */
function interviewLocation(invitation: InterviewInvitation, city?: string | null) {
  if (invitation.mode === 'video') return text('job_seeking.labels.interview_mode.video')
  return [city, invitation.place].filter(Boolean).join(' · ')
}

/** 面试邀请: the employer invites; the student accepts or refuses exactly once. */
export class InterviewService {
  async invite(
    application: JobApplication,
    input: InviteInput,
    ctx: { jobTitle: string; employerName: string }
  ) {
    if (!applicationMachine.can('invite', application.status)) {
      throw refused('job_seeking.refusals.application_finished')
    }
    const startsAt = DateTime.fromISO(input.starts_at, { zone: 'Asia/Shanghai' }).toUTC()
    if (!startsAt.isValid || startsAt < DateTime.now())
      throw new FieldErrors({ starts_at: 'job_seeking.refusals.interview_time_past' })
    if (input.mode === 'onsite' && !input.place)
      throw new FieldErrors({ place: 'job_seeking.refusals.interview_place_needed' })
    if (input.mode === 'video' && !input.video_link)
      throw new FieldErrors({ video_link: 'job_seeking.refusals.interview_link_needed' })

    const invitation = await db.transaction(async (trx) => {
      await applicationMachine.applyWhere(trx, 'invite', application.id)
      return InterviewInvitation.create(
        {
          applicationId: application.id,
          userId: application.userId,
          employerId: application.employerId,
          mode: input.mode,
          startsAt,
          place: input.mode === 'onsite' ? input.place! : null,
          videoLink: input.mode === 'video' ? input.video_link! : null,
          letter: input.letter,
          ...interviewMachine.initial('pending'),
        },
        { client: trx }
      )
    })
    await messages.send({
      userId: application.userId,
      category: 'interview',
      title: text('job_seeking.messages.invited_title', {
        employer: ctx.employerName,
        job: ctx.jobTitle,
      }),
      body: text('job_seeking.messages.invited_body', {
        employer: ctx.employerName,
        mode: text(`job_seeking.labels.interview_mode.${input.mode}`),
        time: formatDateTime(startsAt),
      }),
      link: recordsUrl('interviews'),
      dedupeKey: `interview-invite-${invitation.id}`,
    })
    // 我的日程 holds the interview from the invitation on (place with its city); accepting updates it,
    // refusing removes it. One entry per invitation (source key).
    const job = await db.from('jobs').where('id', application.jobId).select('city').first()
    await messages.addSchedule({
      userId: application.userId,
      title: text('job_seeking.messages.schedule_pending', {
        employer: ctx.employerName,
        job: ctx.jobTitle,
      }),
      startsAt,
      location: interviewLocation(invitation, job?.city),
      link: recordsUrl('interviews'),
      sourceKey: `interview-${invitation.id}`,
    })
    return invitation
  }

  /**
   * 接受 / 拒绝: a conditional update on status = 'pending' — of two concurrent answers exactly
   * one changes the row; the other is told the invitation was already answered.
   */
  async answer(userId: number, invitationId: number, answer: 'accepted' | 'refused') {
    const action = answer === 'accepted' ? 'accept' : 'refuse'
    const changed = await interviewMachine.applyWhere(db.connection(), action, invitationId, {
      where: { user_id: userId },
      set: { answered_at: nowDb() },
    })
    if (changed === 0) {
      const exists = await InterviewInvitation.query()
        .where('id', invitationId)
        .where('user_id', userId)
        .first()
      if (!exists) throw refused('job_seeking.refusals.interview_missing')
      throw refused('job_seeking.refusals.interview_answered', null, {
        state: exists.statusLabel,
      })
    }
    const invitation = await InterviewInvitation.query()
      .where('id', invitationId)
      .preload('application', (q) => q.preload('job', (j) => j.preload('employer')))
      .firstOrFail()
    const job = invitation.application.job
    const what = `${job.employer.name} · ${job.title}`
    await messages.send({
      userId,
      category: 'interview',
      title: text(`job_seeking.messages.answered_title_${answer}`, { what }),
      body:
        answer === 'accepted'
          ? text('job_seeking.messages.accepted_body', {
              time: formatDateTime(invitation.startsAt),
              where:
                invitation.mode === 'video'
                  ? text('job_seeking.messages.video_link_in_letter')
                  : text('job_seeking.messages.place', { place: invitation.place }),
            })
          : text('job_seeking.messages.refused_body'),
      link: recordsUrl('interviews'),
      dedupeKey: `interview-answer-${invitation.id}`,
    })
    // The employer's HR accounts are told too.
    const hrUsers = await db
      .from('users')
      .where('employer_id', invitation.employerId)
      .where('kind', 'employer')
      .select('id')
    const student = await db.from('users').where('id', userId).select('name').first()
    await messages.sendMany(
      hrUsers.map((u: any) => ({
        userId: u.id,
        category: 'interview',
        title: text(`job_seeking.messages.hr_answered_${answer}`, {
          student: student?.name ?? text('job_seeking.labels.student'),
          job: job.title,
        }),
        link: router.makeUrl('employer.applications.show', {
          id: invitation.applicationId,
        }),
        dedupeKey: `interview-answer-${invitation.id}`,
      }))
    )
    if (answer === 'accepted') {
      await messages.addSchedule({
        userId,
        title: text('job_seeking.messages.schedule_accepted', { what }),
        startsAt: invitation.startsAt,
        location: interviewLocation(invitation, job.city),
        link: recordsUrl('interviews'),
        sourceKey: `interview-${invitation.id}`,
      })
      const delay = Math.max(0, invitation.startsAt.minus({ days: 1 }).toMillis() - Date.now())
      await queue.dispatch(
        'interview-reminder',
        { invitationId: invitation.id },
        { delay, jobId: `interview-reminder-${invitation.id}` }
      )
    } else {
      await messages.cancelSchedule(userId, `interview-${invitation.id}`)
    }
    return invitation
  }

  /**
   * The reminder the day before. Runs from the delayed job and from the hourly sweep; the dedupe
   * key keeps it to one message. Does nothing before the reminder window or for a refused invite.
   */
  async remind(invitationId: number) {
    const invitation = await InterviewInvitation.query()
      .where('id', invitationId)
      .preload('application', (q) => q.preload('job', (j) => j.preload('employer')))
      .first()
    if (!invitation || invitation.status !== 'accepted') return false
    const now = DateTime.now()
    if (invitation.startsAt < now || invitation.startsAt.minus({ days: 1 }) > now) return false
    const job = invitation.application.job
    await messages.send({
      userId: invitation.userId,
      category: 'interview',
      title: text('job_seeking.messages.reminder_title', {
        time: formatDateTime(invitation.startsAt),
        employer: job.employer.name,
        job: job.title,
      }),
      body:
        invitation.mode === 'video'
          ? text('job_seeking.messages.reminder_video')
          : text('job_seeking.messages.reminder_onsite', { place: invitation.place }),
      link: recordsUrl('interviews'),
      dedupeKey: `interview-reminder-${invitation.id}`,
    })
    return true
  }

  /** Hourly sweep: accepted interviews starting within the next 24 hours. */
  async remindDue() {
    const rows = await db
      .from('interview_invitations')
      .where('status', 'accepted')
      .where('starts_at', '>=', nowDb())
      .where('starts_at', '<=', toDb(DateTime.now().plus({ days: 1 })))
      .select('id')
    let sent = 0
    for (const r of rows) if (await this.remind(r.id)) sent++
    return sent
  }

  async ofStudent(userId: number) {
    return InterviewInvitation.query()
      .where('user_id', userId)
      .preload('application', (q) => q.preload('job', (j) => j.preload('employer')))
      .orderBy('created_at', 'desc')
  }

  /** One invitation of the student, with its job and employer (another student's: null). */
  oneOfStudent(userId: number, invitationId: number) {
    return InterviewInvitation.query()
      .where('id', invitationId)
      .where('user_id', userId)
      .preload('application', (q) => q.preload('job', (j) => j.preload('employer')))
      .first()
  }

  /** The invitations of an application, newest first (its detail for the student and employer). */
  ofApplication(applicationId: number) {
    return InterviewInvitation.query()
      .where('application_id', applicationId)
      .orderBy('created_at', 'desc')
  }
}

export const interviews = new InterviewService()
export default interviews
