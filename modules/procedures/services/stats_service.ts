import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { scopeToActor } from '#core/tenancy/school_scope'
import { fromDb } from '#core/database/time'
import {
  FORMULA_GROUPS,
  destinationCodes,
  type CodeVersion,
  type FormulaGroup,
} from '#modules/procedures/services/destination_codes'
import { provinceProcedures } from '#modules/procedures/services/settings'
import { text } from '#core/i18n/text'
import { CITY_PROVINCE, PROVINCES, PROVINCE_SUFFIX } from '#modules/procedures/data/provinces'

/**
 * 就业统计 by the current rates (issue 13.3). See the README section "就业统计（落实率）".
 *
 * The cohort (denominator) is the graduates (生源) of one 届别 in the actor's scope (school,
 * college for a college teacher, or the province), optionally narrowed to a school, college or
 * major. The numerator of a group is the graduates whose active plan is 审核通过 and whose code,
 * mapped into the province's chosen version (`mapCode`), falls in that group. 落实率 = the
 * `placed` groups together. Everything is a handful of GROUP BY queries, independent of size.
 */

export interface StatsFilters {
  schoolId?: number | null
  year?: number | null
  college?: string | null
  major?: string | null
}

export interface CodeCount {
  code: string
  name: string
  group: string
  groupLabel: string
  count: number
  share: number
}

export interface GroupRate {
  key: string
  label: string
  placed: boolean
  count: number
  rate: number
}

export interface UnitRates {
  college: string
  major?: string
  total: number
  placed: number
  rate: number
  groups: Record<string, { count: number; rate: number }>
}

/** The group a code is counted in when it has no row in the chosen version (and no alias/parent). */
export const UNKNOWN_GROUP = 'unknown'
/** Drill-down key for the graduates without an approved registration. */
export const UNREGISTERED = 'none'

export const pct = (count: number, total: number) =>
  total ? Math.round((count / total) * 1000) / 10 : 0

/**
 * How a plan's code (from whichever version it was made under) is counted in version V:
 *   1. V has a row with the same code → that row (the two carried versions share every code);
 *   2. else an alias (`destination_code_aliases.alias_code`, e.g. the old 13) → its today's code;
 *   3. else the 2-digit parent (a 3-digit child V does not list: 50x → 50);
 *   4. else `unknown` (not placed), shown as its own row so nothing disappears silently.
 * Returns code (in V) → { name, group } and source code → V code.
 */
export async function codeMapping(version: CodeVersion) {
  const rows = await destinationCodes(version)
  const inVersion = new Map(rows.map((r) => [r.code, r]))
  const aliases = await db.from('destination_code_aliases').select('code', 'alias_code')
  const allCodes = await db.from('destination_codes').distinct('code')
  const sources = new Set<string>([
    ...allCodes.map((r: any) => String(r.code)),
    ...aliases.map((a: any) => String(a.alias_code)),
  ])
  const toVersion = new Map<string, string | null>()
  const resolve = (code: string): string | null => {
    if (inVersion.has(code)) return code
    const alias = aliases.find((a: any) => a.alias_code === code && inVersion.has(a.code))
    if (alias) return String(alias.code)
    if (code.length === 3 && inVersion.has(code.slice(0, 2))) return code.slice(0, 2)
    return null
  }
  for (const code of sources) toVersion.set(code, resolve(code))
  return {
    rows,
    groupOf: (vCode: string | null) => (vCode ? inVersion.get(vCode)!.formulaGroup : UNKNOWN_GROUP),
    nameOf: (vCode: string | null) =>
      vCode ? inVersion.get(vCode)!.name : text('procedures.stats.unknown_code'),
    toVersion: (code: string) => (toVersion.has(code) ? toVersion.get(code)! : resolve(code)),
    /** Every source code counted as V code `vCode` (drill-down by code). */
    sourcesOf: (vCode: string) => [...sources].filter((c) => resolve(c) === vCode),
    /** Every source code counted in group `group` (drill-down by group). */
    sourcesOfGroup: (group: string) =>
      [...sources].filter((c) => {
        const v = resolve(c)
        return (v ? inVersion.get(v)!.formulaGroup : UNKNOWN_GROUP) === group
      }),
  }
}

/** The graduates of the scope (alias `g`), filtered. */
function cohort(actor: User, filters: StatsFilters) {
  const q = scopeToActor(db.from('graduates as g'), actor, {
    school: 'g.school_id',
    college: 'g.college',
  })
  if (filters.schoolId) q.where('g.school_id', filters.schoolId)
  if (filters.year) q.where('g.graduation_year', filters.year)
  if (filters.college) q.where('g.college', filters.college)
  if (filters.major) q.where('g.major', filters.major)
  return q
}

/** 届别 present in the scope, newest first (the default is the newest one that has begun). */
export async function cohortYears(actor: User, schoolId: number | null = null) {
  const rows = await cohort(actor, { schoolId })
    .whereNotNull('g.graduation_year')
    .distinct('g.graduation_year as year')
    .orderBy('g.graduation_year', 'desc')
  return rows.map((r: any) => Number(r.year)).filter((y) => y > 0)
}

export async function defaultYear(actor: User, schoolId: number | null = null) {
  const years = await cohortYears(actor, schoolId)
  const now = DateTime.now().setZone('Asia/Shanghai')
  // The cohort currently graduating: from September on, next year's class is in season.
  const current = now.month >= 9 ? now.year + 1 : now.year
  return years.find((y) => y <= current) ?? years[years.length - 1] ?? null
}

/** The version whose formula applies: the province's choice (schools cannot override it). */
export async function statsVersion(schoolId: number | null) {
  return (await provinceProcedures(schoolId)).version
}

function emptyGroups(groups: FormulaGroup[]) {
  return Object.fromEntries(
    [...groups.map((g) => g.key), UNKNOWN_GROUP].map((k) => [k, { count: 0, rate: 0 }])
  ) as Record<string, { count: number; rate: number }>
}

/** Rates of the cohort, by group, code, college and major, plus where the graduates went. */
export async function rateStats(actor: User, filters: StatsFilters, version: CodeVersion) {
  const groups = FORMULA_GROUPS[version]
  const placedKeys = new Set(groups.filter((g) => g.placed).map((g) => g.key))
  const map = await codeMapping(version)

  // Denominators per college and major (one query).
  const totals = await cohort(actor, filters)
    .groupBy('g.college', 'g.major')
    .select('g.college', 'g.major')
    .count('* as total')
  // Approved plans per college, major and code (one query; at most one active plan per graduate).
  const counted = await cohort(actor, filters)
    .join('employment_plans as p', 'p.graduate_id', 'g.id')
    .join('destination_codes as d', 'd.id', 'p.destination_code_id')
    .where('p.status', 'approved')
    .groupBy('g.college', 'g.major', 'd.code')
    .select('g.college', 'g.major', 'd.code')
    .countDistinct('g.id as total')
  const pendingRow = await cohort(actor, filters)
    .join('employment_plans as p', 'p.graduate_id', 'g.id')
    .where('p.status', 'pending')
    .countDistinct('g.id as total')
    .first()

  const unfilled = text('procedures.stats.unfilled')
  const label = (v: string | null) => v || unfilled
  const collegeMap = new Map<string, UnitRates>()
  const majorMap = new Map<string, UnitRates>()
  const unit = (m: Map<string, UnitRates>, key: string, college: string, major?: string) => {
    if (!m.has(key))
      m.set(key, { college, major, total: 0, placed: 0, rate: 0, groups: emptyGroups(groups) })
    return m.get(key)!
  }
  let total = 0
  for (const r of totals as any[]) {
    const n = Number(r.total)
    total += n
    unit(collegeMap, label(r.college), label(r.college)).total += n
    unit(
      majorMap,
      `${label(r.college)}\u0000${label(r.major)}`,
      label(r.college),
      label(r.major)
    ).total += n
  }
  const byCode = new Map<string | null, number>()
  const groupCounts = emptyGroups(groups)
  for (const r of counted as any[]) {
    const n = Number(r.total)
    const vCode = map.toVersion(String(r.code))
    const group = map.groupOf(vCode)
    byCode.set(vCode, (byCode.get(vCode) ?? 0) + n)
    groupCounts[group].count += n
    for (const u of [
      unit(collegeMap, label(r.college), label(r.college)),
      unit(
        majorMap,
        `${label(r.college)}\u0000${label(r.major)}`,
        label(r.college),
        label(r.major)
      ),
    ]) {
      u.groups[group].count += n
      if (placedKeys.has(group)) u.placed += n
    }
  }
  const finish = (u: UnitRates) => {
    u.rate = pct(u.placed, u.total)
    for (const g of Object.values(u.groups)) g.rate = pct(g.count, u.total)
    return u
  }
  const registered = [...byCode.values()].reduce((a, n) => a + n, 0)
  const placed = [...placedKeys].reduce((a, k) => a + groupCounts[k].count, 0)

  const groupRates: GroupRate[] = groups.map((g) => ({
    key: g.key,
    label: g.label,
    placed: g.placed,
    count: groupCounts[g.key].count,
    rate: pct(groupCounts[g.key].count, total),
  }))
  if (groupCounts[UNKNOWN_GROUP].count)
    groupRates.push({
      key: UNKNOWN_GROUP,
      label: text('procedures.stats.unknown_code'),
      placed: false,
      count: groupCounts[UNKNOWN_GROUP].count,
      rate: pct(groupCounts[UNKNOWN_GROUP].count, total),
    })

  // Codes: every code a student may choose in V, plus any other code that was counted.
  const codeRows: CodeCount[] = map.rows
    .filter((c) => c.selectable || byCode.has(c.code))
    .map((c) => ({
      code: c.code,
      name: c.name,
      group: c.formulaGroup,
      groupLabel: groups.find((g) => g.key === c.formulaGroup)?.label ?? '',
      count: byCode.get(c.code) ?? 0,
      share: pct(byCode.get(c.code) ?? 0, total),
    }))
  if (byCode.has(null))
    codeRows.push({
      code: '?',
      name: text('procedures.stats.unknown_code'),
      group: UNKNOWN_GROUP,
      groupLabel: text('procedures.stats.unknown_code'),
      count: byCode.get(null)!,
      share: pct(byCode.get(null)!, total),
    })
  codeRows.push({
    code: '—',
    name: text('procedures.stats.unregistered'),
    group: UNREGISTERED,
    groupLabel: '',
    count: Math.max(0, total - registered),
    share: pct(Math.max(0, total - registered), total),
  })

  return {
    version,
    groups,
    total,
    registered,
    pending: Number(pendingRow?.total ?? 0),
    placed,
    rate: pct(placed, total),
    groupRates,
    codeRows,
    max: Math.max(1, ...codeRows.map((r) => r.count)),
    byCollege: [...collegeMap.values()].map(finish).sort((a, b) => b.total - a.total),
    byMajor: [...majorMap.values()]
      .map(finish)
      .sort((a, b) => a.college.localeCompare(b.college, 'zh') || b.total - a.total),
    ...(await destinations(actor, filters)),
  }
}

/**
 * The province of a 单位所在地 text ("江苏省南京市", "南京市", "广东深圳"): its leading province
 * name, else the province of a few well-known cities, else null (shown as 其他/未识别).
 */
export function provinceOf(city: string) {
  const place = city.trim()
  const p = PROVINCES.find((name) => place.startsWith(name))
  if (p) return p
  const c = Object.keys(CITY_PROVINCE).find((name) => place.startsWith(name))
  return c ? CITY_PROVINCE[c] : null
}

/** The city part of a 单位所在地 text, without its province ("江苏省南京市" → "南京市"). */
export function cityOf(city: string) {
  const place = city.trim()
  const p = PROVINCES.find((name) => place.startsWith(name))
  if (!p) return place
  const rest = place.slice(p.length).replace(PROVINCE_SUFFIX, '')
  return rest || place
}

/** Where the approved registrations' employers are (单位所在地): top cities and provinces. */
async function destinations(actor: User, filters: StatsFilters) {
  const rows = await cohort(actor, filters)
    .join('employment_plans as p', 'p.graduate_id', 'g.id')
    .where('p.status', 'approved')
    .whereNotNull('p.employer_city')
    .whereNot('p.employer_city', '')
    .groupBy('p.employer_city')
    .select('p.employer_city as city')
    .count('* as total')
  const cities = new Map<string, number>()
  const provinces = new Map<string, number>()
  for (const r of rows as any[]) {
    const n = Number(r.total)
    const city = cityOf(String(r.city))
    cities.set(city, (cities.get(city) ?? 0) + n)
    const province = provinceOf(String(r.city)) ?? text('procedures.stats.other_province')
    provinces.set(province, (provinces.get(province) ?? 0) + n)
  }
  const top = (m: Map<string, number>) =>
    [...m.entries()]
      .map(([name, count]) => ({ name, count }))
      .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name, 'zh'))
      .slice(0, 15)
  return { cities: top(cities), provinces: top(provinces) }
}

// ---- trend ---------------------------------------------------------------------------------------

interface Timeline {
  graduateId: number
  /** [from, to) intervals (ms) in which the plan was 审核通过, each with the code it then had. */
  approved: { from: number; to: number; code: string | null }[]
}

/**
 * 落实率 week by week through the season (1 September before graduation → 31 December of the
 * graduation year, up to today), replayed from the records' history so past weeks are what they
 * were then: `destination_registration_changes` (status and destinationCode rows: confirm,
 * amend, approve, return, cancel) and, for plans without history (made before it existed),
 * `reviewed_at` → `cancelled_at` with the plan's code. The denominator is today's cohort.
 */
export async function weeklyTrend(actor: User, filters: StatsFilters, version: CodeVersion) {
  if (!filters.year) return []
  const zone = 'Asia/Shanghai'
  const now = DateTime.now().setZone(zone)
  const seasonStart = DateTime.fromObject({ year: filters.year - 1, month: 9, day: 1 }, { zone })
  const seasonEnd = DateTime.fromObject({ year: filters.year, month: 12, day: 31 }, { zone }).endOf(
    'day'
  )
  if (now < seasonStart) return []
  const end = now < seasonEnd ? now : seasonEnd

  const map = await codeMapping(version)
  const placedKeys = new Set(FORMULA_GROUPS[version].filter((g) => g.placed).map((g) => g.key))
  const totalRow = await cohort(actor, filters).count('* as total').first()
  const total = Number(totalRow?.total ?? 0)

  const plans = await cohort(actor, filters)
    .join('employment_plans as p', 'p.graduate_id', 'g.id')
    .leftJoin('destination_codes as d', 'd.id', 'p.destination_code_id')
    .whereIn('p.status', ['approved', 'cancelled', 'pending', 'returned'])
    .select(
      'p.id',
      'p.graduate_id',
      'p.status',
      'p.reviewed_at',
      'p.cancelled_at',
      'p.created_at',
      'd.code'
    )
  const history = await cohort(actor, filters)
    .join('destination_registration_changes as h', 'h.graduate_id', 'g.id')
    .whereIn('h.field', ['status', 'destinationCode'])
    .select('h.plan_id', 'h.field', 'h.old_value', 'h.new_value', 'h.created_at', 'h.id')
    .orderBy('h.created_at')
    .orderBy('h.id')
  const byPlan = new Map<number, any[]>()
  for (const h of history as any[]) {
    const list = byPlan.get(Number(h.plan_id)) ?? []
    list.push(h)
    byPlan.set(Number(h.plan_id), list)
  }
  const ms = (v: unknown) => fromDb(v)?.toMillis() ?? null
  const timelines: Timeline[] = []
  for (const p of plans as any[]) {
    const events = byPlan.get(Number(p.id))
    const t: Timeline = { graduateId: Number(p.graduate_id), approved: [] }
    const currentCode = p.code ? String(p.code) : null
    if (!events?.length) {
      const from = ms(p.reviewed_at) ?? ms(p.created_at)
      if ((p.status === 'approved' || (p.status === 'cancelled' && p.reviewed_at)) && from)
        t.approved.push({ from, to: ms(p.cancelled_at) ?? Infinity, code: currentCode })
    } else {
      const firstCode = events.find((e) => e.field === 'destinationCode')
      let code: string | null = firstCode ? (firstCode.old_value ?? null) : currentCode
      let status: string | null = null
      let since = 0
      for (const e of events) {
        const at = ms(e.created_at) ?? 0
        if (e.field === 'destinationCode') {
          if (status === 'approved' && e.new_value !== code) {
            t.approved.push({ from: since, to: at, code })
            since = at
          }
          code = e.new_value ?? null
        } else {
          const next = e.new_value ?? null
          if (status !== 'approved' && next === 'approved') since = at
          if (status === 'approved' && next !== 'approved')
            t.approved.push({ from: since, to: at, code })
          status = next
        }
      }
      if (status === 'approved') {
        // A 解约 cancels without a history row (cancelled_at says when).
        const to = p.status === 'cancelled' ? (ms(p.cancelled_at) ?? Infinity) : Infinity
        t.approved.push({ from: since, to, code: code ?? currentCode })
      }
    }
    if (t.approved.length) timelines.push(t)
  }

  const points: { week: string; date: string; placed: number; rate: number }[] = []
  let weekEnd = seasonStart.endOf('week')
  for (let i = 0; i < 80; i++) {
    const cut = weekEnd > end ? end : weekEnd
    const at = cut.toMillis()
    const placedGraduates = new Set<number>()
    for (const t of timelines) {
      const hit = t.approved.find((a) => a.from <= at && at < a.to)
      if (!hit) continue
      if (placedKeys.has(map.groupOf(map.toVersion(hit.code ?? ''))))
        placedGraduates.add(t.graduateId)
    }
    points.push({
      week: text('procedures.stats.week', { month: String(cut.month), day: String(cut.day) }),
      date: cut.toISODate()!,
      placed: placedGraduates.size,
      rate: pct(placedGraduates.size, total),
    })
    if (weekEnd >= end) break
    weekEnd = weekEnd.plus({ weeks: 1 }).endOf('week')
  }
  return points
}

// ---- drill-down ----------------------------------------------------------------------------------

/**
 * The graduates behind one count: `code` (a code of version V) or `group` (a formula group, or
 * `none` for 未登记或未审核), in the same cohort and scope as the table. Paged; no 身份证号/phone.
 */
export async function drillDown(
  actor: User,
  filters: StatsFilters,
  version: CodeVersion,
  pick: { code?: string | null; group?: string | null },
  page = 1,
  perPage = 50
) {
  const map = await codeMapping(version)
  const q = cohort(actor, filters)
  if (pick.group === UNREGISTERED) {
    q.whereNotExists((sub) =>
      sub
        .from('employment_plans as p')
        .whereRaw('p.graduate_id = g.id')
        .where('p.status', 'approved')
    )
    q.leftJoin('employment_plans as p', (j) =>
      j.on('p.graduate_id', '=', 'g.id').andOnVal('p.status', '=', 'pending')
    ).leftJoin('destination_codes as d', 'd.id', 'p.destination_code_id')
  } else {
    const sources = pick.code
      ? map.sourcesOf(pick.code)
      : pick.group
        ? map.sourcesOfGroup(pick.group)
        : null
    q.join('employment_plans as p', 'p.graduate_id', 'g.id')
      .join('destination_codes as d', 'd.id', 'p.destination_code_id')
      .where('p.status', 'approved')
    if (sources) q.whereIn('d.code', sources.length ? sources : ['\u0000'])
  }
  const countRow = await q.clone().countDistinct('g.id as total').first()
  const total = Number(countRow?.total ?? 0)
  const rows = await q
    .select(
      'g.id',
      'g.student_number',
      'g.name',
      'g.college',
      'g.major',
      'p.status',
      'd.code',
      'p.employer_name',
      'p.employer_city',
      'p.study_school'
    )
    .orderBy('g.college')
    .orderBy('g.student_number')
    .limit(perPage)
    .offset((page - 1) * perPage)
  return {
    total,
    page,
    perPage,
    pages: Math.max(1, Math.ceil(total / perPage)),
    rows: rows.map((r: any) => {
      const vCode = r.code ? map.toVersion(String(r.code)) : null
      return {
        id: Number(r.id),
        studentNumber: r.student_number as string,
        name: r.name as string,
        college: (r.college as string | null) ?? '',
        major: (r.major as string | null) ?? '',
        status: r.status as string | null,
        code: vCode ?? (r.code ? String(r.code) : ''),
        codeName: r.code ? map.nameOf(vCode) : '',
        unit: (r.employer_name || r.study_school || '') as string,
        city: (r.employer_city as string | null) ?? '',
      }
    }),
  }
}

/** Province: one line per school (cohort, approved registrations, 落实率) under version V. */
export async function perSchoolStats(version: CodeVersion, year: number | null) {
  const map = await codeMapping(version)
  const placedKeys = new Set(FORMULA_GROUPS[version].filter((g) => g.placed).map((g) => g.key))
  const placedSources = [...placedKeys].flatMap((k) => map.sourcesOfGroup(k))
  const totals = await db
    .from('schools as s')
    .leftJoin('graduates as g', (j) => {
      j.on('g.school_id', '=', 's.id')
      if (year) j.andOnVal('g.graduation_year', '=', year)
    })
    .groupBy('s.id', 's.name')
    .select('s.id', 's.name')
    .count('g.id as total')
    .orderBy('s.name')
  const counted = await db
    .from('graduates as g')
    .join('employment_plans as p', 'p.graduate_id', 'g.id')
    .join('destination_codes as d', 'd.id', 'p.destination_code_id')
    .where('p.status', 'approved')
    .if(year, (q) => q.where('g.graduation_year', year!))
    .groupBy('g.school_id')
    .select('g.school_id')
    .countDistinct('g.id as reported')
    .select(
      db.raw(
        `SUM(CASE WHEN d.code IN (${placedSources.map(() => '?').join(',') || "''"}) THEN 1 ELSE 0 END) as placed`,
        placedSources
      )
    )
  const bySchool = new Map(counted.map((r: any) => [Number(r.school_id), r]))
  return totals.map((r: any) => {
    const c: any = bySchool.get(Number(r.id))
    const total = Number(r.total)
    const placed = Number(c?.placed ?? 0)
    return {
      id: Number(r.id),
      name: r.name as string,
      total,
      reported: Number(c?.reported ?? 0),
      placed,
      rate: pct(placed, total),
    }
  })
}

// ---- export --------------------------------------------------------------------------------------

type Stats = Awaited<ReturnType<typeof rateStats>>

/** The same figures as the page, as rows of cells (one block per table). */
export function exportBlocks(stats: Stats, title: string) {
  const x = (key: string, data?: Record<string, unknown>) =>
    text(`procedures.stats.export.${key}`, data)
  const rateOf = (label: string) => text('procedures.stats.group_rate', { label })
  const groupHeads = stats.groups.map((g) => x('group_rate_head', { label: g.label }))
  const unitRow = (u: UnitRates, lead: string[]) => [
    ...lead,
    u.total,
    ...stats.groups.map((g) => u.groups[g.key].rate),
    u.rate,
  ]
  return [
    {
      name: x('sheet_summary'),
      rows: [
        [title],
        [
          x('version_line', {
            version: stats.version,
            formula: stats.groups
              .filter((g) => g.placed)
              .map((g) => rateOf(g.label))
              .join(text('procedures.stats.formula_join')),
          }),
        ],
        [x('indicator'), x('count'), x('ratio')],
        [x('total'), stats.total, ''],
        ...stats.groupRates.map((g) => [rateOf(g.label), g.count, g.rate]),
        [x('placed_rate'), stats.placed, stats.rate],
      ] as unknown[][],
    },
    {
      name: x('sheet_codes'),
      rows: [
        [x('code'), x('code_name'), x('count'), x('share'), x('basis')],
        ...stats.codeRows.map((r) => [r.code, r.name, r.count, r.share, r.groupLabel]),
      ] as unknown[][],
    },
    {
      name: x('sheet_colleges'),
      rows: [
        [x('college'), x('graduates'), ...groupHeads, x('rate_head')],
        ...stats.byCollege.map((u) => unitRow(u, [u.college])),
      ] as unknown[][],
    },
    {
      name: x('sheet_majors'),
      rows: [
        [x('college'), x('major'), x('graduates'), ...groupHeads, x('rate_head')],
        ...stats.byMajor.map((u) => unitRow(u, [u.college, u.major ?? ''])),
      ] as unknown[][],
    },
  ]
}

const esc = (v: unknown) => {
  const s = String(v ?? '')
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s
}

export function toCsv(stats: Stats, title: string) {
  const lines = exportBlocks(stats, title).flatMap((b, i) => [...(i ? [[]] : []), ...b.rows])
  return '\uFEFF' + lines.map((l) => l.map(esc).join(',')).join('\r\n') + '\r\n'
}

export async function toXlsx(stats: Stats, title: string) {
  const ExcelJS = (await import('exceljs')).default
  const book = new ExcelJS.Workbook()
  for (const block of exportBlocks(stats, title)) {
    const sheet = book.addWorksheet(block.name)
    for (const row of block.rows) sheet.addRow(row)
    sheet.getColumn(1).width = 20
    sheet.getColumn(2).width = 24
  }
  return Buffer.from(await book.xlsx.writeBuffer())
}
