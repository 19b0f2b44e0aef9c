import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/accounts/models/user'
import Job from '#modules/job_seeking/models/job'
import Resume from '#modules/job_seeking/models/resume'
import applicationMachine, {
  ACTION_TO,
  type ApplicationState,
} from '#modules/job_seeking/machines/job_application'

export type ApplicationStatus = ApplicationState

/** Labels of the manual (已投递, 已查看, 邀请面试, 不合适, 已录用), from the machine's lang keys. */
export function applicationStatusLabels(): Record<ApplicationStatus, string> {
  return Object.fromEntries(
    applicationMachine.def.states.map((s) => [s, applicationMachine.label(s)])
  ) as Record<ApplicationStatus, string>
}

/** The same labels as a record read at use (kept for callers that index it). */
export const APPLICATION_STATUS_LABELS = Object.defineProperties(
  {},
  Object.fromEntries(
    applicationMachine.def.states.map((s) => [
      s,
      { enumerable: true, get: () => applicationMachine.label(s) },
    ])
  )
) as Readonly<Record<ApplicationStatus, string>>

/** Which status an employer may set from which (the machine's view/interview/reject/hire). */
export const APPLICATION_TRANSITIONS: Record<ApplicationStatus, ApplicationStatus[]> =
  Object.fromEntries(
    applicationMachine.def.states.map((from) => [
      from,
      Object.values(ACTION_TO)
        .filter((action) => applicationMachine.can(action, from))
        .map((action) => applicationMachine.transition(action).to as ApplicationStatus),
    ])
  ) as Record<ApplicationStatus, ApplicationStatus[]>

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
    return applicationMachine.label(this.status)
  }
}
