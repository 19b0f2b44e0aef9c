import db from '@adonisjs/lucid/services/db'
import { formatSalary } from '#core/ui/format'
import { nowDb } from '#core/database/time'
import router from '@adonisjs/core/services/router'

export interface JobSummary {
  id: number
  title: string
  city: string
  salaryText: string
  url: string
}

export interface Applicant {
  userId: number
  name: string
  schoolId: number
  studentNumber: string | null
  jobTitle: string
}

/**
 * The job-seeking module's public face for other modules (events, procedures).
 * Other modules import ONLY this file: URLs of company and job pages, open jobs of an
 * employer, and the students who applied to an employer (online signing).
 */
function openVisibleJobs() {
  const now = nowDb()
  return db
    .from('jobs')
    .join('employers', 'employers.id', 'jobs.employer_id')
    .where('jobs.status', 'open')
    .where('employers.status', 'verified')
    .where((q) => q.whereNull('jobs.deadline').orWhere('jobs.deadline', '>=', now))
}

function toSummary(row: any): JobSummary {
  return {
    id: row.id,
    title: row.title,
    city: row.city,
    salaryText: formatSalary(row.salary_min, row.salary_max),
    url: jobDirectory.jobUrl(row.id),
  }
}

export class JobDirectory {
  /** Public company page (intro, open jobs, contact, the company.page widgets). */
  companyUrl(employerId: number) {
    return router.makeUrl('companies.show', { id: employerId })
  }

  /** Public job detail page (申请职位 / 收藏职位 from there). */
  jobUrl(jobId: number) {
    return router.makeUrl('jobs.show', { id: jobId })
  }

  /** Open, unexpired jobs of a verified employer, newest first. */
  async openJobsOf(employerId: number, limit = 50): Promise<JobSummary[]> {
    const rows = await openVisibleJobs()
      .where('jobs.employer_id', employerId)
      .select('jobs.id', 'jobs.title', 'jobs.city', 'jobs.salary_min', 'jobs.salary_max')
      .orderBy('jobs.published_at', 'desc')
      .orderBy('jobs.id', 'desc')
      .limit(limit)
    return rows.map(toSummary)
  }

  /** The visible jobs among these ids (closed, expired or unverified ones are left out), in the given order. */
  async jobsByIds(ids: number[]): Promise<JobSummary[]> {
    const wanted = [...new Set(ids.filter((id) => Number.isInteger(id)))]
    if (wanted.length === 0) return []
    const rows = await openVisibleJobs()
      .whereIn('jobs.id', wanted)
      .select('jobs.id', 'jobs.title', 'jobs.city', 'jobs.salary_min', 'jobs.salary_max')
    const byId = new Map(rows.map((r: any) => [r.id, toSummary(r)]))
    return wanted.map((id) => byId.get(id)).filter((j): j is JobSummary => Boolean(j))
  }

  /**
   * Whether this student user applied to any job of this employer. Online signing invites
   * only applicants by user id, so an employer cannot reach other students by walking ids.
   */
  async hasApplied(employerId: number, userId: number): Promise<boolean> {
    if (!Number.isSafeInteger(employerId) || !Number.isSafeInteger(userId)) return false
    const row = await db
      .from('job_applications')
      .where('employer_id', employerId)
      .where('user_id', userId)
      .select('id')
      .first()
    return Boolean(row)
  }

  /**
   * Students who applied to any job of this employer (one row per student and job,
   * newest application first). Used by online signing to choose whom to invite.
   */
  async applicantsOf(employerId: number): Promise<Applicant[]> {
    const rows = await db
      .from('job_applications as a')
      .join('jobs as j', 'j.id', 'a.job_id')
      .join('users as u', 'u.id', 'a.user_id')
      .leftJoin('graduates as g', 'g.id', 'u.graduate_id')
      .where('a.employer_id', employerId)
      .select('a.user_id', 'u.name', 'a.school_id', 'g.student_number', 'j.title as job_title')
      .orderBy('a.created_at', 'desc')
      .orderBy('a.id', 'desc')
    return rows.map((r: any) => ({
      userId: r.user_id,
      name: r.name,
      schoolId: r.school_id,
      studentNumber: r.student_number ?? null,
      jobTitle: r.job_title,
    }))
  }
}

const jobDirectory = new JobDirectory()
export default jobDirectory
