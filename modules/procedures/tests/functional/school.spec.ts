import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import { as } from '#tests/helpers/requests'
import {
  world,
  worldFor,
  collegeTeacher,
  type ProceduresWorld,
} from '#modules/procedures/tests/helpers'
import { planOf, sourceRecordOf } from '#modules/procedures/database/factories/procedures'
import SourceRecord from '#modules/procedures/models/source_record'

/** 李四 (经济管理学院) and 赵六 (计算机学院) submitted their source info. */
async function pendingSources(w: ProceduresWorld) {
  const zhao = await Graduate.query()
    .where('school_id', w.njsf.id)
    .where('student_number', '2026000003')
    .firstOrFail()
  await db.from('source_records').where('graduate_id', w.lisi.id).update({ status: 'pending' })
  await sourceRecordOf(zhao, 'pending')
  return { zhao }
}

test.group('School side: review queues, scope, statistics', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test("the review queue lists the school's pending items with filters; staff of another school see none of them", async ({
    client,
    assert,
  }) => {
    const { w, staff, szsfStaff } = await worldFor(client)
    await pendingSources(w)
    const list = await staff.visit('/school/procedures/reviews?type=source')
    list.assertStatus(200)
    list.assertTextIncludes('李四')
    list.assertTextIncludes('赵六')
    const filtered = await staff.visit(
      '/school/procedures/reviews?type=source&college=' + encodeURIComponent('计算机学院')
    )
    assert.notInclude(filtered.text(), '李四')
    filtered.assertTextIncludes('赵六')
    const byName = await staff.visit(
      '/school/procedures/reviews?type=source&q=' + encodeURIComponent('李四')
    )
    assert.notInclude(byName.text(), '赵六')
    const other = await szsfStaff.visit('/school/procedures/reviews?type=source')
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
    const teacher = as(client, await collegeTeacher(w.njsf, '计算机学院', 'njsf-cs'), {
      site: 'njsf',
    })
    const list = await teacher.visit('/school/procedures/reviews?type=source')
    list.assertTextIncludes('赵六')
    assert.notInclude(list.text(), '李四')
    const li = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    const detail = await teacher.visit(`/school/procedures/reviews/source/${li.id}`)
    detail.assertStatus(404)
  })

  test('bulk approve approves the selected pending items and skips records of another school', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const { zhao } = await pendingSources(w)
    const wang = await SourceRecord.findByOrFail('graduate_id', w.wangwu.id)
    await db.from('source_records').where('id', wang.id).update({ status: 'pending' })
    const li = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    const zhaoRecord = await SourceRecord.findByOrFail('graduate_id', zhao.id)
    const response = await staff.postForm('/school/procedures/reviews/bulk', {
      type: 'source',
      ids: [li.id, zhaoRecord.id, wang.id],
    })
    response.assertStatus(302)
    assert.equal((await li.refresh()).status, 'approved')
    assert.equal((await zhaoRecord.refresh()).status, 'approved')
    assert.equal((await wang.refresh()).status, 'pending')
    const flash = response.flashMessages() as any
    assert.include(flash.info ?? flash.success, '已批量通过 2 条')
  })

  test('the detail shows the history of the record (who, when, old → new)', async ({ client }) => {
    const { w, staff } = await worldFor(client)
    await pendingSources(w)
    const li = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    await staff.postForm(`/school/procedures/reviews/source/${li.id}`, {
      decision: 'return',
      comment: '民族填写有误',
    })
    const detail = await staff.visit(`/school/procedures/reviews/source/${li.id}`)
    detail.assertTextIncludes('生源信息审核退回')
    detail.assertTextIncludes('南京示范大学就业指导中心')
    detail.assertTextIncludes('状态：待审核 → 审核退回')
    detail.assertTextIncludes('民族填写有误')
  })

  test('school statistics by destination category, exportable as CSV and XLSX; scoped to the school', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    await planOf(w.zhangsan, '10')
    await planOf(w.lisi, '80')
    await planOf(w.wangwu, '10')
    const page = await staff.visit('/school/procedures/stats')
    page.assertStatus(200)
    assert.match(page.text(), /签就业协议形式就业<\/td><td class="text-right">1<\/td>/)
    assert.match(page.text(), /升学<\/td><td class="text-right">1<\/td>/)
    assert.match(page.text(), /id="stat-total">5</)
    page.assertTextIncludes('bar-fill')
    const csv = await staff.visit('/school/procedures/stats/export/csv')
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    assert.include(csv.text(), '10,签就业协议形式就业,1,20')
    const xlsx = await staff.visit('/school/procedures/stats/export/xlsx')
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
    const { w, admin } = await worldFor(client)
    await planOf(w.zhangsan, '10')
    await planOf(w.wangwu, '10')
    const page = await admin.visit('/province/procedures/stats')
    page.assertStatus(200)
    assert.match(page.text(), /签就业协议形式就业<\/td><td class="text-right">2<\/td>/)
    page.assertTextIncludes('苏州示范学院')
    page.assertTextIncludes('南京示范大学')
    const one = await admin.visit(`/province/procedures/stats?school_id=${w.szsf.id}`)
    assert.match(one.text(), /签就业协议形式就业<\/td><td class="text-right">1<\/td>/)
    const staff = await client.get('/province/procedures/stats').loginAs(w.njsfStaff)
    staff.assertStatus(403)
  })

  test('the school sets which fields students may edit and whether termination materials are required', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const saved = await staff.postForm('/school/procedures/settings', {
      editable_major: '1',
      editable_phone: '1',
    })
    saved.assertFlashMessage('success', '设置已保存')
    // Back on the settings page, as the browser goes (a request also resyncs this process's
    // cached module switches, which the direct reads below use).
    await staff.visit(saved.header('location')!)
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
    const { w, staff, admin, szsfStaff } = await worldFor(client)
    await planOf(w.zhangsan, '10')
    await planOf(w.wangwu, '80')
    const codes = await admin.visit('/province/destination-codes')
    codes.assertStatus(200)
    codes.assertTextIncludes('签就业协议形式就业')
    const njsf = await staff.visit('/school/employment-plans')
    njsf.assertStatus(200)
    njsf.assertTextIncludes('张三')
    assert.notInclude(njsf.text(), '王五')
    const szsf = await szsfStaff.visit('/school/employment-plans')
    szsf.assertTextIncludes('王五')
    assert.notInclude(szsf.text(), '张三')
  })
})
