import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { text } from '#core/i18n/text'

/** Optional sections a student adds, removes and orders (lang keys of their titles). */
export const OPTIONAL_SECTIONS: Record<string, string> = {
  internship: 'job_seeking.labels.section.internship',
  project: 'job_seeking.labels.section.project',
  awards: 'job_seeking.labels.section.awards',
  certificates: 'job_seeking.labels.section.certificates',
  campus: 'job_seeking.labels.section.campus',
  self: 'job_seeking.labels.section.self',
}

/** Kind → title, for the 添加栏目 choices. */
export function sectionLabels(): Record<string, string> {
  return Object.fromEntries(Object.entries(OPTIONAL_SECTIONS).map(([k, key]) => [k, text(key)]))
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
