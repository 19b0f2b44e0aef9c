import db from '@adonisjs/lucid/services/db'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { nowDb } from '#core/database/time'
import { maskChanges } from '#core/privacy/mask'
import auditLabels from '#core/audit/labels'

/**
 * The audit log: who did what to whose record, old → new.
 *
 *   import audit from '#core/audit/audit_service'
 *   await audit.record({
 *     ctx,                                   // or actor: user (jobs: actor omitted = 系统)
 *     action: 'procedures.report.approve',   // dotted, stable, English
 *     subject: { type: 'graduate', id: g.id },
 *     schoolId: g.schoolId,                  // whose school the record belongs to (null = province)
 *     before: { status: 'pending' },         // only the fields that matter
 *     after: { status: 'approved' },         // → stored as { status: ['pending', 'approved'] }
 *     note: '退回原因…',                      // optional free text (a review comment)
 *   }, trx)                                  // pass the transaction when inside one
 *
 * `before`/`after` are reduced to the fields that changed; `changes` may be given directly
 * instead (`{ field: [old, new] }`). Values of keys listed in `SENSITIVE` are replaced by `***`;
 * personal fields (身份证号, 手机号) are STORED masked (3201**********1234, 138****0000), so the
 * log, its CSV export and every 操作记录 built on it never hold a full number.
 */
export interface AuditActor {
  id: number
  kind: string
}

export interface AuditEntry {
  ctx?: HttpContext
  actor?: AuditActor | null
  action: string
  subject?: { type: string; id: number | string | null }
  schoolId?: number | null
  before?: Record<string, unknown> | null
  after?: Record<string, unknown> | null
  changes?: Record<string, [unknown, unknown]>
  note?: string | null
  ip?: string | null
}

export interface AuditRow {
  id: number
  actorId: number | null
  actorKind: string | null
  schoolId: number | null
  action: string
  subjectType: string | null
  subjectId: string | null
  changes: Record<string, [unknown, unknown]>
  note: string | null
  ip: string | null
  createdAt: unknown
}

const SENSITIVE = new Set(['password', 'passwordHash', 'password_hash'])

function normalise(value: unknown): unknown {
  if (value === undefined) return null
  if (value && typeof value === 'object' && 'toISO' in (value as any)) return (value as any).toISO()
  if (value instanceof Date) return value.toISOString()
  return value
}

/** Fields whose value differs between before and after, as `{ field: [old, new] }`. */
export function diff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined
) {
  const changes: Record<string, [unknown, unknown]> = {}
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  for (const key of keys) {
    let a = normalise(before?.[key])
    let b = normalise(after?.[key])
    // A boolean column reads back as 1/0 on SQLite: `signable 1 → true` is no change.
    if (typeof a === 'boolean' && (b === 0 || b === 1)) b = b === 1
    if (typeof b === 'boolean' && (a === 0 || a === 1)) a = a === 1
    if (JSON.stringify(a) === JSON.stringify(b)) continue
    changes[key] = SENSITIVE.has(key) ? ['***', '***'] : [a, b]
  }
  return changes
}

export class AuditService {
  async record(entry: AuditEntry, trx?: TransactionClientContract) {
    await (trx ?? db).insertQuery().table('audit_logs').insert(this.#row(entry))
  }

  /** Many entries in set-based inserts (imports, bulk actions). */
  async recordMany(entries: AuditEntry[], trx?: TransactionClientContract) {
    const rows = entries.map((entry) => this.#row(entry))
    for (let i = 0; i < rows.length; i += 500) {
      await (trx ?? db).table('audit_logs').multiInsert(rows.slice(i, i + 500))
    }
  }

  #row(entry: AuditEntry) {
    const user = entry.actor ?? (entry.ctx ? (entry.ctx.auth?.use('web').user ?? null) : null)
    // Compared in full (diff), stored masked: a changed number still shows as a change.
    const changes = maskChanges(entry.changes ?? diff(entry.before, entry.after))
    const payload: Record<string, unknown> = { ...changes }
    // Tests: every action/subject/field written must have a Chinese label (audit_labels.spec).
    if (process.env.NODE_ENV === 'test')
      auditLabels.noteWritten(entry.action, entry.subject?.type ?? null, Object.keys(changes))
    if (entry.note) payload.__note = entry.note
    return {
      actor_id: user?.id ?? null,
      actor_kind: user?.kind ?? 'system',
      school_id: entry.schoolId ?? null,
      action: entry.action,
      subject_type: entry.subject?.type ?? null,
      subject_id:
        entry.subject?.id === null || entry.subject?.id === undefined
          ? null
          : String(entry.subject.id),
      changes: Object.keys(payload).length ? JSON.stringify(payload) : null,
      ip: entry.ip ?? entry.ctx?.request.ip() ?? null,
      created_at: nowDb(),
    }
  }

  /** Parses a stored row (changes JSON, note) for display. */
  present(row: Record<string, any>): AuditRow {
    let changes: Record<string, any> = {}
    try {
      changes = row.changes
        ? typeof row.changes === 'string'
          ? JSON.parse(row.changes)
          : row.changes
        : {}
    } catch {
      changes = {}
    }
    const note = changes.__note ?? null
    delete changes.__note
    // Rows written before masking was stored are masked on the way out as well.
    changes = maskChanges(changes)
    return {
      id: Number(row.id),
      actorId: row.actor_id ?? null,
      actorKind: row.actor_kind ?? null,
      schoolId: row.school_id ?? null,
      action: row.action,
      subjectType: row.subject_type ?? null,
      subjectId: row.subject_id ?? null,
      changes,
      note,
      ip: row.ip ?? null,
      createdAt: row.created_at,
    }
  }

  /** History of one record, newest first, each entry with its Chinese `described` form. */
  async historyOf(subjectType: string, subjectId: number | string, limit = 50) {
    const rows = await db
      .from('audit_logs')
      .where('subject_type', subjectType)
      .where('subject_id', String(subjectId))
      .orderBy('id', 'desc')
      .limit(limit)
    return auditLabels.describeMany(rows.map((r) => this.present(r)))
  }

  /** Stored rows presented and described in Chinese (dashboards' 最近操作). */
  async describeRows(rows: Record<string, any>[]) {
    return auditLabels.describeMany(rows.map((r) => this.present(r)))
  }
}

const audit = new AuditService()
export default audit
