import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import {
  world,
  worldFor,
  actors,
  invite,
  signedPlan,
  fileTermination,
  approvedReport,
  mode2021,
  countRows,
  currentPlan,
  type ProceduresWorld,
  messageTo,
} from '#modules/procedures/tests/helpers'
import Termination from '#modules/procedures/models/termination'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { saveSchoolSettings } from '#modules/procedures/services/settings'

const SIGNED = '签约成功！系统已生成就业方案，请到“就业信息上报”确认提交'
const ALREADY_SIGNED =
  '您已存在网上签约的就业方案，不能再次签约。如需改签，请先办理解约，解约完成后才能再签约'

/** 张三 signed online and filed a termination: the termination waiting for the employer. */
async function filedTermination(client: ApiClient, w: ProceduresWorld) {
  await signedPlan(client, w)
  await fileTermination(client, w)
  return Termination.query().firstOrFail()
}

test.group('解约办理 (rule 14)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the page shows the employer and signing type of the current plan', async ({ client }) => {
    const w = await world()
    await signedPlan(client, w)
    const page = await actors(client, w).zhang.visit('/student/procedures/termination')
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
    await signedPlan(client, w)
    const none = await fileTermination(client, w, { file: null })
    none.assertFlashMessage('errorsBag', { materials: '学校要求上传解约材料（PDF、JPG 或 PNG）' })
    const fake = await fileTermination(client, w, {
      file: { content: Buffer.from('MZ this is an exe'), name: '解约函.pdf' },
    })
    fake.assertFlashMessage('errorsBag', {
      materials: '解约材料“解约函.pdf”只能是 PDF、JPG、PNG 文件（按文件内容识别）',
    })
    assert.equal(await countRows('terminations'), 0)
    await saveSchoolSettings(w.njsf.id, { termination_materials_required: false })
    const ok = await fileTermination(client, w, { file: null })
    ok.assertFlashMessage('success', '解约申请已提交')
  })

  test('online signing: the employer agrees → plan cancelled and the student may sign again', async ({
    client,
    assert,
  }) => {
    const { w, accept, answerTermination } = await worldFor(client)
    const { invitation } = await signedPlan(client, w)
    const filed = await fileTermination(client, w)
    filed.assertFlashMessage('success', '解约申请已提交')
    const termination = await Termination.query().firstOrFail()
    assert.equal(termination.status, 'pending_employer')
    assert.lengthOf(termination.materialFileIds, 1)
    const again = await fileTermination(client, w)
    again.assertFlashMessage('error', '该就业方案已有正在办理的解约申请，请等待处理结果')

    const answer = await answerTermination(termination.id, { decision: 'agree' })
    answer.assertFlashMessage('success', '已同意解约，解约已完成')
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    assert.isNull(await currentPlan(w).first())
    assert.equal((await SigningInvitation.findOrFail(invitation.id)).status, 'terminated')

    const next = await invite(w.employerUser, w.njsf.id, { job_title: '测试工程师' })
    const accepted = await accept(next)
    accepted.assertFlashMessage('success', SIGNED)
  })

  test('accept with an online-signed plan refused until termination completes', async ({
    client,
    assert,
  }) => {
    const { w, accept, answerTermination } = await worldFor(client)
    await signedPlan(client, w)
    const blocked = await invite(w.employerUser, w.njsf.id, { job_title: '运维工程师' })
    const refused = await accept(blocked)
    refused.assertFlashMessage('error', ALREADY_SIGNED)
    await fileTermination(client, w)
    const stillRefused = await accept(blocked)
    stillRefused.assertFlashMessage('error', ALREADY_SIGNED)
    const termination = await Termination.query().firstOrFail()
    await answerTermination(termination.id, { decision: 'agree' })
    const accepted = await accept(blocked)
    accepted.assertFlashMessage('success', SIGNED)
    assert.equal((await blocked.refresh()).status, 'accepted')
  })

  test('the employer disagrees (with a reason): the plan stays', async ({ client, assert }) => {
    const { w, answerTermination } = await worldFor(client)
    const termination = await filedTermination(client, w)
    const noReason = await answerTermination(termination.id, { decision: 'disagree' })
    noReason.assertFlashMessage('errorsBag', { comment: '不同意解约时请填写理由' })
    await answerTermination(termination.id, { decision: 'disagree', comment: '协议约定服务期未满' })
    await termination.refresh()
    assert.equal(termination.status, 'refused')
    assert.exists(await currentPlan(w).first())
    assert.exists(await messageTo(w.studentZhang, '解约申请未通过'))
  })

  test('forced termination: without an employer answer a teacher forces it (who and why recorded)', async ({
    client,
    assert,
  }) => {
    const { w, staff, answerTermination } = await worldFor(client)
    const termination = await filedTermination(client, w)
    const force = (form: Record<string, unknown>) =>
      staff.postForm(`/school/procedures/terminations/${termination.id}/force`, form)
    const noReason = await force({})
    noReason.assertFlashMessage('errorsBag', { force_reason: '强制解约须填写原因' })
    const forced = await force({ force_reason: '单位两周未应答' })
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
    const late = await answerTermination(termination.id, {
      decision: 'disagree',
      comment: '不同意',
    })
    late.assertFlashMessage('error', '该解约申请已不在待单位应答状态')
  })

  test('staff of another school cannot force a termination (404)', async ({ client, assert }) => {
    const w = await world()
    const termination = await filedTermination(client, w)
    const response = await actors(client, w).szsfStaff.postForm(
      `/school/procedures/terminations/${termination.id}/force`,
      { force_reason: 'x' }
    )
    response.assertStatus(404)
    assert.equal((await termination.refresh()).status, 'pending_employer')
  })

  test('the employer starts a termination and the student agrees', async ({ client, assert }) => {
    const { w, zhang, terminateAsEmployer } = await worldFor(client)
    const { plan } = await signedPlan(client, w)
    const started = await terminateAsEmployer(plan, { reason: '单位原因', description: '岗位调整' })
    started.assertFlashMessage('success', '解约申请已发送，请等待学生确认')
    const page = await zhang.visit('/student/procedures/termination')
    page.assertTextIncludes('单位发起的解约申请')
    const termination = await Termination.query().firstOrFail()
    await zhang.postForm(`/student/procedures/termination/${termination.id}/answer`, {
      decision: 'agree',
    })
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    await plan.refresh()
    assert.equal(plan.status, 'cancelled')
  })

  test('non-online signing: the school reviews the termination', async ({ client, assert }) => {
    const { w, zhang, staff } = await worldFor(client)
    await mode2021() // asserts the 2021 (报到证) behaviour
    await saveSchoolSettings(w.njsf.id, { termination_materials_required: false })
    const plan = await approvedReport(client, w)
    const page = await zhang.visit('/student/procedures/termination')
    page.assertTextIncludes('非网签')
    await fileTermination(client, w, { file: null })
    const termination = await Termination.query().firstOrFail()
    assert.equal(termination.status, 'pending_school')
    await staff.postForm(`/school/procedures/reviews/terminations/${termination.id}`, {
      decision: 'approve',
    })
    await termination.refresh()
    assert.equal(termination.status, 'completed')
    await plan.refresh()
    assert.equal(plan.status, 'cancelled')
  })
})
