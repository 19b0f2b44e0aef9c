import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import DestinationCode, {
  type FormKind,
  type InfoType,
} from '#modules/procedures/models/destination_code'

/**
 * 毕业去向分类与代码, versioned (see the README section "毕业去向登记 data model").
 *
 * One row per (version, code). The two versions carry the same codes; they differ in the
 * formula group each code counts in (2021: 协议和合同就业 / 创业 / 灵活就业 / 升学 / 暂不就业 / 未就业;
 * since 教就业厅函〔2024〕11号: 单位就业 / 自主创业 / 自由职业 / 升学 / 未就业) and in some names.
 * The rows marked `verified` are the ones checked against public sources (issue 13's table);
 * anything else is in the data with `verified = false` and is never offered to students.
 * The data is owned by this file: `ensureDestinationCodes` writes it idempotently.
 */
export const CODE_VERSIONS = ['2021', '2024'] as const
export type CodeVersion = (typeof CODE_VERSIONS)[number]
export const DEFAULT_VERSION: CodeVersion = '2024'
/** @deprecated kept for callers that mean "the default version" */
export const CURRENT_VERSION = DEFAULT_VERSION

export interface FormulaGroup {
  key: string
  label: string
  /** Counts in 落实率 (the numerator is the sum of these groups). */
  placed: boolean
}

/** The formula groups of each version, in display order; 落实率 = sum of the `placed` groups' rates. */
export const FORMULA_GROUPS: Record<CodeVersion, FormulaGroup[]> = {
  '2021': [
    { key: 'contract', label: '协议和合同就业', placed: true },
    { key: 'startup', label: '创业', placed: true },
    { key: 'flexible', label: '灵活就业', placed: true },
    { key: 'study', label: '升学', placed: true },
    { key: 'deferred', label: '暂不就业', placed: false },
    { key: 'unemployed', label: '未就业', placed: false },
  ],
  '2024': [
    { key: 'unit', label: '单位就业', placed: true },
    { key: 'startup', label: '自主创业', placed: true },
    { key: 'freelance', label: '自由职业', placed: true },
    { key: 'study', label: '升学', placed: true },
    { key: 'unemployed', label: '未就业', placed: false },
  ],
}

interface CodeSpec {
  code: string
  parent?: string
  /** Name per version (the older name first when it changed). */
  names: Record<CodeVersion, string>
  groups: Record<CodeVersion, string>
  infoType: InfoType
  formKind: FormKind
  evidence: string | null
  /** The evidence text itself is from the checked sources (only 12 and 76 are). */
  evidenceVerified?: boolean
  verified: boolean
}

const same = (name: string) => ({ '2021': name, '2024': name })
const g = (g2021: string, g2024: string) => ({ '2021': g2021, '2024': g2024 })
const UNIT = g('contract', 'unit')

/** Issue 13's table, literally; the only unverified row is 501 (see `verified`). */
export const CODE_SPECS: CodeSpec[] = [
  {
    code: '10',
    names: same('签就业协议形式就业'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'contract',
    evidence: '就业协议书（网上签约或纸质三方协议）',
    verified: true,
  },
  {
    code: '11',
    names: same('签劳动合同形式就业'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'labour',
    evidence: '劳动合同',
    verified: true,
  },
  {
    code: '12',
    names: same('其他录用形式就业'),
    groups: g('flexible', 'unit'),
    infoType: 'employment',
    formKind: 'employment',
    evidence: '聘用证明或工资流水',
    evidenceVerified: true,
    verified: true,
  },
  {
    code: '27',
    names: { '2021': '科研助理', '2024': '科研助理、管理助理' },
    groups: UNIT,
    infoType: 'employment',
    formKind: 'research',
    evidence: null,
    verified: true,
  },
  {
    code: '271',
    parent: '27',
    names: { '2021': '科研助理', '2024': '科研助理、管理助理' },
    groups: UNIT,
    infoType: 'employment',
    formKind: 'research',
    evidence: '科研助理（管理助理）聘用协议或聘用证明',
    verified: true,
  },
  {
    code: '46',
    names: same('应征义务兵'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'military',
    evidence: '入伍通知书',
    verified: true,
  },
  {
    code: '50',
    names: same('国家基层项目'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: null,
    verified: true,
  },
  {
    // Not in issue 13's table: added as an example of another 50x child, flagged unverified.
    code: '501',
    parent: '50',
    names: same('特岗教师'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: '项目录取通知或服务协议',
    verified: false,
  },
  {
    code: '502',
    parent: '50',
    names: same('三支一扶'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: '项目录取通知或服务协议',
    verified: true,
  },
  {
    code: '503',
    parent: '50',
    names: same('西部计划'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: '项目录取通知或服务协议',
    verified: true,
  },
  {
    code: '51',
    names: same('地方基层项目'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: null,
    verified: true,
  },
  {
    code: '512',
    parent: '51',
    names: same('地方选调生'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: '选调录用通知或公示',
    verified: true,
  },
  {
    code: '519',
    parent: '51',
    names: same('其他地方基层项目'),
    groups: UNIT,
    infoType: 'employment',
    formKind: 'grassroots',
    evidence: '项目录取通知或服务协议',
    verified: true,
  },
  {
    code: '75',
    names: same('自主创业'),
    groups: g('startup', 'startup'),
    infoType: 'employment',
    formKind: 'startup',
    evidence: '营业执照或其他创业证明材料',
    verified: true,
  },
  {
    code: '76',
    names: same('自由职业'),
    groups: g('flexible', 'freelance'),
    infoType: 'employment',
    formKind: 'freelance',
    evidence: '本人签署的自由职业声明，经学院和学校审核',
    evidenceVerified: true,
    verified: true,
  },
  {
    code: '80',
    names: { '2021': '升学', '2024': '境内升学' },
    groups: g('study', 'study'),
    infoType: 'study',
    formKind: 'study',
    evidence: null,
    verified: true,
  },
  {
    code: '801',
    parent: '80',
    names: same('研究生'),
    groups: g('study', 'study'),
    infoType: 'study',
    formKind: 'study',
    evidence: '研究生录取通知书',
    verified: true,
  },
  {
    code: '802',
    parent: '80',
    names: same('第二学士学位'),
    groups: g('study', 'study'),
    infoType: 'study',
    formKind: 'study',
    evidence: '第二学士学位录取通知书',
    verified: true,
  },
  {
    code: '85',
    names: { '2021': '出国、出境', '2024': '境外留学' },
    groups: g('study', 'study'),
    infoType: 'study',
    formKind: 'abroad',
    evidence: '境外院校录取通知书',
    verified: true,
  },
  {
    code: '70',
    names: same('待就业'),
    groups: g('unemployed', 'unemployed'),
    infoType: 'unemployed',
    formKind: 'none',
    evidence: null,
    verified: true,
  },
  {
    code: '71',
    names: same('不就业拟升学'),
    groups: g('deferred', 'unemployed'),
    infoType: 'unemployed',
    formKind: 'none',
    evidence: null,
    verified: true,
  },
  {
    code: '72',
    names: same('其他暂不就业'),
    groups: g('deferred', 'unemployed'),
    infoType: 'unemployed',
    formKind: 'none',
    evidence: null,
    verified: true,
  },
]

/**
 * Old codes and names that old records may carry, resolved to today's code. 13 was this
 * platform's own mistake for 科研助理 (there is no code 13); migrated plans keep it in
 * `employment_plans.legacy_destination_code`.
 */
export const CODE_ALIASES: { code: string; aliasCode: string; aliasName: string; note: string }[] =
  [
    {
      code: '271',
      aliasCode: '13',
      aliasName: '科研助理、管理助理',
      note: '本平台旧代码表误用的代码（无此代码），已迁移为 271',
    },
    { code: '271', aliasCode: '27', aliasName: '科研助理', note: '2021 版名称' },
    { code: '80', aliasCode: '80', aliasName: '升学', note: '2021 版名称' },
    { code: '85', aliasCode: '85', aliasName: '出国、出境', note: '2021 版名称' },
  ]

const hasChildren = new Set(CODE_SPECS.filter((c) => c.parent).map((c) => c.parent!))

/** The year the name of `spec` in `version` is first used by the versions this platform carries. */
function nameSince(spec: CodeSpec, version: CodeVersion) {
  return version === '2024' && spec.names['2024'] !== spec.names['2021'] ? 2024 : 2021
}

export function codeRows(version: CodeVersion) {
  return CODE_SPECS.map((spec, i) => ({
    version,
    code: spec.code,
    parent_code: spec.parent ?? null,
    name: spec.names[version],
    name_since: nameSince(spec, version),
    info_type: spec.infoType,
    form_kind: spec.formKind,
    formula_group: spec.groups[version],
    counts_as_employed: FORMULA_GROUPS[version].find((f) => f.key === spec.groups[version])!.placed,
    evidence: spec.evidence,
    evidence_verified: Boolean(spec.evidenceVerified),
    verified: spec.verified,
    // Students pick leaves only (a 2024 export accepts 271, 502 …, not 27, 50); never an unverified row.
    selectable: spec.verified && !hasChildren.has(spec.code),
    valid_from: `${version}-01-01`,
    valid_to: null,
    sort: i + 1,
  }))
}

const EXPECTED_ROWS = CODE_SPECS.length * CODE_VERSIONS.length

/**
 * Writes the code table (both versions) and the aliases. Cheap when up to date (one count);
 * otherwise an upsert, so an old database gets the new columns filled too.
 */
export async function ensureDestinationCodes(client: QueryClientContract = db.connection()) {
  const check = await client
    .from('destination_codes')
    .whereNotNull('formula_group')
    .whereIn('version', [...CODE_VERSIONS])
    .count('* as total')
    .first()
  if (Number(check?.total ?? 0) >= EXPECTED_ROWS) return
  await migrateLegacyResearchCode(client)
  const mergeColumns = [
    'parent_code',
    'name',
    'name_since',
    'info_type',
    'form_kind',
    'formula_group',
    'counts_as_employed',
    'evidence',
    'evidence_verified',
    'verified',
    'selectable',
    'valid_from',
    'sort',
  ]
  for (const version of CODE_VERSIONS) {
    await client
      .knexQuery()
      .table('destination_codes')
      .insert(codeRows(version))
      .onConflict(['version', 'code'])
      .merge(mergeColumns)
  }
  await client
    .knexQuery()
    .table('destination_code_aliases')
    .insert(
      CODE_ALIASES.map((a) => ({
        code: a.code,
        alias_code: a.aliasCode,
        alias_name: a.aliasName,
        note: a.note,
      }))
    )
    .onConflict(['code', 'alias_code', 'alias_name'])
    .ignore()
}

/**
 * 13 → 271 (issue 13): the old table used 13 for 科研助理、管理助理. The row becomes 271 (keeping
 * its id, so every plan follows) or, when a 271 row already exists, its plans are moved there
 * and the 13 row removed. Migrated plans remember `legacy_destination_code = '13'`. Idempotent.
 */
export async function migrateLegacyResearchCode(client: QueryClientContract = db.connection()) {
  const legacy = await client.from('destination_codes').where('code', '13')
  let moved = 0
  for (const row of legacy) {
    const version = (CODE_VERSIONS as readonly string[]).includes(row.version)
      ? (row.version as CodeVersion)
      : DEFAULT_VERSION
    const target = await client
      .from('destination_codes')
      .where('version', row.version)
      .where('code', '271')
      .first()
    let targetId = Number(row.id)
    if (target) {
      targetId = Number(target.id)
    } else {
      const spec = codeRows(version).find((r) => r.code === '271')!
      await client
        .from('destination_codes')
        .where('id', row.id)
        .update({ ...spec, version: row.version })
    }
    moved += Number(
      await client
        .from('employment_plans')
        .where('destination_code_id', row.id)
        .update({ destination_code_id: targetId, legacy_destination_code: '13' })
    )
    if (target) await client.from('destination_codes').where('id', row.id).delete()
  }
  return moved
}

/** All rows of a version, in the Ministry's order (parents before their children). */
export async function destinationCodes(version: CodeVersion = DEFAULT_VERSION) {
  await ensureDestinationCodes()
  return DestinationCode.query().where('version', version).orderBy('sort')
}

/** The codes a student may choose in a version: verified leaves. */
export async function selectableCodes(version: CodeVersion = DEFAULT_VERSION) {
  return (await destinationCodes(version)).filter((c) => c.selectable)
}

/** The default version's rows (kept for the statistics page until it reads the province's version). */
export async function currentDestinationCodes() {
  return destinationCodes(DEFAULT_VERSION)
}

export async function destinationByCode(code: string, version: CodeVersion = DEFAULT_VERSION) {
  const all = await destinationCodes(version)
  return all.find((c) => c.code === code) ?? null
}

export function isCodeVersion(value: unknown): value is CodeVersion {
  return (CODE_VERSIONS as readonly unknown[]).includes(value)
}

export function formulaGroupLabel(version: string, key: string | null) {
  if (!isCodeVersion(version) || !key) return key ?? ''
  return FORMULA_GROUPS[version].find((f) => f.key === key)?.label ?? key
}

export const INFO_TYPES: { value: InfoType; label: string; help: string }[] = [
  {
    value: 'employment',
    label: '就业',
    help: '签约、劳动合同、录用、科研助理、基层项目、应征入伍、创业或自由职业',
  },
  { value: 'study', label: '升学/出国（境）', help: '境内升学或境外留学' },
  { value: 'unemployed', label: '暂不就业', help: '待就业、不就业拟升学、其他暂不就业' },
]
