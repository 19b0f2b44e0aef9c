import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Graduate from '#core/registry/models/graduate'
import type { ReviewStatus } from '#modules/procedures/services/state_machines'

/** 就业推荐表 */
export default class RecommendationForm extends BaseModel {
  static table = 'recommendation_forms'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare graduateId: number
  @column()
  declare schoolId: number
  @column()
  declare health: string | null
  @column()
  declare education: string | null
  @column()
  declare positions: string | null
  @column()
  declare awards: string | null
  @column()
  declare skills: string | null
  @column()
  declare selfAssessment: string | null
  @column()
  declare status: ReviewStatus
  @column()
  declare schoolComment: string | null
  @column()
  declare recommendationOpinion: string | null
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
