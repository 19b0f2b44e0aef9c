import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world, NJSF, invite, acceptForm, mode2021 } from '#modules/procedures/tests/helpers'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import Termination from '#modules/procedures/models/termination'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { saveSchoolSettings } from '#modules/procedures/services/settings'

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

async function signed(client: any, w: Awaited<ReturnType<typeof world>>) {
  const invitation = await invite(w.employerUser, w.njsf.id)
  await client
    .post(`/student/procedures/signing/${invitation.id}/accept`)
    .header('host', NJSF)
    .loginAs(w.studentZhang)
    .withCsrfToken()
    .form(acceptForm)
  return invitation
}

function fileTermination(
  client: any,
  w: Awaited<ReturnType<typeof world>>,
  file: { content: Buffer; name: string } | null = { content: PDF, name: '解约函.pdf' }
) {
  const request = client
    .post('/student/procedures/termination')
    .header('host', NJSF)
    .loginAs(w.studentZhang)
    .withCsrfToken()
    .field('reason', '个人原因')
    .field('description', '考取研究生，申请解约')
  if (file) request.file('materials', file.content, { filename: file.name })
  return request.redirects(0)
}

test.group('解约办理 (rule 14)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the page shows the employer and signing type of the current plan', async ({ client }) => {
    const w = await world()
    await signed(client, w)
    const page = await client
      .get('/student/procedures/termination')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    page.assertTextIncludes('示范科技有限公司')
    page.assertTextIncludes('网上签约')
    page.assertTextIncludes('我要解约')
  })

  test('without a plan there is nothing to terminate', async ({ client }) => {
    const w = await world()
    const response = await fileTermination(client, w)
    response.assertFlashMessage('error', '您当前没有可解约的就业方案')
  })

  test('materials are required when the school says so, and checked by content', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await signed(client, w)
    const none = await fileTermination(client, w, null)
    none.assertFlashMessage('errorsBag', { materials: '学校要求上传解约材料（PDF、JPG 或 PNG）' })
    const fake = await fileTermination(client, w, {
      content: Buffer.from('MZ this is an exe'),
      name: '解约函.pdf',
    })
    fake.assertFlashMessage('errorsBag', {
      materials: '解约材料“解约函.pdf”只能是 PDF、JPG、PNG 文件（按文件内容识别）',
    })
    assert.equal(Number((await db.from('terminations').count('* as c').first()).c), 0)
    await saveSchoolSettings(w.njsf.id, { termination_materials_required: false })
    const ok = await fileTermination(client, w, null)
    ok.assertFlashMessage('success', '解约申请已提交')
  })

  test('online signing: the employer agrees → plan cancelled and the student may sign again', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const invitation = await signed(client, w)
    const filed = await fileTermination(client, w)
    filed.assertFlashMessage('success', '解约申请已提交')
    const termination = await Termination.query().firstOrFail()
    assert.equal(termination.status, 'pending_employer')
    assert.lengthOf(termination.materialFileIds, 1)
    const again = await fileTermination(client, w)
    again.assertFlashMessage('error', '该就业方案已有正在办理的解约申请，请等待处理结果')

    const answer = await client
      .post(`/employer/procedures/terminations/${termination.id}/answer`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ decision: 'agree' })
      .redirects(0)
    answer.assertFlashMessage('success', '已同意解约，解约已完成')
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    assert.isNull(
      await EmploymentPlan.query()
        .where('graduate_id', w.zhangsan.id)
        .whereNot('status', 'cancelled')
        .first()
    )
    assert.equal((await SigningInvitation.findOrFail(invitation.id)).status, 'terminated')

    const next = await invite(w.employerUser, w.njsf.id, { job_title: '测试工程师' })
    const accept = await client
      .post(`/student/procedures/signing/${next.id}/accept`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form(acceptForm)
      .redirects(0)
    accept.assertFlashMessage('success', '签约成功！系统已生成就业方案，请到“就业信息上报”确认提交')
  })

  test('accept with an online-signed plan refused until termination completes', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await signed(client, w)
    const blocked = await invite(w.employerUser, w.njsf.id, { job_title: '运维工程师' })
    const refused = await client
      .post(`/student/procedures/signing/${blocked.id}/accept`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form(acceptForm)
      .redirects(0)
    refused.assertFlashMessage(
      'error',
      '您已存在网上签约的就业方案，不能再次签约。如需改签，请先办理解约，解约完成后才能再签约'
    )
    await fileTermination(client, w)
    const stillRefused = await client
      .post(`/student/procedures/signing/${blocked.id}/accept`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form(acceptForm)
      .redirects(0)
    stillRefused.assertFlashMessage(
      'error',
      '您已存在网上签约的就业方案，不能再次签约。如需改签，请先办理解约，解约完成后才能再签约'
    )
    const termination = await Termination.query().firstOrFail()
    await client
      .post(`/employer/procedures/terminations/${termination.id}/answer`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ decision: 'agree' })
    const accepted = await client
      .post(`/student/procedures/signing/${blocked.id}/accept`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form(acceptForm)
      .redirects(0)
    accepted.assertFlashMessage(
      'success',
      '签约成功！系统已生成就业方案，请到“就业信息上报”确认提交'
    )
    assert.equal((await blocked.refresh()).status, 'accepted')
  })

  test('the employer disagrees (with a reason): the plan stays', async ({ client, assert }) => {
    const w = await world()
    await signed(client, w)
    await fileTermination(client, w)
    const termination = await Termination.query().firstOrFail()
    const noReason = await client
      .post(`/employer/procedures/terminations/${termination.id}/answer`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ decision: 'disagree' })
      .redirects(0)
    noReason.assertFlashMessage('errorsBag', { comment: '不同意解约时请填写理由' })
    await client
      .post(`/employer/procedures/terminations/${termination.id}/answer`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ decision: 'disagree', comment: '协议约定服务期未满' })
    await termination.refresh()
    assert.equal(termination.status, 'refused')
    assert.exists(
      await EmploymentPlan.query()
        .where('graduate_id', w.zhangsan.id)
        .whereNot('status', 'cancelled')
        .first()
    )
    const message = await db
      .from('messages')
      .where('user_id', w.studentZhang.id)
      .where('title', '解约申请未通过')
      .first()
    assert.exists(message)
  })

  test('forced termination: without an employer answer a teacher forces it (who and why recorded)', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await signed(client, w)
    await fileTermination(client, w)
    const termination = await Termination.query().firstOrFail()
    const noReason = await client
      .post(`/school/procedures/terminations/${termination.id}/force`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({})
      .redirects(0)
    noReason.assertFlashMessage('errorsBag', { force_reason: '强制解约须填写原因' })
    const forced = await client
      .post(`/school/procedures/terminations/${termination.id}/force`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ force_reason: '单位两周未应答' })
      .redirects(0)
    forced.assertFlashMessage('success', '已强制解约，就业方案已取消')
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    assert.isTrue(termination.forced)
    assert.equal(termination.forcedBy, w.njsfStaff.id)
    assert.equal(termination.forceReason, '单位两周未应答')
    const audit = await db
      .from('audit_logs')
      .where('action', 'procedures.termination.force')
      .first()
    assert.equal(audit.actor_id, w.njsfStaff.id)
    assert.include(audit.changes, '单位两周未应答')
    const late = await client
      .post(`/employer/procedures/terminations/${termination.id}/answer`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ decision: 'disagree', comment: '不同意' })
      .redirects(0)
    late.assertFlashMessage('error', '该解约申请已不在待单位应答状态')
  })

  test('staff of another school cannot force a termination (404)', async ({ client, assert }) => {
    const w = await world()
    await signed(client, w)
    await fileTermination(client, w)
    const termination = await Termination.query().firstOrFail()
    const response = await client
      .post(`/school/procedures/terminations/${termination.id}/force`)
      .header('host', 'szsf.localhost')
      .loginAs(w.szsfStaff)
      .withCsrfToken()
      .form({ force_reason: 'x' })
    response.assertStatus(404)
    assert.equal((await termination.refresh()).status, 'pending_employer')
  })

  test('the employer starts a termination and the student agrees', async ({ client, assert }) => {
    const w = await world()
    await signed(client, w)
    const plan = await EmploymentPlan.query()
      .where('graduate_id', w.zhangsan.id)
      .whereNot('status', 'cancelled')
      .firstOrFail()
    const started = await client
      .post(`/employer/procedures/plans/${plan.id}/terminate`)
      .loginAs(w.employerUser)
      .withCsrfToken()
      .form({ reason: '单位原因', description: '岗位调整' })
      .redirects(0)
    started.assertFlashMessage('success', '解约申请已发送，请等待学生确认')
    const page = await client
      .get('/student/procedures/termination')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    page.assertTextIncludes('单位发起的解约申请')
    const termination = await Termination.query().firstOrFail()
    await client
      .post(`/student/procedures/termination/${termination.id}/answer`)
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ decision: 'agree' })
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    await plan.refresh()
    assert.equal(plan.status, 'cancelled')
  })

  test('non-online signing: the school reviews the termination', async ({ client, assert }) => {
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
    const page = await client
      .get('/student/procedures/termination')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    page.assertTextIncludes('非网签')
    await fileTermination(client, w, null)
    const termination = await Termination.query().firstOrFail()
    assert.equal(termination.status, 'pending_school')
    await client
      .post(`/school/procedures/reviews/terminations/${termination.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'approve' })
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    await plan.refresh()
    assert.equal(plan.status, 'cancelled')
  })
})
