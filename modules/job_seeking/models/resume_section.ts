import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** Optional sections a student adds, removes and orders. */
export const OPTIONAL_SECTIONS: Record<string, string> = {
  internship: '实习经历',
  project: '项目经历',
  awards: '获奖情况',
  certificates: '技能证书',
  campus: '校园经历',
  self: '自我评价',
}

export default class ResumeSection extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare resumeId: number

  @column()
  declare kind: string

  @column()
  declare title: string

  @column()
  declare content: string

  @column()
  declare position: number

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
