import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import {
  world,
  worldFor,
  actors,
  acceptForm,
  contractReport,
  invite,
  secondEmployer,
  passDeadline,
  mode2021,
  countRows,
  currentPlan,
  applyTo,
  type ProceduresWorld,
  messageTo,
} from '#modules/procedures/tests/helpers'
import { as } from '#tests/helpers/requests'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import SignDeadlineJob from '#modules/procedures/jobs/sign_deadline_job'

const SIGNED = '签约成功！系统已生成就业方案，请到“就业信息上报”确认提交'

test.group('网上签约 (rule 12)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('an employer sends an invitation by school + student number + name; 张三 sees 签约中 and 查看详情', async ({
    client,
    assert,
  }) => {
    const { w, zhang, sendInvitation } = await worldFor(client)
    await mode2021() // asserts the 2021 (报到证) behaviour
    const sent = await sendInvitation()
    sent.assertStatus(302)
    const invitation = await SigningInvitation.query()
      .where('graduate_id', w.zhangsan.id)
      .firstOrFail()
    sent.assertHeader('location', `/employer/procedures/signing/${invitation.id}`)
    assert.equal(invitation.status, 'pending')

    const home = await zhang.visit('/student')
    home.assertTextIncludes('签约中')
    assert.match(home.text(), /id="proc-stat-signing"[\s\S]*?1 份邀请/)

    const list = await zhang.visit('/student/procedures/signing')
    list.assertTextIncludes('示范科技有限公司')
    list.assertTextIncludes('查看详情')
    const detail = await zhang.visit(`/student/procedures/signing/${invitation.id}`)
    detail.assertTextIncludes('10000-12000元/月')
    detail.assertTextIncludes('报到证签发类别')
    detail.assertTextIncludes('户口接收地址')
    assert.exists(await messageTo(w.studentZhang, '%签约邀请%'))
  })

  test('an employer sends an invitation from its applicants (job_seeking directory)', async ({
    client,
    assert,
  }) => {
    const { w, hr, sendInvitation } = await worldFor(client)
    await applyTo(w.company.id, w.studentZhang.id, w.njsf.id)
    const page = await hr.visit('/employer/procedures/signing/new')
    page.assertTextIncludes('张三（南京示范大学 2026000001，应聘软件开发工程师）')
    const response = await sendInvitation({
      applicant_user_id: w.studentZhang.id,
      school_id: '',
      student_number: '',
      name: '',
    })
    response.assertStatus(302)
    const invitation = await SigningInvitation.query()
      .where('graduate_id', w.zhangsan.id)
      .firstOrFail()
    assert.equal(invitation.studentUserId, w.studentZhang.id)
  })

  test('an unknown student (wrong name) is refused with the reason beside the field', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const response = await actors(client, w).sendInvitation({ name: '张四' })
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', {
      student_number: '未找到该学生，请核对学校、学号和姓名',
    })
    assert.equal(await countRows('signing_invitations'), 0)
  })

  test('an employer cannot send a second invitation to the same student while one is pending', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await invite(w.employerUser, w.njsf.id)
    const response = await actors(client, w).sendInvitation()
    response.assertFlashMessage(
      'error',
      '您已向该学生发送了签约邀请，学生应答或邀请失效前不能再次发送；如需修改请先撤回'
    )
    assert.equal(await countRows('signing_invitations'), 1)
  })

  test('the employer may withdraw an unanswered invitation; then a new one may be sent', async ({
    client,
    assert,
  }) => {
    const { w, hr, accept } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id)
    const response = await hr.postForm(`/employer/procedures/signing/${invitation.id}/withdraw`)
    response.assertFlashMessage('success', '已撤回签约邀请')
    await invitation.refresh()
    assert.equal(invitation.status, 'withdrawn')
    const accepted = await accept(invitation)
    accepted.assertFlashMessage('error', '单位已撤回该签约邀请')
    const again = await invite(w.employerUser, w.njsf.id)
    assert.equal(again.status, 'pending')
  })

  test('a withdrawal after the student answered is refused', async ({ client }) => {
    const { w, hr, accept } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id)
    await accept(invitation)
    const response = await hr.postForm(`/employer/procedures/signing/${invitation.id}/withdraw`)
    response.assertFlashMessage('error', '学生已应答或邀请已失效，不能撤回')
  })

  test('another employer cannot see or withdraw an invitation (404)', async ({ client }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    const other = as(client, (await secondEmployer()).user)
    const response = await other.visit(`/employer/procedures/signing/${invitation.id}`)
    response.assertStatus(404)
    const withdraw = await other.postForm(`/employer/procedures/signing/${invitation.id}/withdraw`)
    withdraw.assertStatus(404)
  })

  test('accepting creates the employment plan marked online-signed; other invitations become view-only', async ({
    client,
    assert,
  }) => {
    const { w, zhang, accept } = await worldFor(client)
    const first = await invite(w.employerUser, w.njsf.id)
    const other = await secondEmployer()
    const second = await invite(other.user, w.njsf.id, { job_title: '测试工程师' })
    const response = await accept(first)
    response.assertFlashMessage('success', SIGNED)
    await first.refresh()
    assert.equal(first.status, 'accepted')
    assert.equal(first.archiveUnit, '南京市人才服务中心')
    const plan = await currentPlan(w).preload('destination').firstOrFail()
    assert.equal(plan.signingType, 'online')
    assert.equal(plan.invitationId, first.id)
    assert.equal(plan.destination.name, '签就业协议形式就业')
    assert.equal(plan.employerName, '示范科技有限公司')

    const page = await zhang.visit(`/student/procedures/signing/${second.id}`)
    page.assertTextIncludes('您已存在网上签约的就业方案')
    assert.notInclude(page.text(), 'id="accept-form"')
    const list = await zhang.visit('/student/procedures/signing')
    list.assertTextIncludes('其他签约邀请仅可查看')
    assert.exists(await messageTo(w.employerUser, '%已接受签约邀请%'))
  })

  test('acceptance is binding: without the second confirmation it is refused', async ({
    client,
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    const response = await actors(client, w).accept(invitation, {
      ...acceptForm,
      binding_acknowledged: '',
    })
    response.assertFlashMessage('errorsBag', {
      binding_acknowledged: '接受签约具有约束力，请勾选确认后再提交',
    })
    await invitation.refresh()
    assert.equal(invitation.status, 'pending')
  })

  test('when the employer does not receive archive and hukou the student must fill them', async ({
    client,
  }) => {
    const w = await world()
    await mode2021() // asserts the 2021 (报到证) behaviour
    const invitation = await invite(w.employerUser, w.njsf.id)
    const response = await actors(client, w).accept(invitation, { binding_acknowledged: '1' })
    response.assertFlashMessage('errorsBag', {
      certificate_category: '请选择报到证签发类别',
      certificate_unit: '请填写报到证签往单位',
      archive_unit: '请填写档案转递单位',
      hukou_address: '请填写户口接收地址',
    })
  })

  test('when the employer receives archive and hukou those fields are fixed and not asked', async ({
    client,
    assert,
  }) => {
    const { w, zhang, accept } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id, {
      receives_archive: '1',
      receives_hukou: '1',
      certificate_category: '签往单位',
      certificate_unit: '示范科技有限公司',
      archive_unit: '示范科技有限公司人事部',
      hukou_address: '南京市鼓楼区示范路 1 号',
    })
    const page = await zhang.visit(`/student/procedures/signing/${invitation.id}`)
    assert.notInclude(page.text(), 'name="archive_unit"')
    page.assertTextIncludes('您不可修改')
    const response = await accept(invitation, {
      archive_unit: '别的单位',
      binding_acknowledged: '1',
    })
    response.assertStatus(302)
    await invitation.refresh()
    assert.equal(invitation.status, 'accepted')
    assert.equal(invitation.archiveUnit, '示范科技有限公司人事部')
  })

  test('accept after deadline refused with the job never run', async ({ client, assert }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    await passDeadline(invitation)
    await invitation.refresh()
    assert.equal(invitation.status, 'pending') // nothing expired it yet
    const response = await actors(client, w).accept(invitation)
    response.assertFlashMessage('error', '已超过应约截止时间，该签约邀请已失效，不能再应答')
    await invitation.refresh()
    assert.equal(invitation.status, 'expired')
    assert.isNull(await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).first())
  })

  test('a late 拒绝 is refused too, and reading an overdue invitation shows it expired', async ({
    client,
    assert,
  }) => {
    const { w, zhang } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id)
    await passDeadline(invitation)
    const page = await zhang.visit(`/student/procedures/signing/${invitation.id}`)
    page.assertTextIncludes('已超过应约截止时间，该签约邀请已失效')
    const response = await zhang.postForm(`/student/procedures/signing/${invitation.id}/reject`)
    response.assertFlashMessage('error', '已超过应约截止时间，该签约邀请已失效，不能再应答')
    await invitation.refresh()
    assert.equal(invitation.status, 'expired')
  })

  test('the deadline job expires the invitation and both sides get a 站内消息 (once, even if run twice)', async ({
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    const job = new SignDeadlineJob()
    await job.handle({ invitationId: invitation.id })
    await invitation.refresh()
    assert.equal(invitation.status, 'pending', 'before the deadline the job does nothing')
    await passDeadline(invitation)
    await job.handle({ invitationId: invitation.id })
    await job.handle({ invitationId: invitation.id })
    await invitation.refresh()
    assert.equal(invitation.status, 'expired')
    const student = await db
      .from('messages')
      .where('user_id', w.studentZhang.id)
      .where('dedupe_key', `sign-expired-${invitation.id}`)
    const employer = await db
      .from('messages')
      .where('user_id', w.employerUser.id)
      .where('dedupe_key', `sign-expired-${invitation.id}`)
    assert.lengthOf(student, 1)
    assert.lengthOf(employer, 1)
  })

  test('the deadline job is dispatched per invitation with jobId sign-deadline-<id>', async ({
    assert,
  }) => {
    const w = await world()
    const queue = (await import('#core/queue/dispatcher')).default
    const seen: any[] = []
    const previous = queue.use({
      dispatch: async (name: string, payload: object, options: any) => {
        seen.push({ name, payload, options })
        return { id: options.jobId } as any
      },
      close: async () => {},
    } as any)
    try {
      const invitation = await invite(w.employerUser, w.njsf.id)
      assert.lengthOf(seen, 1)
      assert.equal(seen[0].name, 'sign-deadline')
      assert.equal(seen[0].options.jobId, `sign-deadline-${invitation.id}`)
      assert.isAbove(seen[0].options.delay, 6 * 24 * 3600 * 1000)
    } finally {
      queue.use(previous)
    }
  })

  /** The student's situations that refuse an acceptance, each with its reason; the invitation stays pending. */
  test('accept {rule} refused')
    .with([
      {
        rule: 'without approved source info',
        prepare: async (w: ProceduresWorld) => {
          await db
            .from('source_records')
            .where('graduate_id', w.zhangsan.id)
            .update({ status: 'pending' })
        },
        message:
          '您的生源信息尚未审核通过，暂不能签约。请先在“生源信息核对”中提交并等待学院老师审核',
      },
      {
        rule: 'when not signable',
        prepare: async (w: ProceduresWorld) => {
          await db.from('graduates').where('id', w.zhangsan.id).update({ signable: false })
        },
        message: '学校尚未将您标记为可签约，暂不能签约，请联系学院老师',
      },
    ])
    .run(async ({ client, assert }, row) => {
      const w = await world()
      await row.prepare(w)
      const invitation = await invite(w.employerUser, w.njsf.id)
      const response = await actors(client, w).accept(invitation)
      response.assertFlashMessage('error', row.message)
      await invitation.refresh()
      assert.equal(invitation.status, 'pending')
    })

  test('a non-online plan that still allows signing is superseded by the online one', async ({
    client,
    assert,
  }) => {
    const { w, report, accept } = await worldFor(client)
    await mode2021() // asserts the 2021 (报到证) behaviour
    await report({ code: '70', intent: 'submit' })
    const before = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
    assert.equal(before.status, 'pending')
    const invitation = await invite(w.employerUser, w.njsf.id)
    const response = await accept(invitation)
    response.assertFlashMessage('success', SIGNED)
    await before.refresh()
    assert.equal(before.status, 'cancelled')
  })

  test('an approved non-online employment plan blocks signing', async ({ client, assert }) => {
    const { w, report, accept } = await worldFor(client)
    await mode2021() // asserts the 2021 (报到证) behaviour
    await report(contractReport)
    await db
      .from('employment_plans')
      .where('graduate_id', w.zhangsan.id)
      .update({ status: 'approved' })
    const invitation = await invite(w.employerUser, w.njsf.id)
    const response = await accept(invitation)
    response.assertFlashMessage(
      'error',
      '您已存在审核通过的就业方案（签劳动合同形式就业），不能再签约；如需变更请联系学院老师'
    )
    assert.equal((await invitation.refresh()).status, 'pending')
  })

  test('two invitations accepted at the same moment: exactly one succeeds', async ({
    client,
    assert,
  }) => {
    const { w, accept } = await worldFor(client)
    const other = await secondEmployer()
    for (let round = 0; round < 3; round++) {
      const a = await invite(w.employerUser, w.njsf.id, { job_title: `职位A${round}` })
      const b = await invite(other.user, w.njsf.id, { job_title: `职位B${round}` })
      const results = await Promise.all([a, b].map((inv) => accept(inv)))
      const statuses = await SigningInvitation.query().whereIn('id', [a.id, b.id])
      const accepted = statuses.filter((s) => s.status === 'accepted')
      assert.lengthOf(accepted, 1, `round ${round}: exactly one acceptance`)
      const plans = await currentPlan(w).where('signing_type', 'online')
      assert.lengthOf(plans, 1)
      const flashes = results.map((r) => r.flashMessages())
      assert.lengthOf(
        flashes.filter((f: any) => f.success),
        1
      )
      assert.lengthOf(
        flashes.filter((f: any) => f.error),
        1
      )
      // Reset for the next round: end the agreement as a completed termination would.
      await db
        .from('employment_plans')
        .where('graduate_id', w.zhangsan.id)
        .update({ status: 'cancelled', active_key: null })
      await db
        .from('signing_states')
        .where('graduate_id', w.zhangsan.id)
        .update({ signed_invitation_id: null })
      await db
        .from('signing_invitations')
        .whereIn('id', [a.id, b.id])
        .update({ status: 'terminated', pending_key: null })
    }
  })
})
