import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import ResumeSection from '#modules/job_seeking/models/resume_section'

/** JSON kept as text: PostgreSQL and SQLite behave the same. */
const json = {
  prepare: (value: unknown) =>
    value === null || value === undefined ? null : JSON.stringify(value),
  consume: (value: unknown) => {
    if (value === null || value === undefined || value === '') return {}
    if (typeof value === 'string') {
      try {
        return JSON.parse(value)
      } catch {
        return {}
      }
    }
    return value
  },
}

export interface ResumeProfile {
  name?: string
  gender?: string
  birthDate?: string
  phone?: string
  email?: string
  city?: string
  politicalStatus?: string
}

export interface ResumeIntention {
  position?: string
  cities?: string
  salary?: string
  nature?: string
}

export interface ResumeEducation {
  school?: string
  college?: string
  major?: string
  degree?: string
  startDate?: string
  endDate?: string
  courses?: string
}

/** 我的简历: a student may keep several. */
export default class Resume extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare schoolId: number

  @column()
  declare title: string

  @column({ consume: (v) => Boolean(v) })
  declare isDefault: boolean

  @column(json)
  declare profile: ResumeProfile

  @column(json)
  declare intention: ResumeIntention

  @column(json)
  declare education: ResumeEducation

  @column()
  declare attachmentFileId: number | null

  @hasMany(() => ResumeSection)
  declare sections: HasMany<typeof ResumeSection>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** A student's resumes, the default one first. */
  static ofUser(userId: number) {
    return Resume.query()
      .where('user_id', userId)
      .orderBy('is_default', 'desc')
      .orderBy('id', 'asc')
  }
}
