import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column, hasOne } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasOne } from '@adonisjs/lucid/types/relations'
import School from '#core/tenancy/models/school'
import User from '#core/accounts/models/user'
import { sealedColumn } from '#core/privacy/sealed'
import { maskIdNumber } from '#core/ui/format'

/** A record of the school's graduate registry (生源库). */
export default class Graduate extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare schoolId: number

  @column()
  declare studentNumber: string

  @column()
  declare name: string

  @column()
  declare gender: string | null

  // Encrypted at rest (app/privacy/sealed.ts); the model reads and writes the plain number.
  @column({ serializeAs: null, ...sealedColumn })
  declare idNumber: string | null

  @column()
  declare college: string | null

  @column()
  declare major: string | null

  @column()
  declare degreeLevel: string | null

  @column()
  declare graduationYear: number | null

  @column()
  declare phone: string | null

  @column()
  declare email: string | null

  @column()
  declare signable: boolean

  @belongsTo(() => School)
  declare school: BelongsTo<typeof School>

  @hasOne(() => User)
  declare user: HasOne<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get maskedIdNumber() {
    return maskIdNumber(this.idNumber)
  }
}
