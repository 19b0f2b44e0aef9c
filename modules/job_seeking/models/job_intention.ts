import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'
import { text } from '#core/i18n/text'

export type IntentionType =
  'employment' | 'further_study' | 'abroad' | 'civil_service' | 'startup' | 'none'

/** The manual's words, in its order (lang keys; `intentionTypeLabels()` gives the texts). */
export const INTENTION_TYPES: Record<IntentionType, string> = {
  employment: 'job_seeking.labels.intention_type.employment',
  further_study: 'job_seeking.labels.intention_type.further_study',
  abroad: 'job_seeking.labels.intention_type.abroad',
  civil_service: 'job_seeking.labels.intention_type.civil_service',
  startup: 'job_seeking.labels.intention_type.startup',
  none: 'job_seeking.labels.intention_type.none',
}

export const FREQUENCIES = {
  immediate: 'job_seeking.labels.frequency.immediate',
  daily: 'job_seeking.labels.frequency.daily',
  weekly: 'job_seeking.labels.frequency.weekly',
} as const
export type Frequency = keyof typeof FREQUENCIES

/** Key → text of a record of lang keys, in its order (form options). */
export function labelsOf<K extends string>(keys: Record<K, string>): Record<K, string> {
  return Object.fromEntries(
    Object.entries(keys).map(([k, key]) => [k, text(key as string)])
  ) as Record<K, string>
}

export const intentionTypeLabels = () => labelsOf(INTENTION_TYPES)
export const frequencyLabels = () => labelsOf(FREQUENCIES)

/** 求职意向 (one per student); the multi-valued fields live in job_intention_terms. */
export default class JobIntention extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare userId: number

  @column()
  declare schoolId: number

  @column()
  declare type: IntentionType

  @column()
  declare jobNature: string | null

  @column()
  declare expectedSalary: string | null

  @column()
  declare expectedSalaryMin: number | null

  @column({ consume: (v) => Boolean(v) })
  declare subscribed: boolean

  @column()
  declare frequency: Frequency

  @column({ consume: (v) => Boolean(v) })
  declare anyCity: boolean

  @column({ consume: (v) => Boolean(v) })
  declare anyCategory: boolean

  @column({ consume: (v) => Boolean(v) })
  declare anyIndustry: boolean

  @column({ consume: (v) => Boolean(v) })
  declare anyNature: boolean

  @column({ consume: (v) => Boolean(v) })
  declare anyScale: boolean

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get typeLabel() {
    return INTENTION_TYPES[this.type] ? text(INTENTION_TYPES[this.type]) : this.type
  }
}
