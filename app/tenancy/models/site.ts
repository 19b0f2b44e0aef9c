import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import School from '#core/tenancy/models/school'

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

  static main() {
    return this.query().where('is_main', true).firstOrFail()
  }
}
