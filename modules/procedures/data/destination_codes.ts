import type { FormKind, InfoType } from '#modules/procedures/models/destination_code'
import type { CodeVersion, FormulaGroup } from '#modules/procedures/services/destination_codes'

/**
 * 毕业去向分类与代码 as data (the Ministry's national standard, with its official Chinese names):
 * the formula groups of each version (2021 / 教就业厅函〔2024〕11号), the codes, and the old codes and
 * names that old records may carry. A code table, not UI text: it stays here rather than in the
 * lang file (see services/destination_codes.ts for how it is written and read).
 */

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

export interface CodeSpec {
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
