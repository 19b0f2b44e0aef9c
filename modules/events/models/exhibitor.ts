import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Employer from '#core/accounts/models/employer'
import RecruitmentEvent from '#modules/events/models/recruitment_event'

export type ExhibitorStatus = 'pending' | 'approved' | 'rejected'

/** 参展单位: an employer's booth at a fair (applied for by the employer or added by the organiser). */
export default class Exhibitor extends BaseModel {
  static table = 'event_exhibitors'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare eventId: number

  @column()
  declare employerId: number

  @column()
  declare boothNo: string | null

  @column()
  declare status: ExhibitorStatus

  @column()
  declare note: string | null

  @column()
  declare rejectReason: string | null

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @belongsTo(() => Employer)
  declare employer: BelongsTo<typeof Employer>

  @belongsTo(() => RecruitmentEvent, { foreignKey: 'eventId' })
  declare event: BelongsTo<typeof RecruitmentEvent>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
