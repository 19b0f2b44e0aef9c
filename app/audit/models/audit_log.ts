import { DateTime } from 'luxon'
import {
  BaseModel,
  afterFetch,
  afterFind,
  afterPaginate,
  belongsTo,
  column,
} from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import User from '#core/accounts/models/user'
import School from '#core/tenancy/models/school'
import audit from '#core/audit/audit_service'
import auditLabels, { type DescribedEntry } from '#core/audit/labels'

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

  /** The entry in Chinese (action, subject with title, labelled changes), set when fetched. */
  declare described: DescribedEntry

  /** `字段：旧值 → 新值` lines in Chinese (Shanghai times, 是/否, 空); personal fields stay masked. */
  get changeLines(): string[] {
    return (this.described ?? AuditLog.#describeOne(this)).lines
  }

  static #describeOne(log: AuditLog) {
    return auditLabels.describe(AuditLog.#present(log))
  }

  static #present(log: AuditLog) {
    return audit.present({
      id: log.id,
      actor_id: log.actorId,
      actor_kind: log.actorKind,
      school_id: log.schoolId,
      action: log.action,
      subject_type: log.subjectType,
      subject_id: log.subjectId,
      changes: log.changes,
      ip: log.ip,
      created_at: log.createdAt,
    })
  }

  // Every list, page and export of the log reads rows through these hooks: labels and titles in bulk.
  @afterFind()
  static async describeFound(log: AuditLog) {
    await AuditLog.describeAll([log])
  }

  @afterFetch()
  @afterPaginate()
  static async describeAll(logs: AuditLog[]) {
    // A paginator is an Array subclass: map over a plain copy.
    const list = Array.from(logs)
    const rows = list.map((log) => AuditLog.#present(log))
    const described = await auditLabels.describeMany(rows)
    list.forEach((log, i) => (log.described = described[i].described))
  }
}
