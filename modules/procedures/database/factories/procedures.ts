import factory from '@adonisjs/lucid/factories'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import SourceRecord from '#modules/procedures/models/source_record'
import type Graduate from '#core/registry/models/graduate'
import { nowDb } from '#core/database/time'
import { destinationByCode, type CodeVersion } from '#modules/procedures/services/destination_codes'

/**
 * Lucid factories of the procedures module's records. A test states the step a graduate has reached
 * (`SourceRecordFactory.apply('approved')`), the rest of its procedures start empty.
 */

/** A 生源信息 record (the fields a student fills); `draft` until a state says otherwise. */
export const SourceRecordFactory = factory
  .define(SourceRecord, () => ({
    ethnicity: '汉族',
    politicalStatus: '共青团员',
    schoolingLength: '4',
    trainingMode: '非定向',
    graduationDate: '2026-06-30',
    hukouType: '城镇',
    familyDifficulty: '非困难生',
    originPlace: '江苏省南京市',
    status: 'draft' as SourceRecord['status'],
  }))
  .state('pending', (record) => {
    record.status = 'pending'
    record.submittedAt = DateTime.now().minus({ days: 1 })
  })
  .state('approved', (record) => {
    record.status = 'approved'
    record.submittedAt = DateTime.now().minus({ days: 3 })
    record.reviewedAt = DateTime.now().minus({ days: 2 })
  })
  .build()

/** The source record of a graduate (its school's), in the given state. */
export function sourceRecordOf(
  graduate: Graduate,
  state: 'draft' | 'pending' | 'approved' = 'draft',
  values: Partial<SourceRecord> = {}
) {
  const builder = state === 'draft' ? SourceRecordFactory : SourceRecordFactory.apply(state)
  return builder.merge({ graduateId: graduate.id, schoolId: graduate.schoolId, ...values }).create()
}

/**
 * An employment plan (就业方案 / 去向登记) of a graduate on a destination code, as the school's
 * approval leaves it: offline, 审核通过, the graduate's active plan. `values` are columns
 * (`{ status: 'pending' }`, `{ registration_confirmed_at: null }`); `version` picks the code table.
 * Answers the plan's id.
 */
export async function planOf(
  graduate: { id: number; schoolId: number },
  code: string,
  values: Record<string, unknown> = {},
  version: CodeVersion = '2024'
) {
  const destination = await destinationByCode(code, version)
  if (!destination) throw new Error(`no destination code ${code} (${version})`)
  const [row] = await db
    .table('employment_plans')
    .insert({
      graduate_id: graduate.id,
      school_id: graduate.schoolId,
      signing_type: 'offline',
      destination_code_id: destination.id,
      code_version: version,
      info_type: destination.infoType,
      employer_name: '某单位',
      status: 'approved',
      active_key: graduate.id,
      created_at: nowDb(),
      updated_at: nowDb(),
      ...values,
    })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}
