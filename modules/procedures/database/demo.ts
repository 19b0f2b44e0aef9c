import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import School from '#core/tenancy/models/school'
import { nowDb, toDb } from '#core/database/time'
import { ensureDestinationCodes } from '#modules/procedures/services/destination_codes'
import { recordRegistrationChanges } from '#modules/procedures/services/registration'

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

/**
 * Demo history (seeder only; tests call it when they need it): the province runs in 2023+
 * (去向登记) mode by default, and one 2022 届 graduate of 南京示范大学 keeps the report made in
 * 2021 (报到证) mode on the 2021 code table, as a historic record that keeps its version.
 */
export async function seedProceduresHistory() {
  await ensureDestinationCodes()
  const njsf = await School.findBy('code', 'njsf')
  if (!njsf) return
  const graduate = await Graduate.firstOrCreate(
    { schoolId: njsf.id, studentNumber: '2022000001' },
    {
      name: '周九',
      gender: '女',
      college: '计算机学院',
      major: '软件工程',
      degreeLevel: '本科',
      graduationYear: 2022,
      signable: false,
    }
  )
  const exists = await db.from('employment_plans').where('graduate_id', graduate.id).first()
  if (exists) return
  const code = await db
    .from('destination_codes')
    .where('version', '2021')
    .where('code', '10')
    .firstOrFail()
  const at = (iso: string) => toDb(DateTime.fromISO(iso, { zone: 'Asia/Shanghai' }))
  await db.transaction(async (trx) => {
    const [row] = await trx
      .knexQuery()
      .table('employment_plans')
      .insert({
        graduate_id: graduate.id,
        school_id: njsf.id,
        college: graduate.college,
        signing_type: 'offline',
        destination_code_id: code.id,
        info_type: code.info_type,
        code_version: '2021',
        procedures_mode: '2021',
        employer_name: '示范科技有限公司',
        employer_uscc: '91320100MA1888880G',
        employer_nature: '民营企业',
        employer_industry: '信息传输、软件和信息技术服务业',
        employer_city: '南京市',
        job_title: '测试工程师',
        certificate_category: '签往单位',
        certificate_unit: '示范科技有限公司',
        archive_unit: '南京市人才服务中心',
        hukou_address: '南京市鼓楼区示范路 1 号',
        status: 'approved',
        submitted_at: at('2022-05-20T10:00'),
        reviewed_at: at('2022-05-23T09:30'),
        active_key: graduate.id,
        created_at: at('2022-05-18T15:00'),
        updated_at: at('2022-05-23T09:30'),
      })
      .returning('id')
    const planId = Number(typeof row === 'object' ? row.id : row)
    await recordRegistrationChanges(
      trx,
      { id: planId, graduateId: graduate.id, schoolId: njsf.id },
      null,
      'confirm',
      {},
      { destinationCode: '10', employerName: '示范科技有限公司', status: 'pending' }
    )
  })
}
