import { DateTime } from 'luxon'
import Employer from '#core/accounts/models/employer'
import queue from '#core/queue/dispatcher'
import { toDb } from '#core/database/time'
import Job from '#modules/job_seeking/models/job'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { FieldError } from '#modules/job_seeking/validators/messages'

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

export class NotAllowed extends Error {}

/** 职位管理: the employer posts, edits, closes and reopens its jobs. */
export const jobPosting = {
  async assertCanPost(employer: Employer) {
    if (employer.status !== 'verified') {
      throw new NotAllowed('单位尚未通过审核，审核通过后才能发布职位')
    }
  },

  /** Checks the dictionary fields and ranges; throws a FieldError for the field at fault. */
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
        throw new FieldError(field, '请从列表中选择')
    }
    if (input.salary_min && input.salary_max && input.salary_min > input.salary_max) {
      throw new FieldError('salary_max', '最高月薪不能低于最低月薪')
    }
    let deadline: DateTime | null = null
    if (input.deadline) {
      deadline = DateTime.fromJSDate(input.deadline)
        .setZone('Asia/Shanghai', { keepLocalTime: true })
        .endOf('day')
        .toUTC()
      if (deadline < DateTime.now()) throw new FieldError('deadline', '截止日期不能早于今天')
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
  },

  async create(employer: Employer, input: JobInput) {
    await this.assertCanPost(employer)
    const data = await this.normalize(input)
    const job = await Job.create({
      ...data,
      industry: data.industry ?? employer.industry,
      employerId: employer.id,
      status: 'open',
      publishedAt: DateTime.now(),
    })
    await this.announce(job)
    return job
  },

  async update(job: Job, input: JobInput) {
    const data = await this.normalize(input)
    job.merge(data)
    await job.save()
    return job
  },

  async close(job: Job) {
    if (job.status === 'closed') throw new NotAllowed('该职位已经停止招聘')
    const updated = await Job.query()
      .where('id', job.id)
      .where('status', 'open')
      .update({
        status: 'closed',
        closed_at: toDb(DateTime.now()),
      })
    if (!Number(Array.isArray(updated) ? updated[0] : updated))
      throw new NotAllowed('该职位已经停止招聘')
    await job.refresh()
  },

  async reopen(job: Job, employer: Employer) {
    await this.assertCanPost(employer)
    if (job.status === 'open') throw new NotAllowed('该职位正在招聘中')
    if (job.isExpired) throw new NotAllowed('截止日期已过，请先修改截止日期再重新开放')
    job.merge({ status: 'open', closedAt: null, publishedAt: DateTime.now() })
    await job.save()
    await this.announce(job)
  },

  /** Subscription push: matching students hear about the (re)published job. */
  async announce(job: Job) {
    const stamp = job.publishedAt?.toMillis() ?? Date.now()
    await queue.dispatch(
      'job-subscription-push',
      { jobId: job.id },
      { jobId: `job-push-${job.id}-${stamp}` }
    )
  },
}

export default jobPosting
