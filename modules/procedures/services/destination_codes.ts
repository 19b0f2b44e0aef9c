import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import DestinationCode, {
  type FormKind,
  type InfoType,
} from '#modules/procedures/models/destination_code'

/**
 * 毕业去向分类与代码. The Ministry of Education changed the codes in 2021 and 2024; rows are
 * versioned and the current version is the one valid today. Seeded idempotently (the
 * seeder, and on first use when the table is empty).
 */
export const CURRENT_VERSION = '2024'

type Row = [code: string, name: string, infoType: InfoType, formKind: FormKind, employed: boolean]
const CODES_2024: Row[] = [
  ['10', '签就业协议形式就业', 'employment', 'contract', true],
  ['11', '签劳动合同形式就业', 'employment', 'labour', true],
  ['12', '其他录用形式就业', 'employment', 'employment', true],
  ['13', '科研助理、管理助理', 'employment', 'research', true],
  ['46', '应征义务兵', 'employment', 'military', true],
  ['50', '国家基层项目', 'employment', 'grassroots', true],
  ['51', '地方基层项目', 'employment', 'grassroots', true],
  ['75', '自主创业', 'employment', 'startup', true],
  ['76', '自由职业', 'employment', 'freelance', true],
  ['80', '升学', 'study', 'study', true],
  ['85', '出国、出境', 'study', 'abroad', true],
  ['70', '待就业', 'unemployed', 'none', false],
  ['71', '不就业拟升学', 'unemployed', 'none', false],
  ['72', '其他暂不就业', 'unemployed', 'none', false],
]

export const INFO_TYPES: { value: InfoType; label: string; help: string }[] = [
  {
    value: 'employment',
    label: '就业',
    help: '签约、劳动合同、录用、基层项目、应征入伍、创业或自由职业',
  },
  { value: 'study', label: '升学/出国（境）', help: '境内升学或出国、出境深造' },
  { value: 'unemployed', label: '暂不就业', help: '待就业、不就业拟升学、其他暂不就业' },
]

export async function ensureDestinationCodes() {
  const existing = await db
    .from('destination_codes')
    .where('version', CURRENT_VERSION)
    .count('* as total')
    .first()
  if (Number(existing?.total ?? 0) >= CODES_2024.length) return
  const rows = CODES_2024.map(([code, name, infoType, formKind, employed], i) => ({
    version: CURRENT_VERSION,
    code,
    name,
    info_type: infoType,
    form_kind: formKind,
    counts_as_employed: employed,
    valid_from: '2024-01-01',
    valid_to: null,
    sort: i + 1,
  }))
  await db
    .knexQuery()
    .table('destination_codes')
    .insert(rows)
    .onConflict(['version', 'code'])
    .ignore()
}

/** The codes valid today (the current version), in the Ministry's order. */
export async function currentDestinationCodes() {
  await ensureDestinationCodes()
  const today = DateTime.now().toFormat('yyyy-MM-dd')
  return DestinationCode.query()
    .where('valid_from', '<=', today)
    .where((q) => q.whereNull('valid_to').orWhere('valid_to', '>=', today))
    .orderBy('sort')
}

export async function destinationByCode(code: string) {
  const all = await currentDestinationCodes()
  return all.find((c) => c.code === code) ?? null
}
