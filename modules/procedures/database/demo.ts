import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import School from '#core/tenancy/models/school'
import { nowDb, toDb } from '#core/database/time'
import { ensureDestinationCodes } from '#modules/procedures/services/destination_codes'

/**
 * Demo state of the procedures module (used by the seeder and by tests):
 * the destination code table; 张三's source info approved (and signable, set by the core demo);
 * source records for 李四 and 王五 not yet submitted.
 */
export async function seedProcedures() {
  await ensureDestinationCodes()
  const njsf = await School.findBy('code', 'njsf')
  const szsf = await School.findBy('code', 'szsf')
  if (!njsf || !szsf) return
  const zhang = await Graduate.query()
    .where('school_id', njsf.id)
    .where('student_number', '2026000001')
    .first()
  const li = await Graduate.query()
    .where('school_id', njsf.id)
    .where('student_number', '2026000002')
    .first()
  const wang = await Graduate.query()
    .where('school_id', szsf.id)
    .where('student_number', '2026100001')
    .first()
  const base = {
    ethnicity: '汉族',
    political_status: '共青团员',
    schooling_length: '4',
    training_mode: '非定向',
    graduation_date: '2026-06-30',
    hukou_type: '城镇',
    family_difficulty: '非困难生',
  }
  if (zhang) {
    await upsert(zhang, {
      ...base,
      origin_place: '江苏省南京市',
      hukou_place: '江苏省南京市玄武区',
      home_address: '南京市玄武区示范街 8 号',
      status: 'approved',
      submitted_at: toDb(DateTime.now().minus({ days: 3 })),
      reviewed_at: toDb(DateTime.now().minus({ days: 2 })),
    })
  }
  if (li) await upsert(li, { ...base, origin_place: '江苏省扬州市', status: 'draft' })
  if (wang)
    await upsert(wang, {
      ...base,
      political_status: '群众',
      origin_place: '江苏省苏州市',
      status: 'draft',
    })
}

async function upsert(graduate: Graduate, values: Record<string, unknown>) {
  const existing = await db.from('source_records').where('graduate_id', graduate.id).first()
  if (existing) return
  await db.table('source_records').insert({
    graduate_id: graduate.id,
    school_id: graduate.schoolId,
    ...values,
    created_at: nowDb(),
    updated_at: nowDb(),
  })
}
