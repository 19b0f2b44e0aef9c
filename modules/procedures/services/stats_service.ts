import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { scopeToActor } from '#core/tenancy/school_scope'
import { currentDestinationCodes } from '#modules/procedures/services/destination_codes'

export interface StatsRow {
  code: string
  name: string
  count: number
  share: number
}

/**
 * 就业统计: the graduates of a school (or of the province) by 毕业去向分类, from approved
 * employment plans; graduates without one count as 未上报/未审核. Scoped to the actor.
 */
export async function destinationStats(
  actor: User,
  filters: { schoolId?: number | null; year?: number | null } = {}
) {
  const codes = await currentDestinationCodes()
  const graduates = scopeToActor(db.from('graduates as g'), actor, {
    school: 'g.school_id',
    college: 'g.college',
  })
  if (filters.schoolId) graduates.where('g.school_id', filters.schoolId)
  if (filters.year) graduates.where('g.graduation_year', filters.year)
  const totalRow = await graduates.clone().count('* as total').first()
  const total = Number(totalRow?.total ?? 0)
  const counts = await graduates
    .clone()
    .join('employment_plans as p', 'p.graduate_id', 'g.id')
    .where('p.status', 'approved')
    .groupBy('p.destination_code_id')
    .select('p.destination_code_id')
    .count('* as total')
  const byCode = new Map(counts.map((r: any) => [Number(r.destination_code_id), Number(r.total)]))
  const rows: StatsRow[] = codes.map((c) => ({
    code: c.code,
    name: c.name,
    count: byCode.get(c.id) ?? 0,
    share: 0,
  }))
  const reported = rows.reduce((a, r) => a + r.count, 0)
  rows.push({ code: '—', name: '未上报或未审核', count: Math.max(0, total - reported), share: 0 })
  for (const r of rows) r.share = total ? Math.round((r.count / total) * 1000) / 10 : 0
  const employed = codes
    .filter((c) => c.countsAsEmployed)
    .reduce((a, c) => a + (byCode.get(c.id) ?? 0), 0)
  const max = Math.max(1, ...rows.map((r) => r.count))
  return {
    rows,
    total,
    reported,
    employed,
    rate: total ? Math.round((employed / total) * 1000) / 10 : 0,
    max,
  }
}

/** Province: one line per school (total, reported, 毕业去向落实率). */
export async function perSchoolStats() {
  const rows = await db
    .from('schools as s')
    .leftJoin('graduates as g', 'g.school_id', 's.id')
    .leftJoin('employment_plans as p', (j) =>
      j.on('p.graduate_id', '=', 'g.id').andOnVal('p.status', '=', 'approved')
    )
    .leftJoin('destination_codes as d', 'd.id', 'p.destination_code_id')
    .groupBy('s.id', 's.name')
    .select('s.id', 's.name')
    .countDistinct('g.id as total')
    .countDistinct('p.id as reported')
    .select(db.raw('SUM(CASE WHEN d.counts_as_employed = ? THEN 1 ELSE 0 END) as employed', [true]))
    .orderBy('s.name')
  return rows.map((r: any) => {
    const total = Number(r.total)
    const employed = Number(r.employed ?? 0)
    return {
      id: r.id,
      name: r.name,
      total,
      reported: Number(r.reported),
      employed,
      rate: total ? Math.round((employed / total) * 1000) / 10 : 0,
    }
  })
}

export function toCsv(rows: StatsRow[], title: string) {
  const esc = (v: unknown) => {
    const s = String(v ?? '')
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
  }
  const lines = [
    [title],
    ['代码', '毕业去向分类', '人数', '占比(%)'],
    ...rows.map((r) => [r.code, r.name, r.count, r.share]),
  ]
  return '\uFEFF' + lines.map((l) => l.map(esc).join(',')).join('\r\n') + '\r\n'
}

export async function toXlsx(rows: StatsRow[], title: string) {
  const ExcelJS = (await import('exceljs')).default
  const book = new ExcelJS.Workbook()
  const sheet = book.addWorksheet('就业统计')
  sheet.addRow([title])
  sheet.addRow(['代码', '毕业去向分类', '人数', '占比(%)'])
  for (const r of rows) sheet.addRow([r.code, r.name, r.count, r.share])
  sheet.getColumn(2).width = 24
  return Buffer.from(await book.xlsx.writeBuffer())
}
