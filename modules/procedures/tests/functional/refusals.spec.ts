import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import {
  world,
  NJSF,
  invitationForm,
  invite,
  acceptForm,
  secondEmployer,
  mode2021,
} from '#modules/procedures/tests/helpers'
import Termination from '#modules/procedures/models/termination'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import { saveSchoolSettings } from '#modules/procedures/services/settings'

test.group('就业手续: refusals with their reasons', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('submitting source info with an empty locked field tells the student to contact the college teacher', async ({
    client,
  }) => {
    const w = await world()
    const User = (await import('#core/accounts/models/user')).default
    const li = await User.create({
      kind: 'student',
      loginKey: User.loginKeyFor('student', '2026000002', w.njsf.id),
      username: '2026000002',
      password: 'Student@2026',
      name: '李四',
      schoolId: w.njsf.id,
      graduateId: w.lisi.id,
      isActive: true,
    } as any)
    await db.from('graduates').where('id', w.lisi.id).update({ gender: null })
    const response = await client
      .post('/student/procedures/source')
      .header('host', NJSF)
      .loginAs(li)
      .withCsrfToken()
      .form({
        intent: 'submit',
        ethnicity: '汉族',
        politicalStatus: '群众',
        originPlace: '江苏省扬州市',
        phone: '13900000002',
      })
      .redirects(0)
    response.assertFlashMessage('error', '性别为空且不能由您修改，请联系学院老师修改')
  })

  test('a change request needs a reason', async ({ client }) => {
    const w = await world()
    const response = await client
      .post('/student/procedures/source/change')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ new_major: '网络工程' })
      .redirects(0)
    response.assertFlashMessage('errorsBag', { reason: '请填写申请修改的原因' })
  })

  test('an invitation deadline must be at least an hour ahead and within 90 days', async ({
    client,
  }) => {
    const w = await world()
    const soon = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ minutes: 10 })
      .toFormat("yyyy-MM-dd'T'HH:mm")
    const late = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 120 })
      .toFormat("yyyy-MM-dd'T'HH:mm")
    const r1 = await client
      .post('/employer/procedures/signing')
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form(invitationForm(w.njsf.id, { deadline: soon }))
      .redirects(0)
    r1.assertFlashMessage('errorsBag', { deadline: '应约截止时间至少应在 1 小时之后' })
    const r2 = await client
      .post('/employer/procedures/signing')
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form(invitationForm(w.njsf.id, { deadline: late }))
      .redirects(0)
    r2.assertFlashMessage('errorsBag', { deadline: '应约截止时间不能超过 90 天' })
  })

  test('when the employer receives the archive it must say where it goes', async ({ client }) => {
    const w = await world()
    await mode2021() // asserts the 2021 (报到证) behaviour
    const response = await client
      .post('/employer/procedures/signing')
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form(invitationForm(w.njsf.id, { receives_archive: '1', receives_hukou: '1' }))
      .redirects(0)
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
    await client
      .post('/employer/procedures/signing')
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form(invitationForm(w.njsf.id))
      .redirects(0)
    assert.equal(Number((await db.from('signing_invitations').count('* as c').first()).c), 0)
    const signingService = (await import('#modules/procedures/services/signing_service')).default
    await assert.rejects(
      () => signingService.send(w.employerUser, invitationForm(w.njsf.id)),
      '贵单位尚未通过审核，暂不能发送签约邀请'
    )
  })

  test('a student whose school has not enabled the module cannot be invited', async ({
    client,
  }) => {
    const w = await world()
    const moduleSwitches = (await import('#core/modules/module_switches')).default
    await moduleSwitches.setEnabled(w.njsfSite, 'procedures', false)
    const response = await client
      .post('/employer/procedures/signing')
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form(invitationForm(w.njsf.id))
      .redirects(0)
    response.assertFlashMessage('errorsBag', { student_number: '该学生所在学校未开通网上签约功能' })
    const page = await client
      .get('/student/procedures/signing')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    page.assertTextIncludes('本校未开通此功能')
  })

  test('a student who has not activated the account cannot be invited', async ({ client }) => {
    const w = await world()
    const response = await client
      .post('/employer/procedures/signing')
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form(invitationForm(w.njsf.id, { student_number: '2026000002', name: '李四' }))
      .redirects(0)
    response.assertFlashMessage('errorsBag', {
      student_number: '该学生尚未激活学生账号，暂不能接收签约邀请',
    })
  })

  test("a student cannot open or answer another student's invitation", async ({ client }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    const page = await client
      .get(`/student/procedures/signing/${invitation.id}`)
      .header('host', 'szsf.localhost')
      .loginAs(w.studentWang)
    page.assertStatus(404)
    const accept = await client
      .post(`/student/procedures/signing/${invitation.id}/accept`)
      .header('host', 'szsf.localhost')
      .loginAs(w.studentWang)
      .withCsrfToken()
      .form(acceptForm)
    accept.assertStatus(404)
  })

  test("an employer cannot start a termination of another employer's agreement", async ({
    client,
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    await client
      .post(`/student/procedures/signing/${invitation.id}/accept`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form(acceptForm)
    const plan = await EmploymentPlan.query()
      .where('graduate_id', w.zhangsan.id)
      .whereNot('status', 'cancelled')
      .firstOrFail()
    const other = await secondEmployer()
    const response = await client
      .post(`/employer/procedures/plans/${plan.id}/terminate`)
      .loginAs(other.user)
      .withCsrfToken()
      .form({ reason: '单位原因', description: 'x' })
    response.assertStatus(404)
    assert.lengthOf(await Termination.all(), 0)
  })

  test("the student disagrees with an employer's termination: the agreement stays", async ({
    client,
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    await client
      .post(`/student/procedures/signing/${invitation.id}/accept`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form(acceptForm)
    const plan = await EmploymentPlan.query()
      .where('graduate_id', w.zhangsan.id)
      .whereNot('status', 'cancelled')
      .firstOrFail()
    await client
      .post(`/employer/procedures/plans/${plan.id}/terminate`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ reason: '单位原因', description: '岗位调整' })
    const termination = await Termination.query().firstOrFail()
    await client
      .post(`/student/procedures/termination/${termination.id}/answer`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ decision: 'disagree', comment: '希望继续履约' })
    assert.equal((await termination.refresh()).status, 'refused')
    assert.equal((await plan.refresh()).status, 'draft')
  })

  test('the school returns a non-online termination with a reason: the plan stays', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await mode2021() // asserts the 2021 (报到证) behaviour
    await saveSchoolSettings(w.njsf.id, { termination_materials_required: false })
    await client
      .post('/student/procedures/report')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ code: '11', employerName: '某某公司', employerCity: '南京市', intent: 'submit' })
    const plan = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    await client
      .post(`/school/procedures/reviews/reports/${plan.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'approve' })
    await client
      .post('/student/procedures/termination')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ reason: '个人原因', description: '想换工作' })
    const termination = await Termination.query().firstOrFail()
    const noReason = await client
      .post(`/school/procedures/reviews/terminations/${termination.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'return' })
      .redirects(0)
    noReason.assertFlashMessage('errorsBag', { comment: '退回时请填写退回原因' })
    await client
      .post(`/school/procedures/reviews/terminations/${termination.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'return', comment: '请提供单位解约函' })
    assert.equal((await termination.refresh()).status, 'refused')
    assert.equal((await plan.refresh()).status, 'approved')
  })
})
