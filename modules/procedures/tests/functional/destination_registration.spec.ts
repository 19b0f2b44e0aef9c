import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  worldFor,
  invite,
  acceptForm,
  mode2021,
  provinceSettings,
} from '#modules/procedures/tests/helpers'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import DestinationCode from '#modules/procedures/models/destination_code'
import {
  ensureDestinationCodes,
  migrateLegacyResearchCode,
  selectableCodes,
} from '#modules/procedures/services/destination_codes'

/** A complete 去向登记 for 11 签劳动合同形式就业 (2023+ mode). */
const registration = {
  code: '11',
  employerName: '南京某某科技有限公司',
  employerUscc: '91320100MA1999990Q',
  employerCity: '南京市',
  employerNature: '民营企业',
  employerIndustry: '信息传输、软件和信息技术服务业',
  positionCategory: '工程技术人员',
  jobTitle: '开发工程师',
  employerPhone: '13900001111',
  archiveUnit: '南京市人才服务中心',
  hukouMigration: '迁往就业单位',
  hukouAddress: '南京市鼓楼区示范路 1 号',
  verification_authorized: '1',
  intent: 'submit',
}

test.group('毕业去向登记: the versioned code table', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('代码表: both versions, 3-digit children under their parents, formula groups per version', async ({
    assert,
  }) => {
    await ensureDestinationCodes()
    const row = async (version: string, code: string) =>
      DestinationCode.query().where({ version, code }).firstOrFail()
    const r271 = await row('2024', '271')
    assert.equal(r271.parentCode, '27')
    assert.equal(r271.name, '科研助理、管理助理')
    assert.equal((await row('2021', '271')).name, '科研助理')
    assert.equal((await row('2024', '80')).name, '境内升学')
    assert.equal((await row('2024', '80')).nameSince, 2024)
    assert.equal((await row('2021', '80')).name, '升学')
    assert.equal((await row('2024', '85')).name, '境外留学')
    assert.equal((await row('2021', '85')).name, '出国、出境')
    // The issue's table, literally: 12 is 灵活就业 in 2021 and 单位就业 in 2024; 71 暂不就业 → 未就业.
    const groups: [string, string, string][] = [
      ['10', 'contract', 'unit'],
      ['12', 'flexible', 'unit'],
      ['271', 'contract', 'unit'],
      ['75', 'startup', 'startup'],
      ['76', 'flexible', 'freelance'],
      ['801', 'study', 'study'],
      ['85', 'study', 'study'],
      ['70', 'unemployed', 'unemployed'],
      ['71', 'deferred', 'unemployed'],
      ['72', 'deferred', 'unemployed'],
    ]
    for (const [code, g2021, g2024] of groups) {
      assert.equal((await row('2021', code)).formulaGroup, g2021, `2021 ${code}`)
      assert.equal((await row('2024', code)).formulaGroup, g2024, `2024 ${code}`)
    }
    assert.equal((await row('2024', '12')).evidence, '聘用证明或工资流水')
    assert.equal((await row('2024', '76')).evidence, '本人签署的自由职业声明，经学院和学校审核')
    assert.isNull(await DestinationCode.query().where('code', '13').first())
    // Students pick leaves: 271 and 801, never the parents 27 or 80.
    const offered = (await selectableCodes('2024')).map((c) => c.code)
    assert.includeMembers(offered, ['10', '11', '12', '271', '46', '502', '503', '512', '519'])
    assert.includeMembers(offered, ['75', '76', '801', '802', '85', '70', '71', '72'])
    assert.notIncludeMembers(offered, ['27', '50', '51', '80'])
  })

  test('未核实的代码在数据中标记为未核实，不提供给学生选择', async ({ client, assert }) => {
    const { zhang, admin, report } = await worldFor(client)
    const extra = await DestinationCode.query()
      .where({ version: '2024', code: '501' })
      .firstOrFail()
    assert.isFalse(extra.verified)
    assert.isFalse(extra.selectable)
    const verifiedFromIssue = await DestinationCode.query()
      .where('version', '2024')
      .whereNot('code', '501')
    assert.isTrue(verifiedFromIssue.every((c) => c.verified))
    const step2 = await zhang.visit('/student/procedures/report?type=employment')
    step2.assertTextIncludes('502 三支一扶')
    assert.notInclude(step2.text(), '501 特岗教师')
    const refused = await report({ ...registration, code: '501' })
    refused.assertFlashMessage('errorsBag', { destination: '请选择毕业去向分类' })
    const list = await admin.visit('/province/destination-codes?version=2024&q=501')
    list.assertTextIncludes('待核实')
  })

  test('迁移：旧代码 13（科研助理）改为 271，旧记录保留原代码作为别名', async ({
    client,
    assert,
  }) => {
    const { w, zhang } = await worldFor(client)
    // An old database: a 2024 row with 13, no 271 row yet, and a plan on it.
    await db.from('destination_codes').where({ version: '2024', code: '271' }).delete()
    const [legacyId] = await db
      .table('destination_codes')
      .insert({
        version: '2024',
        code: '13',
        name: '科研助理、管理助理',
        info_type: 'employment',
        form_kind: 'research',
        counts_as_employed: true,
        valid_from: '2024-01-01',
        sort: 4,
      })
      .returning('id')
    const id = Number(typeof legacyId === 'object' ? legacyId.id : legacyId)
    const now = DateTime.now().toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
    await db.table('employment_plans').insert({
      graduate_id: w.zhangsan.id,
      school_id: w.njsf.id,
      signing_type: 'offline',
      destination_code_id: id,
      info_type: 'employment',
      employer_name: '南京大学物理学院',
      status: 'approved',
      code_version: '2024',
      procedures_mode: '2021',
      active_key: w.zhangsan.id,
      created_at: now,
      updated_at: now,
    })
    assert.equal(await migrateLegacyResearchCode(), 1)
    const plan = await EmploymentPlan.query()
      .where('graduate_id', w.zhangsan.id)
      .preload('destination')
      .firstOrFail()
    assert.equal(plan.destination.code, '271')
    assert.equal(plan.destination.parentCode, '27')
    assert.equal(plan.destinationCodeId, id) // the row kept its id: every plan follows
    assert.equal(plan.legacyDestinationCode, '13')
    assert.isNull(await db.from('destination_codes').where('code', '13').first())
    const alias = await db.from('destination_code_aliases').where('alias_code', '13').first()
    assert.equal(alias.code, '271')
    const page = await zhang.visit('/student/procedures/report')
    page.assertTextIncludes('271 科研助理、管理助理（原代码 13）')

    // A database where 271 already exists too: plans move to it, the 13 row goes.
    const [again] = await db
      .table('destination_codes')
      .insert({
        version: '2021',
        code: '13',
        name: '科研助理',
        info_type: 'employment',
        form_kind: 'research',
        counts_as_employed: true,
        valid_from: '2021-01-01',
        sort: 4,
      })
      .returning('id')
    await db
      .from('employment_plans')
      .where('id', plan.id)
      .update({ destination_code_id: Number(typeof again === 'object' ? again.id : again) })
    assert.equal(await migrateLegacyResearchCode(), 1)
    const target = await DestinationCode.query()
      .where({ version: '2021', code: '271' })
      .firstOrFail()
    await plan.refresh()
    assert.equal(plan.destinationCodeId, target.id)
    assert.isNull(await db.from('destination_codes').where('code', '13').first())
  })
})

test.group('毕业去向登记: the province procedures mode', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('省级功能模块设置：就业手续模式默认 2023+（去向登记），省级管理员可改为 2021（报到证）', async ({
    client,
    assert,
  }) => {
    const { hr, admin } = await worldFor(client)
    const page = await admin.visit('/province/modules')
    page.assertTextIncludes('就业手续模式（2021 报到证 / 2023 起毕业去向登记）')
    page.assertTextIncludes('2023+（去向登记）')
    page.assertTextIncludes('毕业去向代码版本')
    const form = await hr.visit('/employer/procedures/signing/new')
    assert.notInclude(form.text(), '报到证')
    form.assertTextIncludes('工作职位类别')
    form.assertTextIncludes('档案接收单位')

    await admin.postForm('/province/modules/procedures', {
      s_procedures_mode: '2021',
      s_destination_code_version: '2024',
      s_termination_materials_required: 'on',
    })
    const old = await hr.visit('/employer/procedures/signing/new')
    old.assertTextIncludes('报到证签发类别')
    old.assertTextIncludes('报到证签往单位')
    assert.notInclude(old.text(), '工作职位类别')
  })

  test('2023+ 模式：学生接受签约不填报到证，填档案接收单位和户口迁移；生成的登记记下模式和代码版本', async ({
    client,
    assert,
  }) => {
    const { w, zhang, hr, accept } = await worldFor(client)
    const missingPosition = await hr.postForm('/employer/procedures/signing', {
      school_id: w.njsf.id,
      student_number: '2026000001',
      name: '张三',
    })
    const errors = (missingPosition.flashMessages().errorsBag ?? {}) as Record<string, string>
    assert.equal(errors.position_category, '请选择工作职位类别')
    assert.notProperty(errors, 'certificate_category')

    const invitation = await invite(w.employerUser, w.njsf.id)
    const page = await zhang.visit(`/student/procedures/signing/${invitation.id}`)
    assert.notInclude(page.text(), '报到证')
    page.assertTextIncludes('name="hukou_migration"')
    page.assertTextIncludes('档案接收单位')

    const refused = await accept(invitation, { confirm: '1' })
    refused.assertFlashMessage('errorsBag', {
      archive_unit: '请填写档案接收单位',
      hukou_migration: '请选择户口迁移方式',
    })
    await accept(invitation, { ...acceptForm, certificate_category: '', certificate_unit: '' })
    const plan = await EmploymentPlan.query()
      .where('graduate_id', w.zhangsan.id)
      .preload('destination')
      .firstOrFail()
    assert.equal(plan.proceduresMode, '2023')
    assert.equal(plan.codeVersion, '2024')
    assert.equal(plan.destination.code, '10')
    assert.equal(plan.hukouMigration, '迁往就业单位')
    assert.equal(plan.positionCategory, '工程技术人员')
    assert.isNull(plan.certificateCategory)
  })

  test('2023+ 模式：上报页是毕业去向登记（工作职位类别、档案转递编号、户口迁移、登记确认），2021 模式仍是报到证', async ({
    client,
    assert,
  }) => {
    const { zhang } = await worldFor(client)
    const form = await zhang.visit('/student/procedures/report?type=employment&code=11')
    for (const text of ['毕业去向登记', '工作职位类别', '档案转递编号', '户口迁移', '登记确认'])
      form.assertTextIncludes(text)
    form.assertTextIncludes('name="verification_authorized"')
    assert.notInclude(form.text(), '报到证')
    assert.notInclude(form.text(), 'name="confirm"')

    await mode2021()
    const old = await zhang.visit('/student/procedures/report?type=employment&code=11')
    old.assertTextIncludes('报到证签发类别')
    assert.notInclude(old.text(), '工作职位类别')
  })

  test('登记确认须勾选授权核验，统一社会信用代码须校验通过', async ({ client, assert }) => {
    const { w, report } = await worldFor(client)
    const refused = await report({
      ...registration,
      verification_authorized: '',
      employerUscc: '91320100MA1999990X',
    })
    refused.assertFlashMessage('errorsBag', {
      employerUscc: '统一社会信用代码不正确（18 位，校验位需正确），请核对后重新输入',
      verification_authorized: '登记确认前请勾选“本人承诺所填信息真实，授权学校及主管部门核验”',
    })
    assert.isNull(await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).first())
    await report(registration)
    const plan = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    assert.equal(plan.status, 'pending')
    assert.isTrue(plan.verificationAuthorized)
    assert.isNotNull(plan.registrationConfirmedAt)
    const confirm = await db
      .from('destination_registration_changes')
      .where({ plan_id: plan.id, action: 'confirm', field: 'destinationCode' })
      .first()
    assert.equal(confirm.new_value, '11')
  })

  test('2021 年的上报在省里改用 2024 版代码和 2023+ 模式后仍保留其版本和报到证信息', async ({
    client,
    assert,
  }) => {
    const { w, staff, report, reviewReport } = await worldFor(client)
    await provinceSettings({ procedures_mode: '2021', destination_code_version: '2021' })
    await report({
      code: '12',
      employerName: '某某工作室',
      employerCity: '南京市',
      certificateCategory: '签回生源地',
      intent: 'submit',
    })
    const plan = await EmploymentPlan.query()
      .where('graduate_id', w.zhangsan.id)
      .preload('destination')
      .firstOrFail()
    await reviewReport(plan, { decision: 'approve' })
    assert.equal(plan.codeVersion, '2021')
    assert.equal(plan.destination.version, '2021')
    assert.equal(plan.destination.formulaGroup, 'flexible') // 12 counts as 灵活就业 in 2021

    await provinceSettings({ procedures_mode: '2023', destination_code_version: '2024' })
    await plan.refresh()
    await plan.load('destination')
    assert.equal(plan.codeVersion, '2021')
    assert.equal(plan.proceduresMode, '2021')
    assert.equal(plan.destination.version, '2021')
    const review = await staff.visit(`/school/procedures/reviews/reports/${plan.id}`)
    review.assertTextIncludes('2021 版 · 2021（报到证）')
    review.assertTextIncludes('签回生源地')
    // A 2021 report approved under 2021 rules stays closed (no 8 月 31 日 amendments).
    const locked = await report({ ...registration, code: '12' })
    locked.assertFlashMessage(
      'error',
      '您已有审核通过的就业方案，不能再修改；如需变更请先办理解约或联系学院老师'
    )
  })

  test('登记确认后到毕业当年 8 月 31 日前可修改并记录变更（不含电话），之后拒绝并说明原因', async ({
    client,
    assert,
  }) => {
    const { w, staff, report, reviewReport } = await worldFor(client)
    const thisYear = DateTime.now().setZone('Asia/Shanghai').year
    await db
      .from('graduates')
      .where('id', w.zhangsan.id)
      .update({ graduation_year: thisYear + 1 })
    await report(registration)
    const plan = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    await reviewReport(plan, { decision: 'approve' })
    await plan.refresh()
    assert.equal(plan.status, 'approved')

    const amended = await report({
      ...registration,
      employerCity: '苏州市',
      archiveTransferNo: 'EMS1234567890',
      employerPhone: '13900002222',
    })
    amended.assertFlashMissing('errorsBag')
    await plan.refresh()
    assert.equal(plan.status, 'pending') // back to the school
    assert.equal(plan.employerCity, '苏州市')
    const changes = await db
      .from('destination_registration_changes')
      .where({ plan_id: plan.id, action: 'amend' })
      .orderBy('field')
    assert.deepEqual(
      changes.map((c) => [c.field, c.old_value, c.new_value, c.actor_id]),
      [
        ['archiveTransferNo', null, 'EMS1234567890', w.studentZhang.id],
        ['employerCity', '南京市', '苏州市', w.studentZhang.id],
        ['status', 'approved', 'pending', w.studentZhang.id],
      ]
    )
    const all = await db.from('destination_registration_changes').where('plan_id', plan.id)
    assert.isFalse(JSON.stringify(all).includes('1390000'), 'no phone number in the history')
    const review = await staff.visit(`/school/procedures/reviews/reports/${plan.id}`)
    review.assertTextIncludes('id="registration-history"')
    review.assertTextIncludes('EMS1234567890')

    await db
      .from('graduates')
      .where('id', w.zhangsan.id)
      .update({ graduation_year: thisYear - 1 })
    const late = await report({ ...registration, employerCity: '无锡市' })
    late.assertFlashMessage(
      'error',
      `毕业去向登记确认后只能在毕业当年 8 月 31 日前修改（截止 ${thisYear - 1}年8月31日），现已截止；如需更正请联系学院老师`
    )
    await plan.refresh()
    assert.equal(plan.employerCity, '苏州市')
  })
})
