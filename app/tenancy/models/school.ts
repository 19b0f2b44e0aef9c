import { DateTime } from 'luxon'
import { BaseModel, column, hasOne } from '@adonisjs/lucid/orm'
import type { HasOne } from '@adonisjs/lucid/types/relations'
import Site from '#core/tenancy/models/site'

export default class School extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare code: string

  @column()
  declare name: string

  /** 学校标识码 (MoE 5-digit code), the `xxdm` of the 91job-compatible open data. */
  @column()
  declare moeCode: string | null

  @hasOne(() => Site)
  declare site: HasOne<typeof Site>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
