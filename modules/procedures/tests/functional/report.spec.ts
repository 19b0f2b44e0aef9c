import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { worldFor, signedPlan, mode2021, currentPlan } from '#modules/procedures/tests/helpers'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import DestinationCode from '#modules/procedures/models/destination_code'
import { ensureDestinationCodes } from '#modules/procedures/services/destination_codes'

test.group('就业信息上报 (rule 13)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the destination categories are a versioned code table with the current Ministry categories', async ({
    assert,
  }) => {
    await ensureDestinationCodes()
    const codes = await DestinationCode.query().where('version', '2024').orderBy('sort')
    const names = codes.map((c) => c.name)
    for (const name of [
      '签就业协议形式就业',
      '签劳动合同形式就业',
      '其他录用形式就业',
      '科研助理、管理助理',
      '应征义务兵',
      '国家基层项目',
      '地方基层项目',
      '自主创业',
      '自由职业',
      '境内升学',
      '境外留学',
      '待就业',
      '不就业拟升学',
      '其他暂不就业',
    ]) {
      assert.include(names, name)
    }
    assert.isTrue(codes.every((c) => c.validFrom.toISODate() === '2024-01-01'))
  })

  test('信息类型 → 下一步 → 毕业去向分类 → 下一步 → the form of that category', async ({
    client,
  }) => {
    const { zhang } = await worldFor(client)
    await mode2021()
    const step1 = await zhang.visit('/student/procedures/report')
    step1.assertTextIncludes('下一步')
    step1.assertTextIncludes('升学/出国（境）')
    const step2 = await zhang.visit('/student/procedures/report?type=study')
    step2.assertTextIncludes('801 研究生')
    step2.assertTextIncludes('85 境外留学')
    const form = await zhang.visit('/student/procedures/report?type=study&code=801')
    form.assertTextIncludes('升学院校')
    const employment = await zhang.visit('/student/procedures/report?type=employment&code=11')
    employment.assertTextIncludes('用人单位名称')
    employment.assertTextIncludes('档案转递单位')
  })

  test('submit → school returns with comment → student edits (审核退回 is editable) → school approves → no longer editable', async ({
    client,
    assert,
  }) => {
    const { w, zhang, report, reviewReport } = await worldFor(client)
    await mode2021()
    const missing = await report({ code: '801', intent: 'submit' })
    missing.assertFlashMessage('errorsBag', { studySchool: '请填写升学院校' })
    await report({ code: '801', studySchool: '南京大学', intent: 'submit' })
    const plan = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    assert.equal(plan.status, 'pending')
    assert.equal(plan.signingType, 'offline')
    // 待审核 is still editable
    await report({ code: '801', studySchool: '南京大学', studyMajor: '软件工程', intent: 'submit' })
    await plan.refresh()
    assert.equal(plan.studyMajor, '软件工程')

    await reviewReport(plan, { decision: 'return', comment: '请上传录取通知书' })
    await plan.refresh()
    assert.equal(plan.status, 'returned')
    const page = await zhang.visit('/student/procedures/report')
    page.assertTextIncludes('学校退回：请上传录取通知书')
    await report({
      code: '801',
      studySchool: '南京大学',
      studyMajor: '软件工程',
      remark: '已上传',
      intent: 'submit',
    })
    await reviewReport(plan, { decision: 'approve' })
    await plan.refresh()
    assert.equal(plan.status, 'approved')

    const locked = await report({ code: '801', studySchool: '东南大学', intent: 'submit' })
    locked.assertFlashMessage(
      'error',
      '您已有审核通过的就业方案，不能再修改；如需变更请先办理解约或联系学院老师'
    )
    await plan.refresh()
    assert.equal(plan.studySchool, '南京大学')
    const audit = await db
      .from('audit_logs')
      .where('subject_type', 'employment_plan')
      .where('subject_id', String(plan.id))
      .where('action', 'procedures.plan.approve')
      .first()
    assert.equal(audit.actor_id, w.njsfStaff.id)
  })

  test('an online-signed plan is pre-filled and only its editable fields can change', async ({
    client,
    assert,
  }) => {
    const { w, zhang, report } = await worldFor(client)
    await mode2021()
    await signedPlan(client, w)
    const page = await zhang.visit('/student/procedures/report')
    page.assertTextIncludes('id="online-plan-notice"')
    page.assertTextIncludes('10 签就业协议形式就业')
    page.assertTextIncludes('data-locked="employerName"')
    page.assertTextIncludes('示范科技有限公司')
    page.assertTextIncludes('南京市人才服务中心') // student-filled archive unit stays editable
    await report({
      code: '80',
      employerName: '别的公司',
      jobTitle: '产品经理',
      employerCity: '南京市',
      employerAddress: '南京市鼓楼区示范路 2 号',
      archiveUnit: '南京市鼓楼区人才中心',
      intent: 'submit',
    })
    const plan = await currentPlan(w).preload('destination').firstOrFail()
    assert.equal(plan.status, 'pending')
    assert.equal(plan.destination.code, '10')
    assert.equal(plan.employerName, '示范科技有限公司')
    assert.equal(plan.jobTitle, '软件开发工程师')
    assert.equal(plan.employerAddress, '南京市鼓楼区示范路 2 号')
    assert.equal(plan.archiveUnit, '南京市鼓楼区人才中心')
  })
})

test.group('就业信息上报: the unified social credit code', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('an invalid 统一社会信用代码 is refused beside the field and nothing is stored', async ({
    client,
    assert,
  }) => {
    const { w, report } = await worldFor(client)
    await mode2021()
    const form = {
      code: '11',
      employerName: '南京某某科技有限公司',
      employerCity: '南京市',
      intent: 'submit',
    }
    const refused = await report({ ...form, employerUscc: '91320100MA1999990X' })
    refused.assertFlashMessage('errorsBag', {
      employerUscc: '统一社会信用代码不正确（18 位，校验位需正确），请核对后重新输入',
    })
    assert.isNull(await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).first())

    const saved = await report({ ...form, employerUscc: '91320100MA1999990Q' })
    saved.assertFlashMissing('errorsBag')
    const plan = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    assert.equal(plan.employerUscc, '91320100MA1999990Q')
  })
})
