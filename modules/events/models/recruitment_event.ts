import { DateTime } from 'luxon'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import { BaseModel, belongsTo, column, hasMany } from '@adonisjs/lucid/orm'
import type { BelongsTo, HasMany } from '@adonisjs/lucid/types/relations'
import Site from '#core/tenancy/models/site'
import School from '#core/tenancy/models/school'
import Employer from '#core/accounts/models/employer'
import Exhibitor from '#modules/events/models/exhibitor'
import Registration from '#modules/events/models/registration'

export type EventKind = 'fair' | 'session'
export type EventMode = 'online' | 'offline'
export type EventStatus = 'pending' | 'published' | 'rejected' | 'cancelled'

/** 招聘会 / 宣讲会 (lang file). */
export function kindLabel(kind: EventKind) {
  return text(`events.labels.kind.${kind}`)
}

/** A job fair (招聘会) or an info session (宣讲会), organised by the province or a school. */
export default class RecruitmentEvent extends BaseModel {
  static table = 'recruitment_events'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: EventKind

  @column()
  declare title: string

  @column()
  declare siteId: number

  @column()
  declare schoolId: number | null

  @column()
  declare employerId: number | null

  @column()
  declare mode: EventMode

  @column()
  declare city: string

  @column()
  declare place: string | null

  @column()
  declare roomWish: string | null

  @column()
  declare onlineUrl: string | null

  @column.dateTime()
  declare startsAt: DateTime

  @column.dateTime()
  declare endsAt: DateTime

  @column()
  declare description: string | null

  @column.dateTime()
  declare registrationStartsAt: DateTime | null

  @column.dateTime()
  declare registrationEndsAt: DateTime | null

  @column()
  declare capacity: number | null

  @column()
  declare taken: number

  @column()
  declare status: EventStatus

  @column()
  declare rejectReason: string | null

  @column()
  declare reviewedBy: number | null

  @column.dateTime()
  declare reviewedAt: DateTime | null

  @column()
  declare createdBy: number | null

  @belongsTo(() => Site)
  declare site: BelongsTo<typeof Site>

  @belongsTo(() => School)
  declare school: BelongsTo<typeof School>

  @belongsTo(() => Employer)
  declare employer: BelongsTo<typeof Employer>

  @hasMany(() => Exhibitor, { foreignKey: 'eventId' })
  declare exhibitors: HasMany<typeof Exhibitor>

  @hasMany(() => Registration, { foreignKey: 'eventId' })
  declare registrations: HasMany<typeof Registration>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  get kindLabel() {
    return kindLabel(this.kind)
  }

  get isOffline() {
    return this.mode === 'offline'
  }

  get isPublished() {
    return this.status === 'published'
  }

  get isPast() {
    return this.endsAt <= DateTime.now()
  }

  get hasStarted() {
    return this.startsAt <= DateTime.now()
  }

  get seatsLeft() {
    return this.capacity === null ? null : Math.max(0, this.capacity - this.taken)
  }

  /** Offline, published, not over, and now inside the registration window. */
  registrationOpenAt(now = DateTime.now()) {
    return (
      this.isOffline &&
      this.isPublished &&
      this.registrationStartsAt !== null &&
      this.registrationEndsAt !== null &&
      this.registrationStartsAt <= now &&
      now <= this.registrationEndsAt &&
      now < this.startsAt
    )
  }

  /** Public URL of the detail page (招聘会 / 宣讲会). */
  get url() {
    return router.makeUrl(this.kind === 'fair' ? 'events.fairs.show' : 'events.sessions.show', {
      id: this.id,
    })
  }

  /** The same detail page inside the student centre. */
  get studentUrl() {
    return router.makeUrl(
      this.kind === 'fair' ? 'events.student.fairs.show' : 'events.student.sessions.show',
      { id: this.id }
    )
  }

  get organiserName() {
    return this.schoolId === null
      ? text('events.labels.province_organiser')
      : (this.school?.name ?? '')
  }
}
