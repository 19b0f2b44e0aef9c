import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Graduate from '#core/registry/models/graduate'
import Employer from '#core/accounts/models/employer'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { nowDb } from '#core/database/time'
import { invitationMachine, type InvitationStatus } from '#modules/procedures/machines/invitation'

/** 网上签约邀请 */
export default class SigningInvitation extends BaseModel {
  static table = 'signing_invitations'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare employerId: number
  @column()
  declare senderId: number | null
  @column()
  declare graduateId: number
  @column()
  declare studentUserId: number
  @column()
  declare schoolId: number
  @column()
  declare jobTitle: string
  @column()
  declare salary: string
  @column()
  declare workCity: string | null
  @column()
  declare contractTerm: string | null
  @column()
  declare probation: string | null
  @column()
  declare terms: string | null
  @column()
  declare contactName: string
  @column()
  declare contactPhone: string
  @column({ consume: (v: unknown) => Boolean(v) })
  declare receivesArchive: boolean
  @column({ consume: (v: unknown) => Boolean(v) })
  declare receivesHukou: boolean
  @column()
  declare certificateCategory: string | null
  @column()
  declare certificateUnit: string | null
  @column()
  declare archiveUnit: string | null
  @column()
  declare hukouAddress: string | null
  /** The province's procedures mode when the invitation was sent ('2021' | '2023'). */
  @column()
  declare proceduresMode: string
  @column()
  declare positionCategory: string | null
  @column()
  declare archiveAddress: string | null
  @column()
  declare hukouMigration: string | null
  @column.dateTime()
  declare deadlineAt: DateTime
  @column()
  declare status: InvitationStatus
  @column.dateTime()
  declare respondedAt: DateTime | null
  @column()
  declare rejectReason: string | null
  @column()
  declare pendingKey: string | null
  @belongsTo(() => Graduate)
  declare graduate: BelongsTo<typeof Graduate>
  @belongsTo(() => Employer)
  declare employer: BelongsTo<typeof Employer>
  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /** Past its deadline (whether or not the expiry job has run). */
  get isPastDeadline() {
    return this.deadlineAt <= DateTime.now()
  }

  get isOpen() {
    return this.status === 'pending' && !this.isPastDeadline
  }

  /**
   * 接受 (the machine's `accept`, also guarded by the deadline) as one conditional UPDATE.
   * Returns whether this call answered it; `set` holds the columns filled by the student.
   */
  static async accept(trx: QueryClientContract, id: number, set: Record<string, unknown>) {
    const changed = await invitationMachine.applyWhere(
      trx,
      'accept',
      (q) => q.where('id', id).where('deadline_at', '>', nowDb()),
      { set: { ...set, pending_key: null, responded_at: nowDb() } }
    )
    return changed > 0
  }

  /** 已过期 when the deadline has passed (job, sweep and read-time checks): whether this call did it. */
  static async expireIfDue(trx: QueryClientContract, id: number) {
    const changed = await invitationMachine.applyWhere(
      trx,
      'expire',
      (q) => q.where('id', id).where('deadline_at', '<=', nowDb()),
      { set: { pending_key: null } }
    )
    return changed > 0
  }
}
