import { DateTime } from 'luxon'
import Employer from '#core/accounts/models/employer'
import queue from '#core/queue/dispatcher'
import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { toDb } from '#core/database/time'
import { FieldErrors, Refusal } from '#core/http/refusal'
import jobMachine from '#modules/job_seeking/machines/job_posting'
import Job from '#modules/job_seeking/models/job'
import dictionaries from '#modules/job_seeking/services/dictionaries'

export interface JobInput {
  title: string
  category: string
  nature: string
  city: string
  industry?: string
  salary_min?: number
  salary_max?: number
  education?: string
  headcount?: number
  requirements?: string
  description: string
  contact_name?: string
  contact_phone?: string
  contact_email?: string
  deadline?: Date
}

/** 职位管理: the employer posts, edits, closes and reopens its jobs. */
export class JobPostingService {
  async assertCanPost(employer: Employer) {
    if (employer.status !== 'verified') {
      throw new Refusal('job_seeking.refusals.employer_cannot_post')
    }
  }

  /** Checks the dictionary fields and ranges; throws FieldErrors for the field at fault. */
  async normalize(input: JobInput) {
    const checks: [
      string,
      'job_category' | 'job_nature' | 'city' | 'industry' | 'education',
      string | undefined,
    ][] = [
      ['category', 'job_category', input.category],
      ['nature', 'job_nature', input.nature],
      ['city', 'city', input.city],
      ['industry', 'industry', input.industry],
      ['education', 'education', input.education],
    ]
    for (const [field, kind, value] of checks) {
      if (value && !(await dictionaries.has(kind, value)))
        throw new FieldErrors({ [field]: 'job_seeking.refusals.choose_from_list' })
    }
    if (input.salary_min && input.salary_max && input.salary_min > input.salary_max) {
      throw new FieldErrors({ salary_max: 'job_seeking.refusals.salary_range' })
    }
    let deadline: DateTime | null = null
    if (input.deadline) {
      deadline = DateTime.fromJSDate(input.deadline)
        .setZone('Asia/Shanghai', { keepLocalTime: true })
        .endOf('day')
        .toUTC()
      if (deadline < DateTime.now())
        throw new FieldErrors({ deadline: 'job_seeking.refusals.deadline_past' })
    }
    const province = (await dictionaries.provinceOf(input.city)) ?? ''
    return {
      title: input.title,
      category: input.category,
      nature: input.nature,
      province,
      city: input.city,
      industry: input.industry || null,
      salaryMin: input.salary_min ?? null,
      salaryMax: input.salary_max ?? null,
      education: input.education || null,
      headcount: input.headcount ?? null,
      requirements: input.requirements || null,
      description: input.description,
      contactName: input.contact_name || null,
      contactPhone: input.contact_phone || null,
      contactEmail: input.contact_email || null,
      deadline,
    }
  }

  async create(employer: Employer, input: JobInput) {
    await this.assertCanPost(employer)
    const data = await this.normalize(input)
    const job = await Job.create({
      ...data,
      industry: data.industry ?? employer.industry,
      employerId: employer.id,
      ...jobMachine.initial('open'),
      publishedAt: DateTime.now(),
    })
    await this.announce(job)
    return job
  }

  async update(job: Job, input: JobInput) {
    const data = await this.normalize(input)
    job.merge(data)
    await job.save()
    return job
  }

  /** 停止招聘 (in `client`: the admin row action's transaction). */
  async close(job: Job, client: QueryClientContract = db.connection()) {
    if (job.status === 'closed') throw new Refusal('job_seeking.refusals.job_already_closed')
    const updated = await jobMachine.applyWhere(client, 'close', job.id, {
      set: { closed_at: toDb(DateTime.now()) },
      touch: false,
    })
    if (!updated) throw new Refusal('job_seeking.refusals.job_already_closed')
    await job.refresh()
  }

  /**
   * 重新开放 (in `client`: the admin row action's transaction). The caller announces the job
   * (`announce`) once that is committed: the push reads the job with its own connection.
   */
  async reopen(job: Job, employer: Employer, client: QueryClientContract = db.connection()) {
    await this.assertCanPost(employer)
    if (job.status === 'open') throw new Refusal('job_seeking.refusals.job_already_open')
    if (job.isExpired) throw new Refusal('job_seeking.refusals.job_reopen_expired')
    // One conditional UPDATE (closed → open): two clicks publish (and push) once.
    const reopened = await jobMachine.applyWhere(client, 'reopen', job.id, {
      set: { closed_at: null, published_at: toDb(DateTime.now()) },
    })
    if (!reopened) throw new Refusal('job_seeking.refusals.job_already_open')
    await job.refresh()
  }

  /** Subscription push: matching students hear about the (re)published job. */
  async announce(job: Job) {
    const stamp = job.publishedAt?.toMillis() ?? Date.now()
    await queue.dispatch(
      'job-subscription-push',
      { jobId: job.id },
      { jobId: `job-push-${job.id}-${stamp}` }
    )
  }
}

export const jobPosting = new JobPostingService()
export default jobPosting
