import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#core/accounts/models/user'
import { world, NJSF } from '#modules/procedures/tests/helpers'
import SourceRecord from '#modules/procedures/models/source_record'
import { nowDb } from '#core/database/time'
import { destinationByCode } from '#modules/procedures/services/destination_codes'

async function pendingSources(w: Awaited<ReturnType<typeof world>>) {
  // 李四 (经济管理学院) and 赵六 (计算机学院) submitted their source info.
  const zhao = await db.from('graduates').where('student_number', '2026000003').first()
  await db.from('source_records').where('graduate_id', w.lisi.id).update({ status: 'pending' })
  await db.table('source_records').insert({
    graduate_id: zhao.id,
    school_id: w.njsf.id,
    status: 'pending',
    created_at: nowDb(),
    updated_at: nowDb(),
  })
  return { zhao }
}

async function approvedPlan(graduateId: number, schoolId: number, code: string) {
  const destination = await destinationByCode(code)
  await db.table('employment_plans').insert({
    graduate_id: graduateId,
    school_id: schoolId,
    signing_type: 'offline',
    destination_code_id: destination!.id,
    info_type: destination!.infoType,
    employer_name: '某单位',
    status: 'approved',
    active_key: graduateId,
    created_at: nowDb(),
    updated_at: nowDb(),
  })
}

test.group('School side: review queues, scope, statistics', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test("the review queue lists the school's pending items with filters; staff of another school see none of them", async ({
    client,
    assert,
  }) => {
    const w = await world()
    await pendingSources(w)
    const list = await client
      .get('/school/procedures/reviews?type=source')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    list.assertStatus(200)
    list.assertTextIncludes('李四')
    list.assertTextIncludes('赵六')
    const filtered = await client
      .get('/school/procedures/reviews?type=source&college=' + encodeURIComponent('计算机学院'))
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    assert.notInclude(filtered.text(), '李四')
    filtered.assertTextIncludes('赵六')
    const byName = await client
      .get('/school/procedures/reviews?type=source&q=' + encodeURIComponent('李四'))
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    assert.notInclude(byName.text(), '赵六')
    const other = await client
      .get('/school/procedures/reviews?type=source')
      .header('host', 'szsf.localhost')
      .loginAs(w.szsfStaff)
    other.assertStatus(200)
    assert.notInclude(other.text(), '李四')
    other.assertTextIncludes('没有符合条件的记录')
  })

  test("college-scoped staff see only their college and get 404 on another college's record", async ({
    client,
    assert,
  }) => {
    const w = await world()
    await pendingSources(w)
    const teacher = await User.create({
      kind: 'staff',
      loginKey: User.loginKeyFor('staff', 'njsf-cs'),
      username: 'njsf-cs',
      password: 'School@2026',
      name: '计算机学院老师',
      schoolId: w.njsf.id,
      college: '计算机学院',
      isActive: true,
    } as any)
    const list = await client
      .get('/school/procedures/reviews?type=source')
      .header('host', NJSF)
      .loginAs(teacher)
    list.assertTextIncludes('赵六')
    assert.notInclude(list.text(), '李四')
    const li = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    const detail = await client
      .get(`/school/procedures/reviews/source/${li.id}`)
      .header('host', NJSF)
      .loginAs(teacher)
    detail.assertStatus(404)
  })

  test('bulk approve approves the selected pending items and skips records of another school', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const { zhao } = await pendingSources(w)
    const wang = await SourceRecord.findByOrFail('graduate_id', w.wangwu.id)
    await db.from('source_records').where('id', wang.id).update({ status: 'pending' })
    const li = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    const zhaoRecord = await SourceRecord.findByOrFail('graduate_id', zhao.id)
    const response = await client
      .post('/school/procedures/reviews/bulk')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ type: 'source', ids: [li.id, zhaoRecord.id, wang.id] })
      .redirects(0)
    response.assertStatus(302)
    assert.equal((await li.refresh()).status, 'approved')
    assert.equal((await zhaoRecord.refresh()).status, 'approved')
    assert.equal((await wang.refresh()).status, 'pending')
    const flash = response.flashMessages() as any
    assert.include(flash.info ?? flash.success, '已批量通过 2 条')
  })

  test('the detail shows the history of the record (who, when, old → new)', async ({ client }) => {
    const w = await world()
    await pendingSources(w)
    const li = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    await client
      .post(`/school/procedures/reviews/source/${li.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'return', comment: '民族填写有误' })
    const detail = await client
      .get(`/school/procedures/reviews/source/${li.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    detail.assertTextIncludes('生源信息审核退回')
    detail.assertTextIncludes('南京示范大学就业指导中心')
    detail.assertTextIncludes('状态：待审核 → 审核退回')
    detail.assertTextIncludes('民族填写有误')
  })

  test('school statistics by destination category, exportable as CSV and XLSX; scoped to the school', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await approvedPlan(w.zhangsan.id, w.njsf.id, '10')
    await approvedPlan(w.lisi.id, w.njsf.id, '80')
    await approvedPlan(w.wangwu.id, w.szsf.id, '10')
    const page = await client
      .get('/school/procedures/stats')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    page.assertStatus(200)
    assert.match(page.text(), /签就业协议形式就业<\/td><td class="text-right">1<\/td>/)
    assert.match(page.text(), /升学<\/td><td class="text-right">1<\/td>/)
    assert.match(page.text(), /id="stat-total">5</)
    page.assertTextIncludes('bar-fill')
    const csv = await client
      .get('/school/procedures/stats/export/csv')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.include(csv.text(), '10,签就业协议形式就业,1,20')
    const xlsx = await client
      .get('/school/procedures/stats/export/xlsx')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    xlsx.assertStatus(200)
    assert.equal(
      xlsx.header('content-type'),
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
    )
  })

  test('province statistics across schools; a school teacher cannot open them', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await approvedPlan(w.zhangsan.id, w.njsf.id, '10')
    await approvedPlan(w.wangwu.id, w.szsf.id, '10')
    const page = await client.get('/province/procedures/stats').loginAs(w.admin)
    page.assertStatus(200)
    assert.match(page.text(), /签就业协议形式就业<\/td><td class="text-right">2<\/td>/)
    page.assertTextIncludes('苏州示范学院')
    page.assertTextIncludes('南京示范大学')
    const one = await client
      .get(`/province/procedures/stats?school_id=${w.szsf.id}`)
      .loginAs(w.admin)
    assert.match(one.text(), /签就业协议形式就业<\/td><td class="text-right">1<\/td>/)
    const staff = await client.get('/province/procedures/stats').loginAs(w.njsfStaff)
    staff.assertStatus(403)
  })

  test('the school sets which fields students may edit and whether termination materials are required', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await client
      .post('/school/procedures/settings')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ editable_major: '1', editable_phone: '1' })
    const { settingsFor } = await import('#modules/procedures/services/settings')
    const settings = await settingsFor(w.njsf.id)
    assert.isTrue(settings.editable_major)
    assert.isFalse(settings.editable_ethnicity)
    assert.isFalse(settings.termination_materials_required)
    const other = await settingsFor(w.szsf.id)
    assert.isTrue(other.termination_materials_required)
  })

  test('admin framework: province sees the destination code table; schools see only their own employment plans', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await approvedPlan(w.zhangsan.id, w.njsf.id, '10')
    await approvedPlan(w.wangwu.id, w.szsf.id, '80')
    const codes = await client.get('/province/destination-codes').loginAs(w.admin)
    codes.assertStatus(200)
    codes.assertTextIncludes('签就业协议形式就业')
    const njsf = await client
      .get('/school/employment-plans')
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    njsf.assertStatus(200)
    njsf.assertTextIncludes('张三')
    assert.notInclude(njsf.text(), '王五')
    const szsf = await client
      .get('/school/employment-plans')
      .header('host', 'szsf.localhost')
      .loginAs(w.szsfStaff)
    szsf.assertTextIncludes('王五')
    assert.notInclude(szsf.text(), '张三')
  })
})
