import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/accounts/models/user'
import Job from '#modules/job_seeking/models/job'
import Resume from '#modules/job_seeking/models/resume'

export type ApplicationStatus = 'submitted' | 'viewed' | 'interview' | 'rejected' | 'hired'

/** Labels of the manual (已投递, 已查看, 邀请面试, 不合适, 已录用). */
export const APPLICATION_STATUS_LABELS: Record<ApplicationStatus, string> = {
  submitted: '已投递',
  viewed: '已查看',
  interview: '邀请面试',
  rejected: '不合适',
  hired: '已录用',
}

/** Which status an employer may set from which: one place for the application state machine. */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> = {
  submitted: ['viewed', 'interview', 'rejected', 'hired'],
  viewed: ['interview', 'rejected', 'hired'],
  interview: ['rejected', 'hired'],
  rejected: [],
  hired: [],
}

/** 已投简历: one per student per job (unique key). */
export default class JobApplication extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare jobId: number

  @column()
  declare employerId: number

  @column()
  declare userId: number

  @column()
  declare schoolId: number

  @column()
  declare resumeId: number | null

  @column()
  declare status: ApplicationStatus

  @column.dateTime()
  declare viewedAt: DateTime | null

  @belongsTo(() => Job)
  declare job: BelongsTo<typeof Job>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @belongsTo(() => Resume)
  declare resume: BelongsTo<typeof Resume>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get statusLabel() {
    return APPLICATION_STATUS_LABELS[this.status] ?? this.status
  }
}
