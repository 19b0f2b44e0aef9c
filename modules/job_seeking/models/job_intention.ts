import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

export type IntentionType =
  'employment' | 'further_study' | 'abroad' | 'civil_service' | 'startup' | 'none'

/** The manual's words, in its order. */
export const INTENTION_TYPES: Record<IntentionType, string> = {
  employment: '拟就业',
  further_study: '升学',
  abroad: '出国(境)',
  civil_service: '考公考编',
  startup: '自主创业',
  none: '暂不就业',
}

export const FREQUENCIES = { immediate: '即时推送', daily: '每日汇总', weekly: '每周汇总' } as const
export type Frequency = keyof typeof FREQUENCIES

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
    return INTENTION_TYPES[this.type]
  }
}
