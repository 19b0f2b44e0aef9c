import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Graduate from '#core/registry/models/graduate'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import { jsonColumn } from '#modules/procedures/models/json_column'
import type { TerminationStatus } from '#modules/procedures/services/state_machines'

/** 解约申请 */
export default class Termination extends BaseModel {
  static table = 'terminations'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare planId: number
  @column()
  declare graduateId: number
  @column()
  declare schoolId: number
  @column()
  declare college: string | null
  @column()
  declare employerId: number | null
  @column()
  declare signingType: 'online' | 'offline'
  @column()
  declare initiatedBy: 'student' | 'employer'
  @column()
  declare initiatorId: number | null
  @column()
  declare reason: string
  @column()
  declare description: string | null
  @column(jsonColumn<number[]>([]))
  declare materialFileIds: number[]
  @column()
  declare status: TerminationStatus
  @column()
  declare answerComment: string | null
  @column()
  declare answeredBy: number | null
  @column.dateTime()
  declare answeredAt: DateTime | null
  @column({ consume: (v: unknown) => Boolean(v) })
  declare forced: boolean
  @column()
  declare forceReason: string | null
  @column()
  declare forcedBy: number | null
  @column.dateTime()
  declare completedAt: DateTime | null
  @column()
  declare openKey: number | null
  @belongsTo(() => Graduate)
  declare graduate: BelongsTo<typeof Graduate>
  @belongsTo(() => EmploymentPlan, { foreignKey: 'planId' })
  declare plan: BelongsTo<typeof EmploymentPlan>
  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
