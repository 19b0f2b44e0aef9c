import ExcelJS from 'exceljs'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import audit, { diff, type AuditEntry } from '#core/audit/audit_service'
import { fromDb, nowDb } from '#core/database/time'
import { seal, sealKeys, unseal, unsealKeys } from '#core/privacy/sealed'
import { DEGREE_LEVELS, GENDERS, idNumberProblem } from '#core/registry/validation'
import { registryImportMachine } from '#core/registry/machines/registry_import'
import { text as langText } from '#core/i18n/text'
import { MOBILE } from '#core/validation/rules'

/**
 * 生源库导入: CSV or XLSX → per-row validation → preview → all-or-nothing import in one
 * transaction after confirmation. Re-importing a student number updates that record.
 */

export const MAX_ROWS = 20000

/** Column headers understood (first row of the file). */
export const COLUMNS: { key: ImportKey; headers: string[]; label: string }[] = [
  { key: 'studentNumber', headers: ['学号', 'student_number'], label: '学号' },
  { key: 'name', headers: ['姓名', 'name'], label: '姓名' },
  { key: 'gender', headers: ['性别', 'gender'], label: '性别' },
  { key: 'idNumber', headers: ['身份证号', '身份证号码', 'id_number'], label: '身份证号' },
  { key: 'college', headers: ['学院', '院系', 'college'], label: '学院' },
  { key: 'major', headers: ['专业', 'major'], label: '专业' },
  { key: 'degreeLevel', headers: ['学历', '学历层次', 'degree_level'], label: '学历' },
  { key: 'graduationYear', headers: ['届别', '毕业年份', 'graduation_year'], label: '届别' },
  { key: 'phone', headers: ['手机号', '手机号码', '联系电话', 'phone'], label: '手机号' },
  { key: 'email', headers: ['电子邮箱', '邮箱', 'email'], label: '电子邮箱' },
]

type ImportKey =
  | 'studentNumber'
  | 'name'
  | 'gender'
  | 'idNumber'
  | 'college'
  | 'major'
  | 'degreeLevel'
  | 'graduationYear'
  | 'phone'
  | 'email'

export interface ImportRow {
  row: number
  studentNumber: string
  name: string
  gender: string | null
  idNumber: string | null
  college: string | null
  major: string | null
  degreeLevel: string | null
  graduationYear: number | null
  phone: string | null
  email: string | null
  /** Set during the preview: an existing record with this student number will be updated. */
  existing?: boolean
}

export interface RowError {
  row: number
  studentNumber?: string
  messages: string[]
}

export class ImportFileError extends Error {}

// ---- reading files ------------------------------------------------------------------------------

/** Text of a CSV file: UTF-8 (with or without BOM), or GB18030 as saved by Chinese Excel. */
export function decodeCsv(buffer: Buffer) {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(buffer)
  const text = utf8.includes('\uFFFD') ? new TextDecoder('gb18030').decode(buffer) : utf8
  return text.replace(/^\uFEFF/, '')
}

/** RFC 4180 CSV: quoted fields, doubled quotes, commas and line breaks inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const c = text[i]
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"'
          i++
        } else quoted = false
      } else field += c
    } else if (c === '"' && field === '') {
      quoted = true
    } else if (c === ',') {
      row.push(field)
      field = ''
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++
      row.push(field)
      rows.push(row)
      row = []
      field = ''
    } else field += c
  }
  if (field !== '' || row.length) {
    row.push(field)
    rows.push(row)
  }
  return rows
}

async function readXlsx(buffer: Buffer): Promise<string[][]> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(buffer as any)
  } catch {
    throw new ImportFileError('无法读取该 Excel 文件，请确认是 .xlsx 格式（Excel 2007 及以上）')
  }
  const sheet = workbook.worksheets[0]
  if (!sheet) throw new ImportFileError('Excel 文件中没有工作表')
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: true }, (r, rowNumber) => {
    const cells: string[] = []
    for (let c = 1; c <= Math.max(r.cellCount, COLUMNS.length); c++) {
      const cell = r.getCell(c)
      const value = cell.value as any
      // Long digit strings typed as numbers lose digits in Excel: name them instead of guessing.
      if (typeof value === 'number' && Math.abs(value) >= 1e15) cells.push(`#NUM#${value}`)
      else cells.push(cell.text ?? '')
    }
    rows[rowNumber - 1] = cells
  })
  return Array.from(rows, (r) => r ?? [])
}

/** Rows of cells (first row = headers) of an uploaded CSV or XLSX file, checked by content. */
export async function readTable(buffer: Buffer, fileName: string): Promise<string[][]> {
  const isZip =
    buffer.length > 4 &&
    buffer[0] === 0x50 &&
    buffer[1] === 0x4b &&
    buffer[2] === 0x03 &&
    buffer[3] === 0x04
  const ext = fileName.toLowerCase().split('.').pop()
  if (ext === 'xlsx') {
    if (!isZip) throw new ImportFileError('文件内容不是 Excel（.xlsx）格式')
    return readXlsx(buffer)
  }
  if (ext === 'csv') {
    if (isZip || buffer.includes(0))
      throw new ImportFileError('文件内容不是 CSV 文本，请另存为 CSV（逗号分隔）后再上传')
    return parseCsv(decodeCsv(buffer))
  }
  throw new ImportFileError('只支持 CSV 或 Excel（.xlsx）文件')
}

// ---- validating rows ----------------------------------------------------------------------------

function clean(value: unknown) {
  return String(value ?? '')
    .replace(/[\u200B-\u200D\uFEFF]/g, '')
    .trim()
}

/** Maps the header row to keys; unknown headers are ignored, 学号 and 姓名 are required. */
export function mapHeaders(header: string[]) {
  const map = new Map<number, ImportKey>()
  header.forEach((h, index) => {
    const name = clean(h).toLowerCase()
    const column = COLUMNS.find((c) => c.headers.some((x) => x.toLowerCase() === name))
    if (column && ![...map.values()].includes(column.key)) map.set(index, column.key)
  })
  const missing = ['studentNumber', 'name'].filter(
    (k) => ![...map.values()].includes(k as ImportKey)
  )
  if (missing.length) {
    throw new ImportFileError(
      `第 1 行应为表头，缺少列：${missing.map((k) => COLUMNS.find((c) => c.key === k)!.label).join('、')}。请使用导入模板`
    )
  }
  return map
}

export function validateRows(table: string[][], actor: User) {
  if (!table.length) throw new ImportFileError('文件是空的')
  const headers = mapHeaders(table[0])
  const rows: ImportRow[] = []
  const errors: RowError[] = []
  const seen = new Map<string, number>()
  for (let i = 1; i < table.length; i++) {
    const cells = table[i]
    if (!cells || cells.every((c) => clean(c) === '')) continue
    const rowNumber = i + 1
    const raw: Record<string, string> = {}
    for (const [index, key] of headers) raw[key] = clean(cells[index])
    const messages: string[] = []
    const number = raw.studentNumber ?? ''
    if (!number) messages.push('学号为空')
    else if (!/^[A-Za-z0-9-]{1,32}$/.test(number))
      messages.push('学号格式错误（只能包含字母、数字和短横线，最多 32 位）')
    else if (seen.has(number)) messages.push(`学号与第 ${seen.get(number)} 行重复`)
    if (!raw.name) messages.push('姓名为空')
    else if (raw.name.length > 50) messages.push('姓名超过 50 个字符')
    if (raw.gender && !GENDERS.includes(raw.gender)) messages.push('性别应为“男”或“女”')
    let idNumber: string | null = raw.idNumber ? raw.idNumber.toUpperCase() : null
    if (idNumber?.startsWith('#NUM#')) {
      messages.push('身份证号被 Excel 存成了数字（末几位已丢失），请将该列设为文本格式后重新填写')
      idNumber = null
    } else if (idNumber) {
      const problem = idNumberProblem(idNumber)
      if (problem) messages.push(problem)
    }
    if (raw.phone && !MOBILE.test(raw.phone))
      messages.push('手机号格式错误（应为 11 位且以 1 开头）')
    if (raw.email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(raw.email))
      messages.push('电子邮箱格式错误')
    if (raw.degreeLevel && !DEGREE_LEVELS.includes(raw.degreeLevel))
      messages.push(`学历应为：${DEGREE_LEVELS.join('、')}`)
    let year: number | null = null
    if (raw.graduationYear) {
      year = Number(raw.graduationYear.replace(/届$/, ''))
      if (!Number.isInteger(year) || year < 2000 || year > 2100)
        messages.push('届别应为 4 位年份，例如 2026')
    }
    for (const key of ['college', 'major'] as const) {
      if ((raw[key] ?? '').length > 100)
        messages.push(`${key === 'college' ? '学院' : '专业'}超过 100 个字符`)
    }
    // A college-scoped teacher imports only their own college's students.
    if (actor.college && raw.college && raw.college !== actor.college)
      messages.push(`只能导入本学院（${actor.college}）的学生`)
    if (number && !seen.has(number)) seen.set(number, rowNumber)
    if (messages.length) {
      errors.push({ row: rowNumber, studentNumber: number || undefined, messages })
      continue
    }
    // A column the file does not have stays undefined: re-importing never wipes it.
    const present = new Set(headers.values())
    const has = (key: ImportKey) => present.has(key)
    rows.push({
      row: rowNumber,
      studentNumber: number,
      name: raw.name,
      gender: has('gender') ? raw.gender || null : undefined,
      idNumber: has('idNumber') ? idNumber : undefined,
      college: actor.college ?? (has('college') ? raw.college || null : undefined),
      major: has('major') ? raw.major || null : undefined,
      degreeLevel: has('degreeLevel') ? raw.degreeLevel || null : undefined,
      graduationYear: has('graduationYear') ? year : undefined,
      phone: has('phone') ? raw.phone || null : undefined,
      email: has('email') ? raw.email || null : undefined,
    } as ImportRow)
  }
  if (rows.length + errors.length === 0)
    throw new ImportFileError('文件中没有数据行（第 1 行为表头，从第 2 行开始填写学生）')
  if (rows.length + errors.length > MAX_ROWS)
    throw new ImportFileError(`一次最多导入 ${MAX_ROWS} 行，请拆分文件`)
  return { rows, errors }
}

// ---- preview and confirmation ------------------------------------------------------------------

export class RegistryImportService {
  constructor(private actor: User) {}

  get schoolId() {
    return this.actor.schoolId!
  }

  /** Validates a file and stores it for confirmation; nothing is written to the registry. */
  async preview(buffer: Buffer, fileName: string) {
    const table = await readTable(buffer, fileName)
    const { rows, errors } = validateRows(table, this.actor)
    // Existing records (re-import updates by student number); a college teacher may not touch another college's.
    const existing = new Map<string, { college: string | null }>()
    const numbers = rows.map((r) => r.studentNumber)
    for (let i = 0; i < numbers.length; i += 500) {
      const found = await db
        .from('graduates')
        .where('school_id', this.schoolId)
        .whereIn('student_number', numbers.slice(i, i + 500))
        .select('student_number', 'college')
      for (const f of found) existing.set(f.student_number, { college: f.college })
    }
    const valid: ImportRow[] = []
    for (const row of rows) {
      const current = existing.get(row.studentNumber)
      if (current && this.actor.college && current.college !== this.actor.college) {
        errors.push({
          row: row.row,
          studentNumber: row.studentNumber,
          messages: ['该学号已属于其他学院的学生，不能修改'],
        })
        continue
      }
      valid.push({ ...row, existing: Boolean(current) })
    }
    errors.sort((a, b) => a.row - b.row)
    const [id] = await db
      .table('registry_imports')
      .insert({
        school_id: this.schoolId,
        user_id: this.actor.id,
        file_name: fileName.slice(0, 255),
        ...registryImportMachine.initial('previewed'),
        total_rows: valid.length + errors.length,
        error_rows: errors.length,
        created_count: valid.filter((r) => !r.existing).length,
        updated_count: valid.filter((r) => r.existing).length,
        // The preview keeps the rows until they are confirmed: their numbers are sealed too.
        rows: JSON.stringify(valid.map((r) => sealKeys(r, ['idNumber']))),
        errors: errors.length ? JSON.stringify(errors) : null,
        created_at: nowDb(),
      })
      .returning('id')
    return this.find(typeof id === 'object' ? (id as any).id : id)
  }

  /** The school's latest confirmed imports (who, when, how many). */
  async recent(limit = 10) {
    const rows = await db
      .from('registry_imports')
      .leftJoin('users', 'users.id', 'registry_imports.user_id')
      .where('registry_imports.school_id', this.schoolId)
      .where('registry_imports.status', 'imported')
      .orderBy('registry_imports.id', 'desc')
      .limit(limit)
      .select(
        'registry_imports.file_name',
        'registry_imports.created_count',
        'registry_imports.updated_count',
        'registry_imports.imported_at',
        'users.name as user_name'
      )
    return rows.map((r: any) => ({
      fileName: r.file_name as string,
      created: Number(r.created_count),
      updated: Number(r.updated_count),
      importedAt: fromDb(r.imported_at),
      userName: (r.user_name as string | null) ?? '—',
    }))
  }

  /**
   * A stored import uploaded by the actor (null when absent, another school's or another
   * teacher's): a preview holds full 身份证号 of the uploader's scope only, so nobody else opens it.
   */
  async find(id: unknown) {
    const numeric = Number(id)
    if (!Number.isInteger(numeric) || numeric <= 0 || numeric > 2147483647) return null
    const row = await db
      .from('registry_imports')
      .where('id', numeric)
      .where('school_id', this.schoolId)
      .where('user_id', this.actor.id)
      .first()
    if (!row) return null
    return {
      id: row.id as number,
      fileName: row.file_name as string,
      status: row.status as string,
      totalRows: Number(row.total_rows),
      errorRows: Number(row.error_rows),
      createdCount: Number(row.created_count),
      updatedCount: Number(row.updated_count),
      rows: (JSON.parse(row.rows) as ImportRow[]).map((r) => unsealKeys(r, ['idNumber'])),
      errors: row.errors ? (JSON.parse(row.errors) as RowError[]) : [],
      userId: row.user_id as number | null,
    }
  }

  /**
   * Imports a previewed file: all rows or none, in one transaction. A file with any bad row
   * is refused as a whole. Existing student numbers are updated; others are created.
   */
  async confirm(
    id: unknown
  ): Promise<{ ok: boolean; message: string; created?: number; updated?: number }> {
    const pending = await this.find(id)
    if (!pending) return { ok: false, message: '导入记录不存在，请重新上传文件' }
    if (pending.status !== 'previewed')
      return { ok: false, message: '该文件已处理过，请勿重复导入' }
    if (pending.errorRows > 0)
      return {
        ok: false,
        message: `文件中有 ${pending.errorRows} 行错误，未导入任何数据。请修改后重新上传`,
      }
    return db
      .transaction(async (trx) => {
        // Claim the import first: a double click cannot import twice.
        const claimed = await registryImportMachine.applyWhere(trx, 'claim', pending.id, {
          touch: false,
        })
        if (!claimed) return { ok: false, message: langText('errors.import_done') }
        const now = nowDb()
        const toValues = (row: ImportRow) => {
          const all: Record<string, unknown> = {
            name: row.name,
            gender: row.gender,
            id_number: row.idNumber,
            college: row.college,
            major: row.major,
            degree_level: row.degreeLevel,
            graduation_year: row.graduationYear,
            phone: row.phone,
            email: row.email,
          }
          // Columns missing from the file (undefined) are left as they are.
          return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined))
        }
        const keys = [
          'name',
          'gender',
          'id_number',
          'college',
          'major',
          'degree_level',
          'graduation_year',
          'phone',
          'email',
        ]
        let created = 0
        let updated = 0
        // Set-based, in chunks: read the existing records, insert the new ones in one statement,
        // update only the rows whose values changed; every change goes to the audit log.
        for (let i = 0; i < pending.rows.length; i += 500) {
          const chunk = pending.rows.slice(i, i + 500)
          const existing = new Map<string, Record<string, any>>()
          const found = await trx
            .from('graduates')
            .where('school_id', this.schoolId)
            .whereIn(
              'student_number',
              chunk.map((r) => r.studentNumber)
            )
            .select('id', 'student_number', ...keys)
          // Compared and audited in plain (the audit masks it); written sealed, as the model would.
          for (const f of found)
            existing.set(f.student_number, { ...f, id_number: unseal(f.id_number) })
          const sealed = (values: Record<string, unknown>) =>
            'id_number' in values
              ? { ...values, id_number: seal(values.id_number as string | null) }
              : values
          const inserts: Record<string, any>[] = []
          const entries: AuditEntry[] = []
          for (const row of chunk) {
            // Re-checked at confirmation against the confirming teacher's scope as it is now.
            if (this.actor.college && row.college !== this.actor.college) {
              throw new ImportConflict(
                `第 ${row.row} 行：只能导入本学院（${this.actor.college}）的学生`
              )
            }
            const values = toValues(row)
            const current = existing.get(row.studentNumber)
            if (!current) {
              inserts.push({
                school_id: this.schoolId,
                student_number: row.studentNumber,
                signable: false,
                ...sealed(values),
                created_at: now,
                updated_at: now,
              })
              continue
            }
            if (this.actor.college && current.college !== this.actor.college) {
              throw new ImportConflict(`第 ${row.row} 行：该学号已属于其他学院的学生，不能修改`)
            }
            const before = Object.fromEntries(Object.keys(values).map((k) => [k, current[k]]))
            const changes = diff(before, values)
            if (!Object.keys(changes).length) continue
            await trx
              .from('graduates')
              .where('id', current.id)
              .update({ ...sealed(values), updated_at: now })
            entries.push({
              actor: this.actor,
              action: 'graduate.import_update',
              subject: { type: 'graduate', id: current.id },
              schoolId: this.schoolId,
              changes,
            })
            updated++
          }
          if (inserts.length) {
            await trx.table('graduates').multiInsert(inserts)
            const ids = await trx
              .from('graduates')
              .where('school_id', this.schoolId)
              .whereIn(
                'student_number',
                inserts.map((r) => r.student_number as string)
              )
              .select('id', 'student_number')
            const byNumber = new Map(ids.map((r: any) => [r.student_number, r.id]))
            for (const row of inserts) {
              const after = Object.fromEntries(
                Object.entries(row).filter(
                  ([k]) => !['school_id', 'created_at', 'updated_at', 'signable'].includes(k)
                )
              )
              if ('id_number' in after) after.id_number = unseal(after.id_number)
              entries.push({
                actor: this.actor,
                action: 'graduate.import_create',
                subject: { type: 'graduate', id: byNumber.get(row.student_number) },
                schoolId: this.schoolId,
                after,
              })
            }
            created += inserts.length
          }
          await audit.recordMany(entries, trx)
        }
        await registryImportMachine.apply(trx, 'finish', pending.id, {
          touch: false,
          set: { created_count: created, updated_count: updated, imported_at: now },
        })
        await audit.record(
          {
            actor: this.actor,
            action: 'registry.import',
            subject: { type: 'registry_import', id: pending.id },
            schoolId: this.schoolId,
            after: { file: pending.fileName, created, updated },
          },
          trx
        )
        return {
          ok: true,
          message: `导入完成：新增 ${created} 条，更新 ${updated} 条`,
          created,
          updated,
        }
      })
      .catch((error) => {
        if (error instanceof ImportConflict)
          return { ok: false, message: `${error.message}。未导入任何数据` }
        throw error
      })
  }
}

class ImportConflict extends Error {}

/** The CSV template (UTF-8 with BOM so that Excel opens the Chinese headers correctly). */
export function templateCsv() {
  const header = COLUMNS.map((c) => c.headers[0]).join(',')
  const sample =
    '2026000101,王小明,男,11010519491231002X,计算机学院,软件工程,本科,2026,13800001234,xiaoming@example.com'
  return '\uFEFF' + header + '\r\n' + sample + '\r\n'
}
