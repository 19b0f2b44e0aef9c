import { DateTime } from 'luxon'
import { BaseModel, afterDelete, afterSave, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import School from '#core/tenancy/models/school'
import configCache from '#core/tenancy/config_cache'

/** The main site (province) or a school's subsite. */
export default class Site extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare schoolId: number | null

  @column()
  declare code: string

  @column()
  declare name: string

  @column()
  declare isMain: boolean

  @column()
  declare customHost: string | null

  @belongsTo(() => School)
  declare school: BelongsTo<typeof School>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** A site saved in this request: the rest of the request resolves sites afresh. */
  @afterSave()
  @afterDelete()
  static forgetCachedSites() {
    configCache.invalidate()
  }

  static main() {
    return this.query().where('is_main', true).firstOrFail()
  }
}
