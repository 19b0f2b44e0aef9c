import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Employer from '#core/accounts/models/employer'
import { formatSalary } from '#core/ui/format'
import { text } from '#core/i18n/text'
import type { JobState } from '#modules/job_seeking/machines/job_posting'

export type JobStatus = JobState

/** 招聘职位. Visible to students only while open, before its deadline and when the employer is verified. */
export default class Job extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare employerId: number

  @column()
  declare title: string

  @column()
  declare category: string

  @column()
  declare nature: string

  @column()
  declare province: string

  @column()
  declare city: string

  @column()
  declare industry: string | null

  @column()
  declare salaryMin: number | null

  @column()
  declare salaryMax: number | null

  @column()
  declare education: string | null

  @column()
  declare headcount: number | null

  @column()
  declare requirements: string | null

  @column()
  declare description: string | null

  @column()
  declare contactName: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare contactEmail: string | null

  @column.dateTime()
  declare deadline: DateTime | null

  @column()
  declare status: JobStatus

  @column.dateTime()
  declare publishedAt: DateTime | null

  @column.dateTime()
  declare closedAt: DateTime | null

  @belongsTo(() => Employer)
  declare employer: BelongsTo<typeof Employer>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get salaryText() {
    return formatSalary(this.salaryMin, this.salaryMax)
  }

  get isExpired() {
    return this.deadline !== null && this.deadline < DateTime.now()
  }

  /** Why a student cannot apply right now, or null when the job accepts applications. */
  closedReason(employerStatus?: string): string | null {
    if (this.status !== 'open') return text('job_seeking.refusals.job_closed')
    if (this.isExpired) return text('job_seeking.refusals.job_expired')
    if (employerStatus !== undefined && employerStatus !== 'verified')
      return text('job_seeking.refusals.employer_unverified')
    return null
  }
}
