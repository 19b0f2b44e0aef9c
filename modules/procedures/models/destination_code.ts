import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type InfoType = 'employment' | 'study' | 'unemployed'
export type FormKind =
  | 'contract'
  | 'labour'
  | 'employment'
  | 'research'
  | 'military'
  | 'grassroots'
  | 'startup'
  | 'freelance'
  | 'study'
  | 'abroad'
  | 'none'

/** 毕业去向分类与代码 (one row per version and code). */
export default class DestinationCode extends BaseModel {
  static table = 'destination_codes'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare version: string
  @column()
  declare code: string
  @column()
  declare name: string
  @column()
  declare infoType: InfoType
  @column()
  declare formKind: FormKind
  @column({ consume: (v: unknown) => Boolean(v) })
  declare countsAsEmployed: boolean
  @column.date()
  declare validFrom: DateTime
  @column.date()
  declare validTo: DateTime | null
  @column()
  declare sort: number
}
