import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/accounts/models/user'
import RecruitmentEvent from '#modules/events/models/recruitment_event'

export type RegistrationStatus = 'registered' | 'cancelled'

/** A student's registration for an offline event; its ticket code is the 入场券. */
export default class Registration extends BaseModel {
  static table = 'event_registrations'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare eventId: number

  @column()
  declare userId: number

  @column()
  declare schoolId: number

  @column()
  declare status: RegistrationStatus

  @column()
  declare ticketCode: string

  @column.dateTime()
  declare registeredAt: DateTime

  @column.dateTime()
  declare cancelledAt: DateTime | null

  @column.dateTime()
  declare checkedInAt: DateTime | null

  @column()
  declare checkedInBy: number | null

  @belongsTo(() => RecruitmentEvent, { foreignKey: 'eventId' })
  declare event: BelongsTo<typeof RecruitmentEvent>

  @belongsTo(() => User)
  declare user: BelongsTo<typeof User>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get isActive() {
    return this.status === 'registered'
  }

  /** XXXX-XXXX-XXXX: easier to read out and type at the door. */
  get displayCode() {
    return this.ticketCode.match(/.{1,4}/g)!.join('-')
  }
}
