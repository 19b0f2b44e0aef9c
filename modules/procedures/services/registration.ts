import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Graduate from '#core/registry/models/graduate'
import { nowDb } from '#core/database/time'
import { ProcedureError, REVIEW_LABELS } from '#modules/procedures/services/state_machines'

/**
 * 毕业去向登记 (2023+ mode): option lists, the change deadline and the change history.
 * The 2021 (报到证) lists live here too, so each list exists once.
 */

/** 报到证签发类别 (2021 mode only): the one list for signing, reporting and their checks. */
export const CERTIFICATE_CATEGORIES = ['签往单位', '签往单位所在地人才中心', '签回生源地', '不签发']

/** 工作职位类别 (the categories of the employment-information codes). */
export const POSITION_CATEGORIES = [
  '公务员',
  '科学研究人员',
  '工程技术人员',
  '农林牧渔业技术人员',
  '卫生专业技术人员',
  '经济业务人员',
  '金融业务人员',
  '法律专业人员',
  '教学人员',
  '文学艺术工作人员',
  '体育工作人员',
  '新闻出版和文化工作人员',
  '其他专业技术人员',
  '办事人员和有关人员',
  '商业和服务业人员',
  '生产和运输设备操作人员',
  '军人',
  '其他人员',
]

/** 户口迁移 */
export const HUKOU_MIGRATIONS = [
  '迁往就业单位',
  '迁往单位所在地人才服务机构',
  '迁回生源地',
  '不迁移',
]
export const HUKOU_NOT_MOVED = '不迁移'

/**
 * The plan fields whose changes are kept in `destination_registration_changes`. An allow-list:
 * contact phones and 身份证号 are never written there.
 */
export const REGISTRATION_HISTORY_FIELDS: Record<string, string> = {
  destinationCode: '毕业去向',
  employerName: '就业单位',
  employerUscc: '统一社会信用代码',
  employerCity: '单位所在地',
  employerNature: '单位性质',
  employerIndustry: '单位行业',
  positionCategory: '工作职位类别',
  jobTitle: '工作职位',
  archiveUnit: '档案接收单位',
  archiveAddress: '档案接收地址',
  archiveTransferNo: '档案转递编号',
  verificationNo: '核验编号',
  hukouMigration: '户口迁移',
  hukouAddress: '户口迁移地址',
  studySchool: '升学院校',
  studyMajor: '录取专业',
  studyCountry: '国家（地区）',
  status: '状态',
}

/** A history value as shown: the `status` rows hold machine states (pending), shown by their labels (待审核). */
export function historyValue(field: string, value: string | null) {
  if (value === null || value === undefined) return '（空）'
  return field === 'status' ? (REVIEW_LABELS[value] ?? value) : value
}

/** The year whose 31 August ends changes: the graduate's 毕业年份 (else the year of creation). */
export function amendmentDeadline(
  graduate: Pick<Graduate, 'graduationYear'>,
  fallbackYear: number
) {
  const year = graduate.graduationYear || fallbackYear
  return DateTime.fromObject({ year, month: 8, day: 31 }, { zone: 'Asia/Shanghai' }).endOf('day')
}

/** Refuses a change of a confirmed registration after 31 August of the graduation year. */
export function assertAmendable(
  graduate: Pick<Graduate, 'graduationYear'>,
  fallbackYear: number,
  now = DateTime.now()
) {
  const deadline = amendmentDeadline(graduate, fallbackYear)
  if (now > deadline)
    throw new ProcedureError(
      `毕业去向登记确认后只能在毕业当年 8 月 31 日前修改（截止 ${deadline.toFormat('yyyy年M月d日')}），现已截止；如需更正请联系学院老师`
    )
}

type Snapshot = Record<string, string | null>

/** Writes one history row per field that differs between two snapshots (allow-listed fields). */
export async function recordRegistrationChanges(
  trx: TransactionClientContract,
  plan: { id: number; graduateId: number; schoolId: number },
  actorId: number | null,
  action: string,
  before: Snapshot,
  after: Snapshot
) {
  const rows = Object.keys(REGISTRATION_HISTORY_FIELDS)
    .filter((field) => (before[field] ?? null) !== (after[field] ?? null))
    .map((field) => ({
      plan_id: plan.id,
      graduate_id: plan.graduateId,
      school_id: plan.schoolId,
      actor_id: actorId,
      action,
      field,
      old_value: before[field]?.slice(0, 255) ?? null,
      new_value: after[field]?.slice(0, 255) ?? null,
      created_at: nowDb(),
    }))
  if (rows.length) await trx.table('destination_registration_changes').multiInsert(rows)
  return rows.length
}
