import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Graduate from '#core/registry/models/graduate'
import { worldFor, liSiAccount, messageTo } from '#modules/procedures/tests/helpers'
import { as } from '#tests/helpers/requests'
import type { ApiClient } from '@japa/api-client'
import SourceRecord from '#modules/procedures/models/source_record'
import ChangeRequest from '#modules/procedures/models/change_request'
import { saveSchoolSettings } from '#modules/procedures/services/settings'

/** The world and 李四 (a draft source record) with his account: his requests on his subsite. */
async function withLiSi(client: ApiClient) {
  const { w, staff } = await worldFor(client)
  const li = await liSiAccount(w)
  return { w, staff, li, asLi: as(client, li, { site: 'njsf' }) }
}

test.group('生源信息核对 (rule 10)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the record shows the ID number masked and locked fields say 请联系学院老师修改', async ({
    client,
    assert,
  }) => {
    const { asLi } = await withLiSi(client)
    const page = await asLi.visit('/student/procedures/source')
    page.assertStatus(200)
    page.assertTextIncludes('3201**********2346')
    assert.notInclude(page.text(), '320102200305052346')
    page.assertTextIncludes('此项不能由您修改，请联系学院老师修改')
    page.assertTextIncludes('未提交')
  })

  test('the home page widget shows 生源核对, 就业推荐表, 就业信息, 签约中 and 解约中 states', async ({
    client,
  }) => {
    const { zhang } = await worldFor(client)
    const home = await zhang.visit('/student')
    home.assertStatus(200)
    home.assertTextIncludes('id="widget-procedures"')
    for (const label of ['生源核对', '就业推荐表', '就业信息', '签约中', '解约中'])
      home.assertTextIncludes(label)
    home.assertTextIncludes('已通过') // 张三's source info
    home.assertTextIncludes('未申请')
    home.assertTextIncludes('未上报')
  })

  test('the student menu 就业手续 lists the five procedures', async ({ client }) => {
    const { zhang } = await worldFor(client)
    const page = await zhang.visit('/student/procedures/source')
    for (const label of ['生源信息核对', '就业推荐表申请', '网上签约', '就业信息上报', '解约办理'])
      page.assertTextIncludes(label)
  })

  test('before approval editable fields change directly; locked fields are never taken from the form', async ({
    client,
    assert,
  }) => {
    const { w, asLi } = await withLiSi(client)
    const response = await asLi.postForm('/student/procedures/source', {
      intent: 'save',
      ethnicity: '回族',
      politicalStatus: '共青团员',
      originPlace: '江苏省扬州市',
      phone: '13900000002',
      name: '李五',
      college: '计算机学院',
    })
    response.assertFlashMessage('success', '已保存')
    const graduate = await Graduate.findOrFail(w.lisi.id)
    const record = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    assert.equal(record.ethnicity, '回族')
    assert.equal(graduate.phone, '13900000002')
    assert.equal(graduate.name, '李四')
    assert.equal(graduate.college, '经济管理学院')
    const audit = await db
      .from('audit_logs')
      .where('action', 'procedures.source.save')
      .where('subject_id', String(w.lisi.id))
      .first()
    assert.include(audit.changes, '回族')
  })

  test('a field the school makes editable can be changed; a bad value is refused beside the field', async ({
    client,
    assert,
  }) => {
    const { w, asLi } = await withLiSi(client)
    await saveSchoolSettings(w.njsf.id, { editable_major: true })
    const bad = await asLi.postForm('/student/procedures/source', {
      intent: 'save',
      phone: '12345',
    })
    bad.assertFlashMessage('errorsBag', { phone: '请输入正确的 11 位手机号码' })
    await asLi.postForm('/student/procedures/source', { intent: 'save', major: '财务管理' })
    assert.equal((await Graduate.findOrFail(w.lisi.id)).major, '财务管理')
  })

  test('submit → teacher returns with a comment → student fixes and resubmits → teacher approves', async ({
    client,
    assert,
  }) => {
    const { w, staff, li, asLi } = await withLiSi(client)
    const form = {
      intent: 'submit',
      ethnicity: '汉族',
      politicalStatus: '群众',
      originPlace: '江苏省扬州市',
      phone: '13900000002',
    }
    const submitted = await asLi.postForm('/student/procedures/source', form)
    submitted.assertFlashMessage('success', '已提交，请等待学院老师审核')
    const record = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    assert.equal(record.status, 'pending')

    const edit = await asLi.postForm('/student/procedures/source', { ...form, intent: 'save' })
    edit.assertFlashMessage('error', '生源信息已提交审核或已审核通过，不能直接修改')

    const noComment = await staff.postForm(`/school/procedures/reviews/source/${record.id}`, {
      decision: 'return',
    })
    noComment.assertFlashMessage('error', '退回时请填写退回原因')
    await staff.postForm(`/school/procedures/reviews/source/${record.id}`, {
      decision: 'return',
      comment: '生源地请写到区县',
    })
    await record.refresh()
    assert.equal(record.status, 'returned')
    const page = await asLi.visit('/student/procedures/source')
    page.assertTextIncludes('审核退回：生源地请写到区县')

    await asLi.postForm('/student/procedures/source', {
      ...form,
      originPlace: '江苏省扬州市邗江区',
    })
    await staff.postForm(`/school/procedures/reviews/source/${record.id}`, { decision: 'approve' })
    await record.refresh()
    assert.equal(record.status, 'approved')
    assert.equal(record.originPlace, '江苏省扬州市邗江区')
    assert.exists(await messageTo(li, '您的生源信息已审核通过'))
  })

  test('after approval 信息有误，申请修改 records old → new; approval updates the official record and keeps history', async ({
    client,
    assert,
  }) => {
    const { w, zhang, staff } = await worldFor(client)
    const page = await zhang.visit('/student/procedures/source')
    page.assertTextIncludes('信息有误，申请修改')
    const response = await zhang.postForm('/student/procedures/source/change', {
      new_major: '计算机科学与技术',
      new_ethnicity: '汉族',
      new_idNumber: '',
      reason: '转专业后未更新',
    })
    response.assertFlashMessage('success', '变更申请已提交，请等待老师审核')
    const request = await ChangeRequest.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    assert.deepEqual(request.changes, { major: ['软件工程', '计算机科学与技术'] })
    assert.equal(
      (await Graduate.findOrFail(w.zhangsan.id)).major,
      '软件工程',
      'not applied before approval'
    )

    const second = await zhang.postForm('/student/procedures/source/change', {
      new_major: '网络工程',
      reason: '再改',
    })
    second.assertFlashMessage('error', '您已有一条待审核的变更申请，请等待老师审核后再提交')

    const detail = await staff.visit(`/school/procedures/reviews/changes/${request.id}`)
    detail.assertTextIncludes('软件工程')
    detail.assertTextIncludes('计算机科学与技术')
    await staff.postForm(`/school/procedures/reviews/changes/${request.id}`, {
      decision: 'approve',
    })
    await request.refresh()
    assert.equal(request.status, 'approved')
    assert.equal((await Graduate.findOrFail(w.zhangsan.id)).major, '计算机科学与技术')
    const history = await db
      .from('audit_logs')
      .where('action', 'procedures.source.change_apply')
      .where('subject_id', String(w.zhangsan.id))
      .first()
    assert.include(history.changes, '软件工程')
    assert.equal(history.actor_id, w.njsfStaff.id)
  })

  test('a change request returned with a comment leaves the official record unchanged', async ({
    client,
    assert,
  }) => {
    const { w, zhang, staff } = await worldFor(client)
    await zhang.postForm('/student/procedures/source/change', { new_name: '张叁', reason: '改名' })
    const request = await ChangeRequest.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    await staff.postForm(`/school/procedures/reviews/changes/${request.id}`, {
      decision: 'return',
      comment: '请提供户籍证明',
    })
    await request.refresh()
    assert.equal(request.status, 'returned')
    assert.equal(request.reviewComment, '请提供户籍证明')
    assert.equal((await Graduate.findOrFail(w.zhangsan.id)).name, '张三')
    const page = await zhang.visit('/student/procedures/source')
    page.assertTextIncludes('老师意见：请提供户籍证明')
  })

  test('a change request with an invalid ID number is refused; without changes it is refused', async ({
    client,
  }) => {
    const { zhang } = await worldFor(client)
    const bad = await zhang.postForm('/student/procedures/source/change', {
      new_idNumber: '320102200301011235',
      reason: 'x',
    })
    bad.assertFlashMessage('errorsBag', { idNumber: '身份证号码不正确（18 位，末位校验码）' })
    const none = await zhang.postForm('/student/procedures/source/change', {
      new_major: '软件工程',
      reason: 'x',
    })
    none.assertFlashMessage('error', '您没有修改任何信息，请填写需要更正的内容')
  })

  test('a change request before approval is refused', async ({ client }) => {
    const { asLi } = await withLiSi(client)
    const response = await asLi.postForm('/student/procedures/source/change', {
      new_major: '会计',
      reason: 'x',
    })
    response.assertFlashMessage('error', '生源信息审核通过后才能申请修改；审核前请直接修改可编辑项')
  })

  test('staff of another school refused (404) on source review detail and decision', async ({
    client,
    assert,
  }) => {
    const { w, szsfStaff } = await worldFor(client)
    const record = await SourceRecord.findByOrFail('graduate_id', w.lisi.id)
    await db.from('source_records').where('id', record.id).update({ status: 'pending' })
    const detail = await szsfStaff.visit(`/school/procedures/reviews/source/${record.id}`)
    detail.assertStatus(404)
    const decide = await szsfStaff.postForm(`/school/procedures/reviews/source/${record.id}`, {
      decision: 'approve',
    })
    decide.assertStatus(404)
    await record.refresh()
    assert.equal(record.status, 'pending')
  })
})
