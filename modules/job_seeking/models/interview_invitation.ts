import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import JobApplication from '#modules/job_seeking/models/job_application'
import { text } from '#core/i18n/text'
import interviewMachine, { type InterviewState } from '#modules/job_seeking/machines/interview'

export type InterviewStatus = InterviewState
export const INTERVIEW_MODES = {
  onsite: 'job_seeking.labels.interview_mode.onsite',
  video: 'job_seeking.labels.interview_mode.video',
} as const

/** 面试邀请: a letter from the employer; the student answers once (接受 / 拒绝). */
export default class InterviewInvitation extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare applicationId: number

  @column()
  declare userId: number

  @column()
  declare employerId: number

  @column()
  declare mode: 'onsite' | 'video'

  @column.dateTime()
  declare startsAt: DateTime

  @column()
  declare place: string | null

  @column({ serializeAs: null })
  declare videoLink: string | null

  @column()
  declare letter: string

  @column()
  declare status: InterviewStatus

  @column.dateTime()
  declare answeredAt: DateTime | null

  @belongsTo(() => JobApplication, { foreignKey: 'applicationId' })
  declare application: BelongsTo<typeof JobApplication>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get statusLabel() {
    return interviewMachine.label(this.status)
  }

  get modeLabel() {
    return text(INTERVIEW_MODES[this.mode])
  }

  /** The 视频面试 link shows only once the student accepted a video interview (not time-gated). */
  get visibleVideoLink() {
    return this.mode === 'video' && this.status === 'accepted' ? this.videoLink : null
  }
}
