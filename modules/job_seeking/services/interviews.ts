import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import messages from '#core/messages/services/message_service'
import queue from '#core/queue/dispatcher'
import { nowDb, toDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import JobApplication from '#modules/job_seeking/models/job_application'
import InterviewInvitation from '#modules/job_seeking/models/interview_invitation'
import { ApplyRefused } from '#modules/job_seeking/services/applications'
import { FieldError } from '#modules/job_seeking/validators/messages'

export interface InviteInput {
  mode: 'onsite' | 'video'
  starts_at: string
  place?: string
  video_link?: string
  letter: string
}

/** 我的日程 place of an interview: 南京市 · 鼓楼区示范路 1 号 3 楼会议室, or 视频面试. */
function interviewLocation(invitation: InterviewInvitation, city?: string | null) {
  if (invitation.mode === 'video') return '视频面试'
  return [city, invitation.place].filter(Boolean).join(' · ')
}

/** 面试邀请: the employer invites; the student accepts or refuses exactly once. */
export const interviews = {
  async invite(
    application: JobApplication,
    input: InviteInput,
    ctx: { jobTitle: string; employerName: string }
  ) {
    if (!['submitted', 'viewed', 'interview'].includes(application.status)) {
      throw new ApplyRefused('该申请已结束（不合适或已录用），不能再邀请面试')
    }
    const startsAt = DateTime.fromISO(input.starts_at, { zone: 'Asia/Shanghai' }).toUTC()
    if (!startsAt.isValid || startsAt < DateTime.now())
      throw new FieldError('starts_at', '面试时间须晚于当前时间')
    if (input.mode === 'onsite' && !input.place)
      throw new FieldError('place', '现场面试请填写面试地点')
    if (input.mode === 'video' && !input.video_link)
      throw new FieldError('video_link', '视频面试请填写视频面试链接')

    const invitation = await db.transaction(async (trx) => {
      await trx
        .from('job_applications')
        .where('id', application.id)
        .whereIn('status', ['submitted', 'viewed', 'interview'])
        .update({ status: 'interview', updated_at: nowDb() })
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
          status: 'pending',
        },
        { client: trx }
      )
    })
    await messages.send({
      userId: application.userId,
      category: 'interview',
      title: `面试邀请：${ctx.employerName} · ${ctx.jobTitle}`,
      body: `${ctx.employerName} 邀请您参加${input.mode === 'video' ? '视频面试' : '现场面试'}，时间 ${formatDateTime(startsAt)}。请在求职记录的面试邀请中查看邀请函并回复。`,
      link: `/student/records?tab=interviews`,
      dedupeKey: `interview-invite-${invitation.id}`,
    })
    // 我的日程 holds the interview from the invitation on (place with its city); accepting updates it,
    // refusing removes it. One entry per invitation (source key).
    const job = await db.from('jobs').where('id', application.jobId).select('city').first()
    await messages.addSchedule({
      userId: application.userId,
      title: `面试（待回复）：${ctx.employerName} · ${ctx.jobTitle}`,
      startsAt,
      location: interviewLocation(invitation, job?.city),
      link: '/student/records?tab=interviews',
      sourceKey: `interview-${invitation.id}`,
    })
    return invitation
  },

  /**
   * 接受 / 拒绝: a conditional update on status = 'pending' — of two concurrent answers exactly
   * one changes the row; the other is told the invitation was already answered.
   */
  async answer(userId: number, invitationId: number, answer: 'accepted' | 'refused') {
    const changed = await db
      .from('interview_invitations')
      .where('id', invitationId)
      .where('user_id', userId)
      .where('status', 'pending')
      .update({ status: answer, answered_at: nowDb(), updated_at: nowDb() })
    if (Number(changed) === 0) {
      const exists = await InterviewInvitation.query()
        .where('id', invitationId)
        .where('user_id', userId)
        .first()
      if (!exists) throw new ApplyRefused('面试邀请不存在')
      throw new ApplyRefused(`该面试邀请已${exists.statusLabel.replace('已', '')}，不能重复回复`)
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
      title: `${answer === 'accepted' ? '已接受' : '已拒绝'}面试邀请：${what}`,
      body:
        answer === 'accepted'
          ? `面试时间 ${formatDateTime(invitation.startsAt)}，${invitation.mode === 'video' ? '视频面试链接见面试邀请' : `地点：${invitation.place}`}。已加入我的日程。`
          : '您已拒绝该面试邀请。',
      link: '/student/records?tab=interviews',
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
        title: `${student?.name ?? '学生'}${answer === 'accepted' ? '接受' : '拒绝'}了「${job.title}」的面试邀请`,
        link: `/employer/applications/${invitation.applicationId}`,
        dedupeKey: `interview-answer-${invitation.id}`,
      }))
    )
    if (answer === 'accepted') {
      await messages.addSchedule({
        userId,
        title: `面试：${what}`,
        startsAt: invitation.startsAt,
        location: interviewLocation(invitation, job.city),
        link: '/student/records?tab=interviews',
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
  },

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
      title: `面试提醒：明天 ${formatDateTime(invitation.startsAt)} ${job.employer.name} · ${job.title}`,
      body:
        invitation.mode === 'video'
          ? '视频面试，链接见求职记录中的面试邀请。'
          : `现场面试，地点：${invitation.place}`,
      link: '/student/records?tab=interviews',
      dedupeKey: `interview-reminder-${invitation.id}`,
    })
    return true
  },

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
  },

  async ofStudent(userId: number) {
    return InterviewInvitation.query()
      .where('user_id', userId)
      .preload('application', (q) => q.preload('job', (j) => j.preload('employer')))
      .orderBy('created_at', 'desc')
  },
}

export default interviews
