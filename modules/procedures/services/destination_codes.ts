import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { text } from '#core/i18n/text'
import DestinationCode, { type InfoType } from '#modules/procedures/models/destination_code'
import {
  CODE_ALIASES,
  CODE_SPECS,
  FORMULA_GROUPS,
  type CodeSpec,
} from '#modules/procedures/data/destination_codes'

export { CODE_ALIASES, CODE_SPECS, FORMULA_GROUPS }

/**
 * 毕业去向分类与代码, versioned (see the README section "毕业去向登记 data model").
 *
 * One row per (version, code). The two versions carry the same codes; they differ in the
 * formula group each code counts in (2021: 协议和合同就业 / 创业 / 灵活就业 / 升学 / 暂不就业 / 未就业;
 * since 教就业厅函〔2024〕11号: 单位就业 / 自主创业 / 自由职业 / 升学 / 未就业) and in some names.
 * The rows marked `verified` are the ones checked against public sources (issue 13's table);
 * anything else is in the data with `verified = false` and is never offered to students.
 * The table itself (groups, codes, aliases, with the standard's names) is data, in
 * `data/destination_codes.ts`; `ensureDestinationCodes` writes it idempotently.
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

/** A 就业信息类型 with its label and help (lang keys resolved when read). */
const infoType = (value: InfoType) => ({
  value,
  get label() {
    return text(`procedures.destination_codes.info_types.${value}.label`)
  },
  get help() {
    return text(`procedures.destination_codes.info_types.${value}.help`)
  },
})

export const INFO_TYPES: { value: InfoType; readonly label: string; readonly help: string }[] = [
  infoType('employment'),
  infoType('study'),
  infoType('unemployed'),
]
