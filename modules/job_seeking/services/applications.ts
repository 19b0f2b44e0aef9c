import { Refusal } from '#core/http/refusal'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import messages from '#core/messages/services/message_service'
import { nowDb, toDb } from '#core/database/time'
import { isUniqueViolation } from '#core/database/errors'
import Job from '#modules/job_seeking/models/job'
import Resume from '#modules/job_seeking/models/resume'
import router from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import JobApplication, {
  APPLICATION_TRANSITIONS,
  type ApplicationStatus,
} from '#modules/job_seeking/models/job_application'
import applicationMachine, { ACTION_TO } from '#modules/job_seeking/machines/job_application'

/**
 * A refusal of 申请职位 / 收藏职位 / 应聘管理 (code `apply_refused` for API clients): `message` is a
 * `job_seeking.refusals.*` key, `field` the form field it belongs beside.
 */
export function refused(
  message: string,
  field: string | null = null,
  data?: Record<string, unknown>
) {
  return new Refusal(message, { field, code: 'apply_refused', data })
}

/** 求职记录 links of the student's messages (`/student/records?tab=…`). */
export function recordsUrl(tab: 'applications' | 'interviews' | 'favourites') {
  return router.makeUrl('student.records', {}, { qs: { tab } })
}

/** 申请职位 and 收藏职位 (student), 应聘管理 (employer). */
export class ApplicationService {
  /** A job a student may look at: its employer must be verified (else it does not exist for them). */
  async findVisibleJob(jobId: number) {
    const job = await Job.query().where('id', jobId).preload('employer').first()
    if (!job || job.employer.status !== 'verified') return null
    return job
  }

  async resumesOf(userId: number) {
    return Resume.ofUser(userId)
  }

  async existing(userId: number, jobId: number) {
    return JobApplication.query().where('user_id', userId).where('job_id', jobId).first()
  }

  /**
   * One application per student per job (unique key): a double click or a second tab yields the
   * friendly refusal, never a second row. Closed/expired jobs refuse with the reason.
   */
  async apply(student: User, jobId: number, resumeId: number | null) {
    const job = await this.findVisibleJob(jobId)
    if (!job) throw refused('job_seeking.refusals.job_missing')
    const reason = job.closedReason(job.employer.status)
    if (reason) throw refused(reason)
    const resumes = await this.resumesOf(student.id)
    if (resumes.length === 0) throw refused('job_seeking.refusals.resume_needed')
    let resume = resumes[0]
    if (resumes.length > 1) {
      const chosen = resumes.find((r) => r.id === resumeId)
      if (!chosen) throw refused('job_seeking.refusals.resume_choose', 'resume_id')
      resume = chosen
    } else if (resumeId && resumeId !== resume.id) {
      throw refused('job_seeking.refusals.resume_choose', 'resume_id')
    }
    if (await this.existing(student.id, job.id))
      throw refused('job_seeking.refusals.already_applied')
    let application: JobApplication
    try {
      application = await JobApplication.create({
        jobId: job.id,
        employerId: job.employerId,
        userId: student.id,
        schoolId: student.schoolId!,
        resumeId: resume.id,
        ...applicationMachine.initial('submitted'),
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw refused('job_seeking.refusals.already_applied')
      throw error
    }
    await messages.send({
      userId: student.id,
      category: 'job_application',
      title: text('job_seeking.messages.applied_title', {
        employer: job.employer.name,
        job: job.title,
      }),
      body: text('job_seeking.messages.applied_body', { resume: resume.title }),
      link: recordsUrl('applications'),
      dedupeKey: `job-application-${application.id}`,
    })
    return { application, job }
  }

  /** Toggles 收藏职位; returns whether it is now a favourite. */
  async toggleFavourite(student: User, jobId: number) {
    const job = await this.findVisibleJob(jobId)
    if (!job) throw refused('job_seeking.refusals.job_missing')
    const removed = await db
      .from('job_favourites')
      .where({ user_id: student.id, job_id: jobId })
      .delete()
    if (Number(removed) > 0) return false
    await db
      .knexQuery()
      .table('job_favourites')
      .insert({ user_id: student.id, job_id: jobId, created_at: nowDb() })
      .onConflict(['user_id', 'job_id'])
      .ignore()
    return true
  }

  async isFavourite(userId: number, jobId: number) {
    return Boolean(
      await db.from('job_favourites').where({ user_id: userId, job_id: jobId }).first()
    )
  }

  /** 已投简历 of a student (newest first). */
  async ofStudent(userId: number, page = 1) {
    return db
      .from('job_applications as a')
      .join('jobs as j', 'j.id', 'a.job_id')
      .join('employers as e', 'e.id', 'j.employer_id')
      .leftJoin('resumes as r', 'r.id', 'a.resume_id')
      .where('a.user_id', userId)
      .select(
        'a.id',
        'a.status',
        'a.created_at',
        'j.id as job_id',
        'j.title',
        'j.city',
        'e.id as employer_id',
        'e.name as employer_name',
        'r.title as resume_title'
      )
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
      .paginate(page, 20)
  }

  async favouritesOf(userId: number, page = 1) {
    return db
      .from('job_favourites as f')
      .join('jobs as j', 'j.id', 'f.job_id')
      .join('employers as e', 'e.id', 'j.employer_id')
      .leftJoin('job_applications as a', (q) =>
        q.on('a.job_id', 'f.job_id').andOn('a.user_id', 'f.user_id')
      )
      .where('f.user_id', userId)
      .where('e.status', 'verified')
      .select(
        'f.created_at',
        'j.id as job_id',
        'j.title',
        'j.city',
        'j.status as job_status',
        'j.deadline',
        'j.salary_min',
        'j.salary_max',
        'e.name as employer_name',
        'a.id as application_id'
      )
      .orderBy('f.created_at', 'desc')
      .paginate(page, 20)
  }

  /**
   * Employer sets a status (已查看, 邀请面试, 不合适, 已录用) following the allowed transitions;
   * a conditional update so two HR clicks cannot both move it. `trx`: the admin row action's
   * transaction (the update and the student's message commit with it).
   */
  async changeStatus(
    application: JobApplication,
    to: ApplicationStatus,
    jobTitle: string,
    employerName: string,
    trx?: TransactionClientContract
  ) {
    const from = application.status
    if (!APPLICATION_TRANSITIONS[from]?.includes(to)) {
      throw refused('job_seeking.refusals.application_transition', null, {
        from: applicationMachine.label(from),
        to: applicationMachine.label(to),
      })
    }
    const action = ACTION_TO[to as keyof typeof ACTION_TO]
    // One conditional UPDATE, still on the state this click saw: a concurrent click loses.
    const changed = await applicationMachine.applyWhere(
      trx ?? db.connection(),
      action,
      application.id,
      {
        where: { status: from },
        set: to === 'viewed' ? { viewed_at: nowDb() } : {},
      }
    )
    if (changed === 0) throw refused('job_seeking.refusals.application_changed')
    await application.refresh()
    const texts: Partial<Record<ApplicationStatus, string>> = {
      viewed: 'job_seeking.messages.progress_viewed',
      rejected: 'job_seeking.messages.progress_rejected',
      hired: 'job_seeking.messages.progress_hired',
    }
    if (texts[to]) {
      await messages.send(
        {
          userId: application.userId,
          category: 'job_application',
          title: text('job_seeking.messages.progress_title', {
            job: jobTitle,
            status: applicationMachine.label(to),
          }),
          body: text(texts[to]!, { employer: employerName, job: jobTitle }),
          link: recordsUrl('applications'),
          dedupeKey: `job-application-${application.id}-${to}`,
        },
        trx
      )
    }
  }

  /** First time an employer opens an application, it becomes 已查看. */
  async markViewed(application: JobApplication, jobTitle: string, employerName: string) {
    if (application.status !== 'submitted') return
    try {
      await this.changeStatus(application, 'viewed', jobTitle, employerName)
    } catch (error) {
      if (!(error instanceof Refusal)) throw error
    }
  }

  async countsFor(userId: number) {
    // One round trip: three scalar subqueries (the student home shows all three).
    const row: any = await db
      .query()
      .select(...studentCountSubqueries(userId))
      .first()
    return studentCounts(row)
  }
}

/**
 * 已投简历 / 收藏职位 / 待面试 of a student as scalar subqueries (`applications`, `favourites`,
 * `interviews`), for one statement wherever they are shown (API home counts, the home widget).
 */
export function studentCountSubqueries(userId: number) {
  return [
    db.from('job_applications').where('user_id', userId).count('*').as('applications'),
    db.from('job_favourites').where('user_id', userId).count('*').as('favourites'),
    db
      .from('interview_invitations')
      .where('user_id', userId)
      .where((q) =>
        q
          .where('status', 'pending')
          .orWhere((q2) =>
            q2.where('status', 'accepted').where('starts_at', '>=', toDb(DateTime.now()))
          )
      )
      .count('*')
      .as('interviews'),
  ]
}

/** The three counts of a row selected with `studentCountSubqueries`. */
export function studentCounts(row: any) {
  return {
    applications: Number(row?.applications ?? 0),
    favourites: Number(row?.favourites ?? 0),
    interviews: Number(row?.interviews ?? 0),
  }
}

export const applications = new ApplicationService()
export default applications
