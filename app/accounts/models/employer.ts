import { DateTime } from 'luxon'
import { BaseModel, column, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import User from '#core/accounts/models/user'

export type EmployerStatus = 'pending' | 'verified' | 'rejected'

/** 用人单位. Shared province-wide; only verified employers are visible to students. */
export default class Employer extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare name: string

  @column()
  declare uscc: string

  @column()
  declare contactName: string | null

  @column()
  declare contactPhone: string | null

  @column()
  declare contactEmail: string | null

  @column()
  declare industry: string | null

  @column()
  declare nature: string | null

  @column()
  declare scale: string | null

  @column()
  declare city: string | null

  @column()
  declare address: string | null

  @column()
  declare website: string | null

  @column()
  declare intro: string | null

  @column()
  declare licenceFileId: number | null

  @column()
  declare status: EmployerStatus

  @column()
  declare rejectReason: string | null

  @column.dateTime()
  declare verifiedAt: DateTime | null

  @hasMany(() => User)
  declare users: HasMany<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isVerified() {
    return this.status === 'verified'
  }
}
