import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Graduate from '#core/registry/models/graduate'
import DestinationCode from '#modules/procedures/models/destination_code'
import type { PlanStatus } from '#modules/procedures/services/state_machines'

/** 就业方案 (employment plan): at most one active (not cancelled) per graduate. */
export default class EmploymentPlan extends BaseModel {
  static table = 'employment_plans'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare graduateId: number
  @column()
  declare schoolId: number
  @column()
  declare college: string | null
  @column()
  declare signingType: 'online' | 'offline'
  @column()
  declare invitationId: number | null
  @column()
  declare employerId: number | null
  @column()
  declare destinationCodeId: number | null
  @column()
  declare infoType: string | null
  @column()
  declare employerName: string | null
  @column()
  declare employerUscc: string | null
  @column()
  declare employerNature: string | null
  @column()
  declare employerIndustry: string | null
  @column()
  declare employerCity: string | null
  @column()
  declare employerAddress: string | null
  @column()
  declare employerContact: string | null
  @column()
  declare employerPhone: string | null
  @column()
  declare jobTitle: string | null
  @column()
  declare certificateCategory: string | null
  @column()
  declare certificateUnit: string | null
  @column()
  declare archiveUnit: string | null
  @column()
  declare archiveAddress: string | null
  @column()
  declare hukouAddress: string | null
  @column()
  declare studySchool: string | null
  @column()
  declare studyMajor: string | null
  @column()
  declare studyCountry: string | null
  @column()
  declare remark: string | null
  /** destination_codes.version this plan was made under (kept when the province switches). */
  @column()
  declare codeVersion: string
  /** '2021' (报到证) or '2023' (去向登记): which fields the plan carries. */
  @column()
  declare proceduresMode: string
  /** The code an old record carried before migration (13 for today's 271). */
  @column()
  declare legacyDestinationCode: string | null
  @column()
  declare positionCategory: string | null
  @column()
  declare archiveTransferNo: string | null
  /** 核验编号, recorded from a returned national file (national_service). */
  @column()
  declare verificationNo: string | null
  @column.dateTime()
  declare nationalSyncedAt: DateTime | null
  @column()
  declare hukouMigration: string | null
  @column({ consume: (v: unknown) => Boolean(v) })
  declare verificationAuthorized: boolean
  @column.dateTime()
  declare registrationConfirmedAt: DateTime | null
  @column()
  declare status: PlanStatus
  @column()
  declare reviewComment: string | null
  @column()
  declare reviewedBy: number | null
  @column.dateTime()
  declare reviewedAt: DateTime | null
  @column.dateTime()
  declare submittedAt: DateTime | null
  @column.dateTime()
  declare cancelledAt: DateTime | null
  @column()
  declare activeKey: number | null
  @belongsTo(() => Graduate)
  declare graduate: BelongsTo<typeof Graduate>
  @belongsTo(() => DestinationCode)
  declare destination: BelongsTo<typeof DestinationCode>
  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isOnline() {
    return this.signingType === 'online'
  }
}
