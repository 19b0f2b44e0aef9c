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
  /** The 2-digit parent of a 3-digit code (271 → 27), null for a top-level code. */
  @column()
  declare parentCode: string | null
  @column()
  declare name: string
  /** The first year (of the versions carried) this name applies from: 80 is 升学 in 2021, 境内升学 from 2024. */
  @column()
  declare nameSince: number
  /** The formula group of this code in this version (keys of FORMULA_GROUPS[version]). */
  @column()
  declare formulaGroup: string
  /** What a registration under this code must be backed by (null: no document). */
  @column()
  declare evidence: string | null
  @column({ consume: (v: unknown) => Boolean(v) })
  declare evidenceVerified: boolean
  /** Checked against public sources (issue 13's table); unverified rows are never offered. */
  @column({ consume: (v: unknown) => Boolean(v) })
  declare verified: boolean
  /** A student may choose it (a verified leaf: 271, not 27). */
  @column({ consume: (v: unknown) => Boolean(v) })
  declare selectable: boolean
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
