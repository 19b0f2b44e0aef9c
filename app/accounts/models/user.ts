import { DateTime } from 'luxon'
import hash from '@adonisjs/core/services/hash'
import { compose } from '@adonisjs/core/helpers'
import { BaseModel, beforeSave, belongsTo, column } from '@adonisjs/lucid/orm'
import { withAuthFinder } from '@adonisjs/auth/mixins/lucid'
import { DbAccessTokensProvider } from '@adonisjs/auth/access_tokens'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'
import Employer from '#core/accounts/models/employer'

export type ActorKind = 'student' | 'employer' | 'staff' | 'admin'

const AuthFinder = withAuthFinder(() => hash.use('scrypt'), {
  uids: ['loginKey'],
  passwordColumnName: 'password',
})

/**
 * Every actor that logs in. The login name is unique per kind and school, so
 * `loginKey` = `<kind>:<schoolId or 0>:<username>`.
 */
export default class User extends compose(BaseModel, AuthFinder) {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare kind: ActorKind

  @column()
  declare loginKey: string

  @column()
  declare username: string

  @column({ serializeAs: null })
  declare password: string

  @column()
  declare name: string

  @column()
  declare phone: string | null

  @column()
  declare email: string | null

  @column()
  declare schoolId: number | null

  @column()
  declare college: string | null

  @column()
  declare graduateId: number | null

  @column()
  declare employerId: number | null

  @column()
  declare isActive: boolean

  @column.dateTime()
  declare lastLoginAt: DateTime | null

  /** Stamped into each session at login; a higher value ends every older session. */
  @column({ serializeAs: null })
  declare sessionVersion: number

  @belongsTo(() => School)
  declare school: BelongsTo<typeof School>

  @belongsTo(() => Graduate)
  declare graduate: BelongsTo<typeof Graduate>

  @belongsTo(() => Employer)
  declare employer: BelongsTo<typeof Employer>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Whoever changes a password (the user, a school admin, a future reset), old sessions end. */
  @beforeSave()
  static endSessionsOnPasswordChange(user: User) {
    if (user.$isPersisted && user.$dirty.password !== undefined) {
      user.sessionVersion = (user.sessionVersion ?? 0) + 1
    }
  }

  /** Open API tokens (`api` guard): 30 days, revocable, only their hash is stored. */
  static accessTokens = DbAccessTokensProvider.forModel(User, {
    expiresIn: '30 days',
    prefix: 'sep_',
    table: 'auth_access_tokens',
    type: 'auth_token',
  })

  static loginKeyFor(kind: ActorKind, username: string, schoolId?: number | null) {
    return `${kind}:${schoolId ?? 0}:${username.trim().toLowerCase()}`
  }

  get isStudent() {
    return this.kind === 'student'
  }
  get isEmployer() {
    return this.kind === 'employer'
  }
  get isStaff() {
    return this.kind === 'staff'
  }
  get isAdmin() {
    return this.kind === 'admin'
  }
}
