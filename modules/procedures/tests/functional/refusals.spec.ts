import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  world,
  worldFor,
  actors,
  invitationForm,
  invite,
  acceptForm,
  secondEmployer,
  signedPlan,
  approvedReport,
  liSiAccount,
  mode2021,
  countRows,
} from '#modules/procedures/tests/helpers'
import { as } from '#tests/helpers/requests'
import Termination from '#modules/procedures/models/termination'
import { saveSchoolSettings } from '#modules/procedures/services/settings'
import signingService from '#modules/procedures/services/signing_service'
import moduleSwitches from '#core/modules/module_switches'

/** An invitation deadline `plus` from now, as the form's datetime-local field sends it. */
const deadlineIn = (plus: Record<string, number>) =>
  DateTime.now().setZone('Asia/Shanghai').plus(plus).toFormat("yyyy-MM-dd'T'HH:mm")

test.group('就业手续: refusals with their reasons', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('submitting source info with an empty locked field tells the student to contact the college teacher', async ({
    client,
  }) => {
    const w = await world()
    const li = await liSiAccount(w)
    await db.from('graduates').where('id', w.lisi.id).update({ gender: null })
    const response = await as(client, li, { site: 'njsf' }).postForm('/student/procedures/source', {
      intent: 'submit',
      ethnicity: '汉族',
      politicalStatus: '群众',
      originPlace: '江苏省扬州市',
      phone: '13900000002',
    })
    response.assertFlashMessage('error', '性别为空且不能由您修改，请联系学院老师修改')
  })

  test('a change request needs a reason', async ({ client }) => {
    const w = await world()
    const response = await actors(client, w).zhang.postForm('/student/procedures/source/change', {
      new_major: '网络工程',
    })
    response.assertFlashMessage('errorsBag', { reason: '请填写申请修改的原因' })
  })

  test('an invitation deadline must be at least an hour ahead and within 90 days', async ({
    client,
  }) => {
    const { sendInvitation } = await worldFor(client)
    const r1 = await sendInvitation({ deadline: deadlineIn({ minutes: 10 }) })
    r1.assertFlashMessage('errorsBag', { deadline: '应约截止时间至少应在 1 小时之后' })
    const r2 = await sendInvitation({ deadline: deadlineIn({ days: 120 }) })
    r2.assertFlashMessage('errorsBag', { deadline: '应约截止时间不能超过 90 天' })
  })

  test('when the employer receives the archive it must say where it goes', async ({ client }) => {
    const w = await world()
    await mode2021() // asserts the 2021 (报到证) behaviour
    const response = await actors(client, w).sendInvitation({
      receives_archive: '1',
      receives_hukou: '1',
    })
    response.assertFlashMessage('errorsBag', {
      certificate_category: '单位接收档案时请选择报到证签发类别',
      certificate_unit: '单位接收档案时请填写报到证签往单位',
      archive_unit: '单位接收档案时请填写档案转递单位',
      hukou_address: '单位接收户口时请填写户口接收地址',
    })
  })

  test('an unverified employer cannot send invitations', async ({ client, assert }) => {
    const w = await world()
    await db.from('employers').where('id', w.company.id).update({ status: 'pending' })
    await actors(client, w).sendInvitation()
    assert.equal(await countRows('signing_invitations'), 0)
    await assert.rejects(
      () => signingService.send(w.employerUser, invitationForm(w.njsf.id)),
      '贵单位尚未通过审核，暂不能发送签约邀请'
    )
  })

  test('a student whose school has not enabled the module cannot be invited', async ({
    client,
  }) => {
    const { w, zhang, sendInvitation } = await worldFor(client)
    await moduleSwitches.setEnabled(w.njsfSite, 'procedures', false)
    const response = await sendInvitation()
    response.assertFlashMessage('errorsBag', { student_number: '该学生所在学校未开通网上签约功能' })
    const page = await zhang.visit('/student/procedures/signing')
    page.assertTextIncludes('本校未开通此功能')
  })

  test('a student who has not activated the account cannot be invited', async ({ client }) => {
    const w = await world()
    const response = await actors(client, w).sendInvitation({
      student_number: '2026000002',
      name: '李四',
    })
    response.assertFlashMessage('errorsBag', {
      student_number: '该学生尚未激活学生账号，暂不能接收签约邀请',
    })
  })

  test("a student cannot open or answer another student's invitation", async ({ client }) => {
    const { w, wang } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id)
    const page = await wang.visit(`/student/procedures/signing/${invitation.id}`)
    page.assertStatus(404)
    const accept = await wang.postForm(
      `/student/procedures/signing/${invitation.id}/accept`,
      acceptForm
    )
    accept.assertStatus(404)
  })

  test("an employer cannot start a termination of another employer's agreement", async ({
    client,
    assert,
  }) => {
    const w = await world()
    const { plan } = await signedPlan(client, w)
    const other = await secondEmployer()
    const response = await as(client, other.user).postForm(
      `/employer/procedures/plans/${plan.id}/terminate`,
      { reason: '单位原因', description: 'x' }
    )
    response.assertStatus(404)
    assert.lengthOf(await Termination.all(), 0)
  })

  test("the student disagrees with an employer's termination: the agreement stays", async ({
    client,
    assert,
  }) => {
    const { w, zhang, terminateAsEmployer } = await worldFor(client)
    const { plan } = await signedPlan(client, w)
    await terminateAsEmployer(plan, { reason: '单位原因', description: '岗位调整' })
    const termination = await Termination.query().firstOrFail()
    await zhang.postForm(`/student/procedures/termination/${termination.id}/answer`, {
      decision: 'disagree',
      comment: '希望继续履约',
    })
    assert.equal((await termination.refresh()).status, 'refused')
    assert.equal((await plan.refresh()).status, 'draft')
  })

  test('the school returns a non-online termination with a reason: the plan stays', async ({
    client,
    assert,
  }) => {
    const { w, zhang, staff } = await worldFor(client)
    await mode2021() // asserts the 2021 (报到证) behaviour
    await saveSchoolSettings(w.njsf.id, { termination_materials_required: false })
    const plan = await approvedReport(client, w)
    await zhang.postForm('/student/procedures/termination', {
      reason: '个人原因',
      description: '想换工作',
    })
    const termination = await Termination.query().firstOrFail()
    const review = (form: Record<string, unknown>) =>
      staff.postForm(`/school/procedures/reviews/terminations/${termination.id}`, form)
    const noReason = await review({ decision: 'return' })
    noReason.assertFlashMessage('errorsBag', { comment: '退回时请填写退回原因' })
    await review({ decision: 'return', comment: '请提供单位解约函' })
    assert.equal((await termination.refresh()).status, 'refused')
    assert.equal((await plan.refresh()).status, 'approved')
  })
})
