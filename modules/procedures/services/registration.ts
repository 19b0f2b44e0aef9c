import { DateTime } from 'luxon'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type Graduate from '#core/registry/models/graduate'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'
import { refused } from '#modules/procedures/services/errors'
import { textTable } from '#modules/procedures/services/texts'

/**
 * 毕业去向登记 (2023+ mode): option lists, the change deadline and the change history.
 * The 2021 (报到证) lists live here too, so each list exists once.
 */

/** The option lists (stored values, data/options.ts), exported here as before. */
export {
  CERTIFICATE_CATEGORIES,
  POSITION_CATEGORIES,
  HUKOU_MIGRATIONS,
  HUKOU_NOT_MOVED,
} from '#modules/procedures/data/options'

/**
 * The plan fields whose changes are kept in `destination_registration_changes`. An allow-list:
 * contact phones and 身份证号 are never written there. Labels from the lang file, read when used.
 */
export const REGISTRATION_HISTORY_FIELDS: Record<string, string> = textTable({
  destinationCode: 'procedures.registration.history.destination_code',
  employerName: 'procedures.registration.history.employer_name',
  employerUscc: 'procedures.registration.history.employer_uscc',
  employerCity: 'procedures.registration.history.employer_city',
  employerNature: 'procedures.registration.history.employer_nature',
  employerIndustry: 'procedures.registration.history.employer_industry',
  positionCategory: 'procedures.registration.history.position_category',
  jobTitle: 'procedures.registration.history.job_title',
  archiveUnit: 'procedures.registration.history.archive_unit',
  archiveAddress: 'procedures.registration.history.archive_address',
  archiveTransferNo: 'procedures.registration.history.archive_transfer_no',
  verificationNo: 'procedures.registration.history.verification_no',
  hukouMigration: 'procedures.registration.history.hukou_migration',
  hukouAddress: 'procedures.registration.history.hukou_address',
  studySchool: 'procedures.registration.history.study_school',
  studyMajor: 'procedures.registration.history.study_major',
  studyCountry: 'procedures.registration.history.study_country',
  status: 'procedures.registration.history.status',
})

/** A history value as shown: the `status` rows hold machine states (pending), shown by their labels (待审核). */
export function historyValue(field: string, value: string | null) {
  if (value === null || value === undefined) return text('procedures.registration.empty_value')
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
    throw refused('procedures.refusals.registration_amend_closed', {
      data: {
        year: String(deadline.year),
        month: String(deadline.month),
        day: String(deadline.day),
      },
    })
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
