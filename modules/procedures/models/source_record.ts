import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Graduate from '#core/registry/models/graduate'
import type { ReviewStatus } from '#modules/procedures/services/state_machines'

/** 生源信息: the registry fields kept beside `graduates` (1:1). */
export default class SourceRecord extends BaseModel {
  static table = 'source_records'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare graduateId: number
  @column()
  declare schoolId: number
  @column()
  declare ethnicity: string | null
  @column()
  declare politicalStatus: string | null
  @column()
  declare schoolingLength: string | null
  @column()
  declare trainingMode: string | null
  @column()
  declare graduationDate: string | null
  @column()
  declare originPlace: string | null
  @column()
  declare hukouPlace: string | null
  @column()
  declare hukouType: string | null
  @column()
  declare familyDifficulty: string | null
  @column()
  declare homeAddress: string | null
  @column()
  declare status: ReviewStatus
  @column()
  declare reviewComment: string | null
  @column()
  declare reviewedBy: number | null
  @column.dateTime()
  declare reviewedAt: DateTime | null
  @column.dateTime()
  declare submittedAt: DateTime | null
  @belongsTo(() => Graduate)
  declare graduate: BelongsTo<typeof Graduate>
  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
