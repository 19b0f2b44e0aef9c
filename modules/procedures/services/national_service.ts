import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import audit from '#core/audit/audit_service'
import { fromDb, nowDb } from '#core/database/time'
import { unseal } from '#core/privacy/sealed'
import { ImportFileError, readTable } from '#core/registry/services/registry_import'
import { recordRegistrationChanges } from '#modules/procedures/services/registration'
import { codeMapping } from '#modules/procedures/services/stats_service'
import type { CodeVersion } from '#modules/procedures/services/destination_codes'
import { nationalImportMachine } from '#modules/procedures/machines/national_import'
import { text } from '#core/i18n/text'
import {
  INDUSTRY_CODES,
  NATURE_CODES,
  POSITION_CODES,
  RETURN_FILE_HEADERS as HEADERS,
} from '#modules/procedures/data/national_codes'

export { INDUSTRY_CODES, NATURE_CODES, POSITION_CODES }

/**
 * 全国毕业去向登记 (issue 13.4): the per-school export of confirmed registrations with the
 * national field names and codes, and the import of a returned file that records 档案转递编号 /
 * 核验编号 per student. Column list and which names are verified: README "全国毕业去向登记上报".
 *
 * "Confirmed" = 登记确认 by the student (`registration_confirmed_at`) and 审核通过 by the school.
 */

interface Column {
  readonly header: string
  /** The national system's field name (pinyin initials), as in the provincial sync files. */
  field: string
  value: (r: any) => unknown
}

/** A column: its header is the lang text of its national field name (read when used). */
const column = (field: string, value: (r: any) => unknown): Column => ({
  field,
  get header() {
    return text(`procedures.national.columns.${field.toLowerCase()}`)
  },
  value,
})

/** The export's columns, in order. */
export const NATIONAL_COLUMNS: Column[] = [
  column('XH', (r) => r.student_number),
  // The platform keeps no 考生号 (gaokao number); the national system matches by 身份证号 then.
  column('KSH', () => ''),
  column('XM', (r) => r.name),
  column('SFZH', (r) => unseal(r.id_number) ?? ''),
  column('YXMC', (r) => r.college ?? ''),
  column('ZYMC', (r) => r.major ?? ''),
  column('BYQXDM', (r) => r.nationalCode),
  column('BYQX', (r) => r.nationalName),
  column('DWMC', (r) => r.employer_name ?? r.study_school ?? ''),
  column('TYSHXYDM', (r) => r.employer_uscc ?? ''),
  column('DWSZD', (r) => r.employer_city ?? r.study_country ?? ''),
  column('DWXZDM', (r) => NATURE_CODES[r.employer_nature ?? ''] ?? ''),
  column('DWXZ', (r) => r.employer_nature ?? ''),
  column('DWHYDM', (r) => INDUSTRY_CODES[r.employer_industry ?? ''] ?? ''),
  column('DWHY', (r) => r.employer_industry ?? ''),
  column('GZZWLBDM', (r) => POSITION_CODES[r.position_category ?? ''] ?? ''),
  column('GZZWLB', (r) => r.position_category ?? ''),
  column('DAZDDWMC', (r) => r.archive_unit ?? ''),
  column('DAZDDWDZ', (r) => r.archive_address ?? ''),
  column('DAZDBH', (r) => r.archive_transfer_no ?? ''),
  column('HKQY', (r) => r.hukou_migration ?? ''),
  column('HKQYDZ', (r) => r.hukou_address ?? ''),
  column('HYBH', (r) => r.verification_no ?? ''),
  column(
    'DJQRSJ',
    (r) =>
      fromDb(r.registration_confirmed_at)?.setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm') ??
      ''
  ),
]

/** Confirmed registrations of one school (optionally one 届别), with the national code. */
export async function confirmedRegistrations(
  schoolId: number,
  version: CodeVersion,
  year: number | null = null
) {
  const map = await codeMapping(version)
  const rows = await db
    .from('employment_plans as p')
    .join('graduates as g', 'g.id', 'p.graduate_id')
    .join('destination_codes as d', 'd.id', 'p.destination_code_id')
    .where('p.school_id', schoolId)
    .where('g.school_id', schoolId)
    .where('p.status', 'approved')
    .whereNotNull('p.registration_confirmed_at')
    .if(year, (q) => q.where('g.graduation_year', year!))
    .orderBy('g.college')
    .orderBy('g.student_number')
    .select(
      'p.*',
      'g.student_number',
      'g.name',
      'g.id_number',
      'g.college as college',
      'g.major',
      'd.code as code'
    )
  return rows.map((r: any) => {
    const v = map.toVersion(String(r.code))
    return { ...r, nationalCode: v ?? String(r.code), nationalName: map.nameOf(v) }
  })
}

const esc = (v: unknown) => {
  const s = String(v ?? '')
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function nationalCsv(rows: any[]) {
  const lines = [
    NATIONAL_COLUMNS.map((c) => c.header),
    ...rows.map((r) => NATIONAL_COLUMNS.map((c) => c.value(r))),
  ]
  return '\uFEFF' + lines.map((l) => l.map(esc).join(',')).join('\r\n') + '\r\n'
}

export async function nationalXlsx(rows: any[]) {
  const ExcelJS = (await import('exceljs')).default
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet(text('procedures.national.sheet'))
  sheet.addRow(NATIONAL_COLUMNS.map((c) => c.header))
  for (const r of rows) sheet.addRow(NATIONAL_COLUMNS.map((c) => String(c.value(r) ?? '')))
  // Every cell is text: an 18-digit 身份证号 or a 学号 typed as a number loses digits in Excel.
  sheet.columns.forEach((col) => {
    col.numFmt = '@'
    col.width = 18
  })
  return Buffer.from(await book.xlsx.writeBuffer())
}

/** Writes the audit entry of an export (who, how many rows, which format; never a number). */
export async function auditExport(actor: User, format: string, count: number, year: number | null) {
  await audit.record({
    actor,
    action: 'procedures.national.export',
    subject: { type: 'national_export', id: null },
    schoolId: actor.schoolId,
    changes: { rowCount: [null, count], format: [null, format] },
    note: text('procedures.national.audit.export', {
      count: String(count),
      year: year ? text('procedures.national.audit.export_year', { year: String(year) }) : '',
    }),
  })
}

// ---- returned file -------------------------------------------------------------------------------

export interface ReturnRow {
  row: number
  studentNumber: string
  planId: number
  archiveTransferNo: string | null
  verificationNo: string | null
}

export interface ReturnError {
  row: number
  studentNumber?: string
  messages: string[]
}

const NUMBER = /^[A-Za-z0-9_\-/]{1,50}$/
export const MAX_RETURN_ROWS = 20000

const clean = (v: unknown) =>
  String(v ?? '')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .trim()

export class NationalImportService {
  constructor(private actor: User) {}

  get schoolId() {
    return this.actor.schoolId!
  }

  /** Validates a returned file row by row and stores it for confirmation (nothing written yet). */
  async preview(buffer: Buffer, fileName: string) {
    const table = await readTable(buffer, fileName)
    if (!table.length) throw new ImportFileError(text('procedures.national.import.empty_file'))
    const index: Record<string, number> = {}
    table[0].forEach((h, i) => {
      const name = clean(h).toLowerCase()
      for (const [key, names] of Object.entries(HEADERS))
        if (index[key] === undefined && names.includes(name)) index[key] = i
    })
    if (index.studentNumber === undefined)
      throw new ImportFileError(text('procedures.national.import.missing_student_number'))
    if (index.archiveTransferNo === undefined && index.verificationNo === undefined)
      throw new ImportFileError(text('procedures.national.import.missing_numbers'))
    const raw: { row: number; cells: Record<string, string> }[] = []
    for (let i = 1; i < table.length; i++) {
      const cells = table[i]
      if (!cells || cells.every((c) => clean(c) === '')) continue
      const values: Record<string, string> = {}
      for (const [key, at] of Object.entries(index)) values[key] = clean(cells[at])
      raw.push({ row: i + 1, cells: values })
    }
    if (!raw.length) throw new ImportFileError(text('procedures.national.import.no_rows'))
    if (raw.length > MAX_RETURN_ROWS)
      throw new ImportFileError(
        text('procedures.national.import.too_many_rows', { max: String(MAX_RETURN_ROWS) })
      )

    // The school's students named by the file and their confirmed registration (two queries per 500).
    const numbers = [...new Set(raw.map((r) => r.cells.studentNumber).filter(Boolean))]
    const students = new Map<string, { name: string; planId: number | null }>()
    for (let i = 0; i < numbers.length; i += 500) {
      const found = await db
        .from('graduates as g')
        .leftJoin('employment_plans as p', (j) =>
          j
            .on('p.graduate_id', '=', 'g.id')
            .andOnVal('p.status', '=', 'approved')
            .andOnNotNull('p.registration_confirmed_at')
        )
        .where('g.school_id', this.schoolId)
        .whereIn('g.student_number', numbers.slice(i, i + 500))
        .select('g.student_number', 'g.name', 'p.id as plan_id')
      for (const f of found as any[])
        students.set(String(f.student_number), {
          name: String(f.name),
          planId: f.plan_id ? Number(f.plan_id) : null,
        })
    }

    const rows: ReturnRow[] = []
    const errors: ReturnError[] = []
    const seen = new Map<string, number>()
    const problem = (key: string, data?: Record<string, unknown>) =>
      text(`procedures.national.import.${key}`, data)
    for (const { row, cells } of raw) {
      const messages: string[] = []
      const number = cells.studentNumber ?? ''
      const transfer = cells.archiveTransferNo || null
      const verification = cells.verificationNo || null
      const student = students.get(number)
      if (!number) messages.push(problem('student_number_empty'))
      else if (seen.has(number))
        messages.push(problem('student_number_repeated', { row: String(seen.get(number)) }))
      else if (!student) messages.push(problem('student_not_found'))
      else {
        if (cells.name && cells.name !== student.name) messages.push(problem('name_mismatch'))
        if (!student.planId) messages.push(problem('no_confirmed_registration'))
      }
      if (!transfer && !verification) messages.push(problem('numbers_empty'))
      for (const [field, value] of [
        ['dazdbh', transfer],
        ['hybh', verification],
      ] as const)
        if (value && !NUMBER.test(value))
          messages.push(
            problem('number_format', { label: text(`procedures.national.columns.${field}`) })
          )
      if (number && !seen.has(number)) seen.set(number, row)
      if (messages.length) errors.push({ row, studentNumber: number || undefined, messages })
      else
        rows.push({
          row,
          studentNumber: number,
          planId: student!.planId!,
          archiveTransferNo: transfer,
          verificationNo: verification,
        })
    }
    const [id] = await db
      .table('national_sync_imports')
      .insert({
        school_id: this.schoolId,
        user_id: this.actor.id,
        file_name: fileName.slice(0, 255),
        ...nationalImportMachine.initial(),
        total_rows: rows.length + errors.length,
        error_rows: errors.length,
        rows: JSON.stringify(rows),
        errors: errors.length ? JSON.stringify(errors) : null,
        created_at: nowDb(),
      })
      .returning('id')
    return this.find(typeof id === 'object' ? (id as any).id : id)
  }

  /** A preview uploaded by this actor at this school (null otherwise). */
  async find(id: unknown) {
    const numeric = Number(id)
    if (!Number.isInteger(numeric) || numeric <= 0 || numeric > 2147483647) return null
    const row = await db
      .from('national_sync_imports')
      .where('id', numeric)
      .where('school_id', this.schoolId)
      .where('user_id', this.actor.id)
      .first()
    if (!row) return null
    return {
      id: Number(row.id),
      fileName: row.file_name as string,
      status: row.status as string,
      totalRows: Number(row.total_rows),
      errorRows: Number(row.error_rows),
      rows: JSON.parse(row.rows) as ReturnRow[],
      errors: row.errors ? (JSON.parse(row.errors) as ReturnError[]) : [],
    }
  }

  /**
   * Records the numbers of a previewed file: every row or none, in one transaction. A file with
   * a bad row is refused whole; a registration that changed since the preview (no longer
   * approved) rolls everything back.
   */
  async confirm(id: unknown): Promise<{ ok: boolean; message: string; count?: number }> {
    const pending = await this.find(id)
    if (!pending) return { ok: false, message: text('procedures.national.import.not_found') }
    if (pending.status !== 'previewed')
      return { ok: false, message: text('procedures.national.import.already_done') }
    if (pending.errorRows > 0)
      return {
        ok: false,
        message: text('procedures.national.import.has_errors', {
          count: String(pending.errorRows),
        }),
      }
    try {
      return await db.transaction(async (trx) => {
        const claimed = await nationalImportMachine.applyWhere(trx, 'claim', pending.id, {
          touch: false,
        })
        if (!claimed) return { ok: false, message: text('procedures.national.import.already_done') }
        const planIds = pending.rows.map((r) => r.planId)
        const plans = new Map<number, any>()
        for (let i = 0; i < planIds.length; i += 500) {
          const found = await trx
            .from('employment_plans')
            .whereIn('id', planIds.slice(i, i + 500))
            .where('school_id', this.schoolId)
            .where('status', 'approved')
            .select('id', 'graduate_id', 'school_id', 'archive_transfer_no', 'verification_no')
          for (const p of found) plans.set(Number(p.id), p)
        }
        const now = nowDb()
        for (const r of pending.rows) {
          const plan = plans.get(r.planId)
          if (!plan)
            throw new ImportAborted(
              text('procedures.national.import.changed_since_preview', {
                row: String(r.row),
                studentNumber: r.studentNumber,
              })
            )
          const next = {
            archiveTransferNo: r.archiveTransferNo ?? plan.archive_transfer_no ?? null,
            verificationNo: r.verificationNo ?? plan.verification_no ?? null,
          }
          await trx.from('employment_plans').where('id', r.planId).update({
            archive_transfer_no: next.archiveTransferNo,
            verification_no: next.verificationNo,
            national_synced_at: now,
          })
          await recordRegistrationChanges(
            trx,
            { id: r.planId, graduateId: Number(plan.graduate_id), schoolId: this.schoolId },
            this.actor.id,
            'import',
            {
              archiveTransferNo: plan.archive_transfer_no ?? null,
              verificationNo: plan.verification_no ?? null,
            },
            next
          )
        }
        await nationalImportMachine.apply(trx, 'finish', pending.id, {
          set: { imported_at: now },
          touch: false,
        })
        await audit.record(
          {
            actor: this.actor,
            action: 'procedures.national.import',
            subject: { type: 'national_import', id: pending.id },
            schoolId: this.schoolId,
            changes: { rowCount: [null, pending.rows.length] },
            note: text('procedures.national.audit.import', {
              fileName: pending.fileName,
              count: String(pending.rows.length),
            }),
          },
          trx
        )
        return {
          ok: true,
          count: pending.rows.length,
          message: text('procedures.national.import.done', { count: String(pending.rows.length) }),
        }
      })
    } catch (error) {
      if (error instanceof ImportAborted) return { ok: false, message: error.message }
      throw error
    }
  }
}

class ImportAborted extends Error {}
