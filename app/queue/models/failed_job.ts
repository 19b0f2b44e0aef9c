import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A row of 失败任务 (failed_jobs): a background job that used up its attempts. */
export default class FailedJob extends BaseModel {
  static table = 'failed_jobs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare driver: 'sync' | 'redis'

  @column()
  declare queue: string

  @column()
  declare name: string

  @column()
  declare jobId: string | null

  @column()
  declare payload: string

  @column()
  declare error: string

  @column()
  declare attempts: number

  @column.dateTime()
  declare failedAt: DateTime

  @column.dateTime()
  declare retriedAt: DateTime | null

  @column()
  declare retriedBy: number | null
}
