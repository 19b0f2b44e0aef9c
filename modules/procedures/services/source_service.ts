import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import Graduate from '#core/registry/models/graduate'
import audit from '#core/audit/audit_service'
import { maskIdNumber } from '#core/ui/format'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import { isUniqueViolation } from '#core/database/errors'
import SourceRecord from '#modules/procedures/models/source_record'
import ChangeRequest from '#modules/procedures/models/change_request'
import { FieldErrors } from '#core/http/refusal'
import { assertReturnReason, refused } from '#modules/procedures/services/errors'
import {
  SOURCE_FIELDS,
  FIELD_BY_KEY,
  missingRequired,
  editableSettingKey,
  type SourceField,
} from '#modules/procedures/services/source_fields'
import { settingsFor } from '#modules/procedures/services/settings'
import { seal } from '#core/privacy/sealed'
import { graduateOf, notifyStudent } from '#modules/procedures/services/people'
import { changeRequestMachine } from '#modules/procedures/machines/change_request'
import { sourceRecordMachine } from '#modules/procedures/machines/source_record'
import { auditDecision, reviewColumns } from '#modules/procedures/services/review'

export interface FieldView extends SourceField {
  value: string
  display: string
  editable: boolean
}

function rawValue(field: SourceField, graduate: Graduate, record: SourceRecord) {
  const source: any = field.on === 'graduate' ? graduate : record
  const value = source[field.key]
  return value === null || value === undefined ? '' : String(value)
}

/** The official values of every field (ID number in full: internal use only). */
export function officialValues(graduate: Graduate, record: SourceRecord) {
  return Object.fromEntries(SOURCE_FIELDS.map((f) => [f.key, rawValue(f, graduate, record)]))
}

function displayOf(field: SourceField, value: string) {
  return field.type === 'id_number' ? maskIdNumber(value) : value
}

/**
 * 生源信息核对 (PRODUCT.md rule 10): the record, edits before approval (school-configured
 * editable fields only), submit → review, and change requests after approval.
 */
export class SourceService {
  /** The record of a graduate, created on first access (status 未提交). */
  async recordOf(graduate: Graduate, trx?: TransactionClientContract) {
    const existing = await SourceRecord.query({ client: trx })
      .where('graduate_id', graduate.id)
      .first()
    if (existing) return existing
    await (trx ?? db)
      .knexQuery()
      .table('source_records')
      .insert({
        graduate_id: graduate.id,
        school_id: graduate.schoolId,
        ...sourceRecordMachine.initial(),
        created_at: nowDb(),
        updated_at: nowDb(),
      })
      .onConflict(['graduate_id'])
      .ignore()
    return SourceRecord.query({ client: trx }).where('graduate_id', graduate.id).firstOrFail()
  }

  async view(user: User) {
    const graduate = await graduateOf(user)
    const record = await this.recordOf(graduate)
    const settings = await settingsFor(graduate.schoolId)
    const open = sourceRecordMachine.can('save', record.status)
    const fields: FieldView[] = SOURCE_FIELDS.map((f) => {
      const value = rawValue(f, graduate, record)
      return {
        ...f,
        value: f.type === 'id_number' ? '' : value,
        display: displayOf(f, value),
        editable: open && Boolean(settings[editableSettingKey(f.key)]),
      }
    })
    const changeRequests = await ChangeRequest.query()
      .where('graduate_id', graduate.id)
      .orderBy('id', 'desc')
    return {
      graduate,
      record,
      fields,
      changeRequests,
      pendingChange: changeRequests.find((c) => c.status === 'pending') ?? null,
    }
  }

  /** Saves the editable fields (and submits when asked). Locked fields are never taken from input. */
  async save(user: User, input: Record<string, unknown>, submit: boolean) {
    const graduate = await graduateOf(user)
    const settings = await settingsFor(graduate.schoolId)
    const editable = SOURCE_FIELDS.filter((f) => settings[editableSettingKey(f.key)])
    const errors: Record<string, string> = {}
    const values: Record<string, string | null> = {}
    for (const field of editable) {
      if (!(field.key in input) && !submit) continue
      const raw = input[field.key]
      const message = missingRequired(field, raw)
      if (message) errors[field.key] = message
      else
        values[field.key] =
          raw === undefined || raw === null || String(raw).trim() === '' ? null : String(raw).trim()
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors)

    return db.transaction(async (trx) => {
      const record = await this.recordOf(graduate, trx)
      const fresh = await Graduate.findOrFail(graduate.id, { client: trx })
      const before = officialValues(fresh, record)
      if (submit) {
        const missing = SOURCE_FIELDS.filter(
          (f) => f.required && !(f.key in values ? values[f.key] : before[f.key])
        )
        if (missing.length) {
          const locked = missing.find((f) => !settings[editableSettingKey(f.key)])
          if (locked)
            throw refused('procedures.refusals.source_field_locked_empty', {
              field: locked.key,
              data: { field: locked.label },
            })
        }
      }
      await sourceRecordMachine.apply(trx, submit ? 'submit' : 'save', record.id, {
        set: submit ? { submitted_at: nowDb() } : {},
      })
      await this.#write(trx, fresh, record, values)
      const after = {
        ...before,
        ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v ?? ''])),
      }
      await audit.record(
        {
          actor: user,
          action: submit ? 'procedures.source.submit' : 'procedures.source.save',
          subject: { type: 'graduate', id: graduate.id },
          schoolId: graduate.schoolId,
          changes: {
            ...this.#changes(before, after),
            ...(submit ? { status: [record.status, 'pending'] } : {}),
          },
        },
        trx
      )
    })
  }

  /** Teacher: approve or return a submitted record. */
  async review(
    staff: User,
    recordId: number,
    decision: 'approve' | 'return',
    comment: string | null
  ) {
    assertReturnReason(decision, comment)
    const result = await db.transaction(async (trx) => {
      const record = await SourceRecord.findOrFail(recordId, { client: trx })
      const to = await sourceRecordMachine.apply(trx, decision, record.id, {
        set: reviewColumns(staff, comment),
      })
      await auditDecision(trx, staff, {
        action: `procedures.source.${decision}`,
        subject: { type: 'graduate', id: record.graduateId },
        schoolId: record.schoolId,
        from: record.status,
        to,
        comment,
      })
      return record
    })
    await notifyStudent(
      { graduateId: result.graduateId },
      {
        route: 'procedures.source',
        title:
          decision === 'approve'
            ? 'procedures.source.messages.approved'
            : 'procedures.source.messages.returned',
        body: comment,
      }
    )
  }

  /** 信息有误，申请修改: only after approval; records old → new; one open request at a time. */
  async requestChange(user: User, input: Record<string, unknown>, reasonInput: unknown) {
    // The reason's type and length and each value's shape: changeRequestValidator.
    const reason = typeof reasonInput === 'string' ? reasonInput : null
    const graduate = await graduateOf(user)
    const record = await this.recordOf(graduate)
    if (record.status !== 'approved')
      throw refused('procedures.refusals.change_request_before_approval')
    const current = officialValues(graduate, record)
    const errors: Record<string, string> = {}
    const changes: Record<string, [unknown, unknown]> = {}
    for (const field of SOURCE_FIELDS) {
      const raw = input[field.key]
      if (raw === undefined || raw === null) continue
      const value = String(raw).trim()
      if (field.type === 'id_number' && value === '') continue // left blank = unchanged (shown masked)
      if (value === current[field.key]) continue
      const message = missingRequired(field, value)
      if (message) {
        errors[field.key] = message
        continue
      }
      changes[field.key] = [
        field.type === 'id_number' ? maskIdNumber(current[field.key]) : current[field.key],
        value,
      ]
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors)
    if (!Object.keys(changes).length) throw refused('procedures.refusals.change_request_no_changes')
    if (!reason?.trim())
      throw new FieldErrors({ reason: 'procedures.refusals.change_request_reason_required' })
    const existing = await ChangeRequest.query()
      .where('graduate_id', graduate.id)
      .where('status', 'pending')
      .first()
    if (existing) throw refused('procedures.refusals.change_request_open')
    try {
      return await db.transaction(async (trx) => {
        const request = await ChangeRequest.create(
          {
            graduateId: graduate.id,
            schoolId: graduate.schoolId,
            userId: user.id,
            changes,
            reason: reason.trim(),
            ...changeRequestMachine.initial(),
            openKey: graduate.id,
          },
          { client: trx }
        )
        await audit.record(
          {
            actor: user,
            action: 'procedures.source.change_request',
            subject: { type: 'graduate', id: graduate.id },
            schoolId: graduate.schoolId,
            changes: this.#masked(changes),
            note: reason,
          },
          trx
        )
        return request
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw refused('procedures.refusals.change_request_open')
      throw error
    }
  }

  /** Teacher: approve (official record updated, history kept) or return with a comment. */
  async reviewChange(
    staff: User,
    requestId: number,
    decision: 'approve' | 'return',
    comment: string | null
  ) {
    assertReturnReason(decision, comment)
    const request = await db.transaction(async (trx) => {
      const row = await ChangeRequest.findOrFail(requestId, { client: trx })
      const to = await changeRequestMachine.apply(trx, decision, row.id, {
        set: { ...reviewColumns(staff, comment), open_key: null },
      })
      if (decision === 'approve') {
        const graduate = await Graduate.findOrFail(row.graduateId, { client: trx })
        const record = await this.recordOf(graduate, trx)
        const before = officialValues(graduate, record)
        const values = Object.fromEntries(
          Object.entries(row.changes).map(([k, v]) => [k, v[1] === '' ? null : String(v[1])])
        )
        await this.#write(trx, graduate, record, values)
        await audit.record(
          {
            actor: staff,
            action: 'procedures.source.change_apply',
            subject: { type: 'graduate', id: graduate.id },
            schoolId: graduate.schoolId,
            changes: this.#masked(this.#changes(before, { ...before, ...values })),
            note: comment
              ? text('procedures.source.audit_note.change_apply_comment', {
                  id: String(row.id),
                  comment,
                })
              : text('procedures.source.audit_note.change_apply', { id: String(row.id) }),
          },
          trx
        )
      }
      await auditDecision(trx, staff, {
        action: `procedures.change_request.${decision}`,
        subject: { type: 'change_request', id: row.id },
        schoolId: row.schoolId,
        from: 'pending',
        to,
        comment,
      })
      return row
    })
    await notifyStudent(
      { userId: request.userId },
      {
        route: 'procedures.source',
        title:
          decision === 'approve'
            ? 'procedures.source.messages.change_approved'
            : 'procedures.source.messages.change_returned',
        body: comment,
      }
    )
  }

  async #write(
    trx: TransactionClientContract,
    graduate: Graduate,
    record: SourceRecord,
    values: Record<string, string | null>
  ) {
    const onGraduate: Record<string, unknown> = {}
    const onRecord: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(values)) {
      const field = FIELD_BY_KEY.get(key)
      if (!field) continue
      ;(field.on === 'graduate' ? onGraduate : onRecord)[field.column] =
        field.column === 'id_number' ? seal(value) : value
    }
    if (Object.keys(onGraduate).length)
      await trx
        .from('graduates')
        .where('id', graduate.id)
        .update({ ...onGraduate, updated_at: nowDb() })
    if (Object.keys(onRecord).length)
      await trx
        .from('source_records')
        .where('id', record.id)
        .update({ ...onRecord, updated_at: nowDb() })
  }

  #changes(before: Record<string, string>, after: Record<string, unknown>) {
    const changes: Record<string, [unknown, unknown]> = {}
    for (const key of Object.keys(after)) {
      const a = before[key] ?? ''
      const b = after[key] ?? ''
      if (String(a) !== String(b)) changes[key] = [a, b]
    }
    return this.#masked(changes)
  }

  #masked(changes: Record<string, [unknown, unknown]>) {
    const out: Record<string, [unknown, unknown]> = {}
    for (const [k, [a, b]] of Object.entries(changes)) {
      out[k] =
        k === 'idNumber' ? [maskIdNumber(String(a ?? '')), maskIdNumber(String(b ?? ''))] : [a, b]
    }
    return out
  }
}

/** Re-exported for the other procedures services: the one core check. */
export { isUniqueViolation }

const sourceService = new SourceService()
export default sourceService
