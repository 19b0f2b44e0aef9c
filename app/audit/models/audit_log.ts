import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/accounts/models/user'
import School from '#core/tenancy/models/school'
import { maskChanges } from '#core/privacy/mask'

/** One audit log entry (written by AuditService, read by the audit log viewers). */
export default class AuditLog extends BaseModel {
  static table = 'audit_logs'

  @column({ isPrimary: true })
  declare id: number

  @column()
  declare actorId: number | null

  @column()
  declare actorKind: string | null

  @column()
  declare schoolId: number | null

  @column()
  declare action: string

  @column()
  declare subjectType: string | null

  @column()
  declare subjectId: string | null

  @column()
  declare changes: string | null

  @column()
  declare ip: string | null

  @belongsTo(() => User, { foreignKey: 'actorId' })
  declare actor: BelongsTo<typeof User>

  @belongsTo(() => School)
  declare school: BelongsTo<typeof School>

  @column.dateTime()
  declare createdAt: DateTime

  /** `field: old → new` lines for display. */
  get changeLines(): string[] {
    if (!this.changes) return []
    let parsed: Record<string, any>
    try {
      parsed = typeof this.changes === 'string' ? JSON.parse(this.changes) : this.changes
    } catch {
      return [String(this.changes)]
    }
    // Stored masked since the masking migration; masked again here so no reader depends on it.
    parsed = maskChanges(parsed ?? {})
    const show = (v: unknown) => (v === null || v === undefined || v === '' ? '空' : String(v))
    return Object.entries(parsed).map(([key, value]) =>
      key === '__note'
        ? `意见：${value}`
        : Array.isArray(value)
          ? `${key}：${show(value[0])} → ${show(value[1])}`
          : `${key}：${show(value)}`
    )
  }
}
