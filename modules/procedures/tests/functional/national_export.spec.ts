import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import { as } from '#tests/helpers/requests'
import { nowDb } from '#core/database/time'
import { seal } from '#core/privacy/sealed'
import {
  world,
  worldFor,
  NJSF,
  collegeTeacher,
  type ProceduresWorld,
} from '#modules/procedures/tests/helpers'
import { planOf } from '#modules/procedures/database/factories/procedures'
import { NATIONAL_COLUMNS } from '#modules/procedures/services/national_service'
import { binary } from '#modules/procedures/tests/binary'

const ID_ZHANG = '320102200001011234'

/** A 去向登记 of a graduate as the national file needs it: confirmed and approved, 2023+ mode. */
function plan(graduate: { id: number; schoolId: number }, code: string, values = {}) {
  return planOf(graduate, code, {
    procedures_mode: '2023',
    employer_name: '南京某某科技有限公司',
    employer_uscc: '91320100MA1999990Q',
    employer_city: '江苏省南京市',
    employer_nature: '民营企业',
    employer_industry: '信息传输、软件和信息技术服务业',
    position_category: '工程技术人员',
    archive_unit: '南京市人才服务中心',
    hukou_migration: '迁往就业单位',
    registration_confirmed_at: nowDb(),
    ...values,
  })
}

/** 张三 confirmed + approved (exported); 李四 pending; 赵六 approved without 登记确认 (2021 mode). */
async function registrations(w: ProceduresWorld) {
  await db
    .from('graduates')
    .where('id', w.zhangsan.id)
    .update({ id_number: seal(ID_ZHANG) })
  const zhao = await Graduate.query()
    .where('school_id', w.njsf.id)
    .where('student_number', '2026000003')
    .firstOrFail()
  const zhangPlan = await plan(w.zhangsan, '11')
  await plan(w.lisi, '10', { status: 'pending' })
  await plan(zhao, '10', { registration_confirmed_at: null })
  await plan(w.wangwu, '10')
  return { zhangPlan, zhao }
}

const exportAudits = () =>
  db.from('audit_logs').where('action', 'procedures.national.export').select('*')

test.group('全国毕业去向登记: export and returned-file import', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('导出: national columns, only confirmed registrations, full 身份证号, audited with the row count', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    await registrations(w)
    const csv = await staff.visit('/school/procedures/national/export/csv')
    csv.assertStatus(200)
    csv.assertHeader('cache-control', 'no-store')
    const lines = csv
      .text()
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n')
    assert.equal(lines[0], NATIONAL_COLUMNS.map((c) => c.header).join(','))
    for (const name of [
      '学号',
      '考生号',
      '姓名',
      '身份证号',
      '毕业去向代码',
      '毕业去向',
      '单位名称',
      '统一社会信用代码',
      '单位所在地',
      '单位性质代码',
      '单位行业代码',
      '工作职位类别代码',
      '档案转递单位名称',
      '户口迁移',
    ])
      assert.include(lines[0].split(','), name)
    // Only 张三: 李四 is pending, 赵六 never confirmed, 王五 is another school's.
    assert.lengthOf(lines, 2)
    const row = Object.fromEntries(lines[0].split(',').map((h, i) => [h, lines[1].split(',')[i]]))
    assert.equal(row['学号'], '2026000001')
    assert.equal(row['身份证号'], ID_ZHANG)
    assert.equal(row['毕业去向代码'], '11')
    assert.equal(row['毕业去向'], '签劳动合同形式就业')
    assert.equal(row['统一社会信用代码'], '91320100MA1999990Q')
    assert.equal(row['单位行业代码'], 'I')
    const audits = await exportAudits()
    assert.lengthOf(audits, 1)
    const changes = JSON.parse(audits[0].changes)
    assert.deepEqual(changes.rowCount, [null, 1])
    assert.equal(audits[0].actor_id, w.njsfStaff.id)
    // The log never holds the number itself.
    assert.notInclude(JSON.stringify(audits[0]), ID_ZHANG)

    const xlsx = await binary(staff.visit('/school/procedures/national/export/xlsx'))
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.body() as any)
    const sheet = book.worksheets[0]
    assert.equal(sheet.rowCount, 2)
    assert.equal(sheet.getRow(2).getCell(4).text, ID_ZHANG)
    assert.lengthOf(await exportAudits(), 2)
  })

  test('学院老师不能导出完整身份证号: refused with a reason, nothing exported, nothing logged', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await registrations(w)
    const teacher = as(client, await collegeTeacher(w.njsf, '计算机学院', 'njsf-cs'), {
      site: 'njsf',
    })
    const csv = await teacher.visit('/school/procedures/national/export/csv')
    csv.assertStatus(403)
    assert.notInclude(csv.text(), ID_ZHANG)
    csv.assertTextIncludes('学院老师不能办理')
    const page = await teacher.visit('/school/procedures/national')
    page.assertStatus(403)
    assert.lengthOf(await exportAudits(), 0)
  })

  test('回传导入: all or nothing with per-row errors, only the school’s own students, audited', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const { zhangPlan, zhao } = await registrations(w)
    const upload = (body: string, name = 'return.csv') =>
      client
        .post('/school/procedures/national/import')
        .header('host', NJSF)
        .loginAs(w.njsfStaff)
        .withCsrfToken()
        .file('file', Buffer.from('\uFEFF' + body), { filename: name })
        .redirects(0)
    const lastImport = async () => db.from('national_sync_imports').orderBy('id', 'desc').first()

    // A file with one good row and four bad ones.
    const bad = await upload(
      [
        '学号,姓名,档案转递编号,核验编号',
        '2026000001,张三,ZD2026-0001,HY0001',
        '2026000002,李四,ZD2026-0002,', // pending: not confirmed + approved
        `${zhao.studentNumber},赵六,ZD2026-0003,`, // never confirmed
        '2026100001,王五,ZD2026-0004,', // 王五 is 苏州示范学院's (another school)
        '2026000001,张三,ZD2026-0005,', // duplicate
      ].join('\r\n')
    )
    bad.assertStatus(302)
    const preview = await lastImport()
    assert.equal(preview.error_rows, 4)
    const page = await staff.visit(`/school/procedures/national?id=${preview.id}`)
    page.assertTextIncludes('第 3 行')
    page.assertTextIncludes('该学生没有已确认并审核通过的毕业去向登记')
    page.assertTextIncludes('本校没有该学号的学生')
    page.assertTextIncludes('学号与第 2 行重复')
    page.assertTextIncludes('未导入任何数据')
    const refused = await staff.postForm('/school/procedures/national/import/confirm', {
      id: preview.id,
    })
    refused.assertStatus(302)
    // Nothing written: not even the good row.
    const untouched = await db.from('employment_plans').where('id', zhangPlan).first()
    assert.isNull(untouched.archive_transfer_no)
    assert.isNull(untouched.verification_no)

    // The corrected file goes in whole.
    await upload(['学号,档案转递编号,核验编号', '2026000001,ZD2026-0001,HY0001'].join('\r\n'))
    const good = await lastImport()
    assert.equal(good.error_rows, 0)
    await staff.postForm('/school/procedures/national/import/confirm', { id: good.id })
    const recorded = await db.from('employment_plans').where('id', zhangPlan).first()
    assert.equal(recorded.archive_transfer_no, 'ZD2026-0001')
    assert.equal(recorded.verification_no, 'HY0001')
    const history = await db
      .from('destination_registration_changes')
      .where('plan_id', zhangPlan)
      .where('action', 'import')
      .orderBy('field')
    assert.deepEqual(
      history.map((h: any) => [h.field, h.new_value]),
      [
        ['archiveTransferNo', 'ZD2026-0001'],
        ['verificationNo', 'HY0001'],
      ]
    )
    const audit = await db.from('audit_logs').where('action', 'procedures.national.import')
    assert.lengthOf(audit, 1)
    assert.deepEqual(JSON.parse(audit[0].changes).rowCount, [null, 1])
    // Confirming twice changes nothing more.
    await staff.postForm('/school/procedures/national/import/confirm', { id: good.id })
    assert.lengthOf(await db.from('audit_logs').where('action', 'procedures.national.import'), 1)
  })
})
