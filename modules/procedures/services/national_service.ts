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

/**
 * 全国毕业去向登记 (issue 13.4): the per-school export of confirmed registrations with the
 * national field names and codes, and the import of a returned file that records 档案转递编号 /
 * 核验编号 per student. Column list and which names are verified: README "全国毕业去向登记上报".
 *
 * "Confirmed" = 登记确认 by the student (`registration_confirmed_at`) and 审核通过 by the school.
 */

/** 单位性质代码 (就业方案 standard; from memory, not checked against a source: see README). */
export const NATURE_CODES: Record<string, string> = {
  机关: '10',
  事业单位: '29',
  国有企业: '31',
  三资企业: '32',
  民营企业: '39',
  部队: '40',
  其他: '99',
}

/** 单位行业: GB/T 4754-2017 门类 (letter). */
export const INDUSTRY_CODES: Record<string, string> = {
  '农、林、牧、渔业': 'A',
  '采矿业': 'B',
  '制造业': 'C',
  '电力、热力、燃气及水生产和供应业': 'D',
  '建筑业': 'E',
  '批发和零售业': 'F',
  '交通运输、仓储和邮政业': 'G',
  '住宿和餐饮业': 'H',
  '信息传输、软件和信息技术服务业': 'I',
  '金融业': 'J',
  '房地产业': 'K',
  '租赁和商务服务业': 'L',
  '科学研究和技术服务业': 'M',
  '水利、环境和公共设施管理业': 'N',
  '居民服务、修理和其他服务业': 'O',
  '教育': 'P',
  '卫生和社会工作': 'Q',
  '文化、体育和娱乐业': 'R',
  '公共管理、社会保障和社会组织': 'S',
  '国际组织': 'T',
}

/** 工作职位类别代码 (就业方案 standard; from memory, not checked against a source: see README). */
export const POSITION_CODES: Record<string, string> = {
  公务员: '10',
  科学研究人员: '11',
  工程技术人员: '13',
  农林牧渔业技术人员: '17',
  卫生专业技术人员: '19',
  经济业务人员: '21',
  金融业务人员: '22',
  法律专业人员: '23',
  教学人员: '24',
  文学艺术工作人员: '25',
  体育工作人员: '26',
  新闻出版和文化工作人员: '27',
  其他专业技术人员: '29',
  办事人员和有关人员: '30',
  商业和服务业人员: '40',
  生产和运输设备操作人员: '60',
  军人: '80',
  其他人员: '90',
}

interface Column {
  header: string
  /** The national system's field name (pinyin initials), as in the provincial sync files. */
  field: string
  value: (r: any) => unknown
}

/** The export's columns, in order. */
export const NATIONAL_COLUMNS: Column[] = [
  { header: '学号', field: 'XH', value: (r) => r.student_number },
  // The platform keeps no 考生号 (gaokao number); the national system matches by 身份证号 then.
  { header: '考生号', field: 'KSH', value: () => '' },
  { header: '姓名', field: 'XM', value: (r) => r.name },
  { header: '身份证号', field: 'SFZH', value: (r) => unseal(r.id_number) ?? '' },
  { header: '学院', field: 'YXMC', value: (r) => r.college ?? '' },
  { header: '专业', field: 'ZYMC', value: (r) => r.major ?? '' },
  { header: '毕业去向代码', field: 'BYQXDM', value: (r) => r.nationalCode },
  { header: '毕业去向', field: 'BYQX', value: (r) => r.nationalName },
  { header: '单位名称', field: 'DWMC', value: (r) => r.employer_name ?? r.study_school ?? '' },
  { header: '统一社会信用代码', field: 'TYSHXYDM', value: (r) => r.employer_uscc ?? '' },
  { header: '单位所在地', field: 'DWSZD', value: (r) => r.employer_city ?? r.study_country ?? '' },
  {
    header: '单位性质代码',
    field: 'DWXZDM',
    value: (r) => NATURE_CODES[r.employer_nature ?? ''] ?? '',
  },
  { header: '单位性质', field: 'DWXZ', value: (r) => r.employer_nature ?? '' },
  {
    header: '单位行业代码',
    field: 'DWHYDM',
    value: (r) => INDUSTRY_CODES[r.employer_industry ?? ''] ?? '',
  },
  { header: '单位行业', field: 'DWHY', value: (r) => r.employer_industry ?? '' },
  {
    header: '工作职位类别代码',
    field: 'GZZWLBDM',
    value: (r) => POSITION_CODES[r.position_category ?? ''] ?? '',
  },
  { header: '工作职位类别', field: 'GZZWLB', value: (r) => r.position_category ?? '' },
  { header: '档案转递单位名称', field: 'DAZDDWMC', value: (r) => r.archive_unit ?? '' },
  { header: '档案转递单位地址', field: 'DAZDDWDZ', value: (r) => r.archive_address ?? '' },
  { header: '档案转递编号', field: 'DAZDBH', value: (r) => r.archive_transfer_no ?? '' },
  { header: '户口迁移', field: 'HKQY', value: (r) => r.hukou_migration ?? '' },
  { header: '户口迁移地址', field: 'HKQYDZ', value: (r) => r.hukou_address ?? '' },
  { header: '核验编号', field: 'HYBH', value: (r) => r.verification_no ?? '' },
  {
    header: '登记确认时间',
    field: 'DJQRSJ',
    value: (r) =>
      fromDb(r.registration_confirmed_at)?.setZone('Asia/Shanghai').toFormat('yyyy-MM-dd HH:mm') ??
      '',
  },
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
  const sheet = book.addWorksheet('毕业去向登记')
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
    note: `导出全国毕业去向登记（含完整身份证号）${count} 条${year ? `，${year}届` : ''}`,
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

const HEADERS: Record<string, string[]> = {
  studentNumber: ['学号', 'xh'],
  name: ['姓名', 'xm'],
  archiveTransferNo: ['档案转递编号', '转递编号', 'dazdbh'],
  verificationNo: ['核验编号', 'hybh'],
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
    if (!table.length) throw new ImportFileError('文件是空的')
    const index: Record<string, number> = {}
    table[0].forEach((h, i) => {
      const name = clean(h).toLowerCase()
      for (const [key, names] of Object.entries(HEADERS))
        if (index[key] === undefined && names.includes(name)) index[key] = i
    })
    if (index.studentNumber === undefined)
      throw new ImportFileError('第 1 行应为表头，缺少列：学号')
    if (index.archiveTransferNo === undefined && index.verificationNo === undefined)
      throw new ImportFileError('第 1 行应为表头，至少要有“档案转递编号”或“核验编号”一列')
    const raw: { row: number; cells: Record<string, string> }[] = []
    for (let i = 1; i < table.length; i++) {
      const cells = table[i]
      if (!cells || cells.every((c) => clean(c) === '')) continue
      const values: Record<string, string> = {}
      for (const [key, at] of Object.entries(index)) values[key] = clean(cells[at])
      raw.push({ row: i + 1, cells: values })
    }
    if (!raw.length) throw new ImportFileError('文件中没有数据行（第 1 行为表头，从第 2 行开始）')
    if (raw.length > MAX_RETURN_ROWS)
      throw new ImportFileError(`一次最多导入 ${MAX_RETURN_ROWS} 行，请拆分文件`)

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
    for (const { row, cells } of raw) {
      const messages: string[] = []
      const number = cells.studentNumber ?? ''
      const transfer = cells.archiveTransferNo || null
      const verification = cells.verificationNo || null
      const student = students.get(number)
      if (!number) messages.push('学号为空')
      else if (seen.has(number)) messages.push(`学号与第 ${seen.get(number)} 行重复`)
      else if (!student) messages.push('本校没有该学号的学生')
      else {
        if (cells.name && cells.name !== student.name) messages.push('姓名与学号不符')
        if (!student.planId) messages.push('该学生没有已确认并审核通过的毕业去向登记')
      }
      if (!transfer && !verification) messages.push('档案转递编号和核验编号都为空')
      for (const [label, value] of [
        ['档案转递编号', transfer],
        ['核验编号', verification],
      ] as const)
        if (value && !NUMBER.test(value))
          messages.push(`${label}格式错误（字母、数字、-、_、/，最多 50 位）`)
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
    if (!pending) return { ok: false, message: '导入记录不存在，请重新上传文件' }
    if (pending.status !== 'previewed')
      return { ok: false, message: '该文件已处理过，请勿重复导入' }
    if (pending.errorRows > 0)
      return {
        ok: false,
        message: `文件中有 ${pending.errorRows} 行错误，未导入任何数据。请修改后重新上传`,
      }
    try {
      return await db.transaction(async (trx) => {
        const claimed = await nationalImportMachine.applyWhere(trx, 'claim', pending.id, {
          touch: false,
        })
        if (!claimed) return { ok: false, message: '该文件已处理过，请勿重复导入' }
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
              `第 ${r.row} 行（学号 ${r.studentNumber}）的毕业去向登记在预览后已变更，未导入任何数据。请重新上传文件`
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
            note: `导入回传文件 ${pending.fileName}：${pending.rows.length} 名学生的档案转递编号/核验编号`,
          },
          trx
        )
        return {
          ok: true,
          count: pending.rows.length,
          message: `已导入 ${pending.rows.length} 名学生的档案转递编号/核验编号`,
        }
      })
    } catch (error) {
      if (error instanceof ImportAborted) return { ok: false, message: error.message }
      throw error
    }
  }
}

class ImportAborted extends Error {}
