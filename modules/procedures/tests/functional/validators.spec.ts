import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { invitationForm, worldFor } from '#modules/procedures/tests/helpers'

test.group('就业手续表单校验 (validators)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('签约邀请表单的“按学校、学号和姓名”（mode=manual，页面实际发送的值）可以发送', async ({
    client,
    assert,
  }) => {
    const { w, hr } = await worldFor(client)
    const sent = await hr.postForm(
      '/employer/procedures/signing',
      invitationForm(w.njsf.id, { mode: 'manual' })
    )
    sent.assertStatus(302)
    assert.notProperty(sent.flashMessages().errorsBag ?? {}, 'mode')
    const invitation = await SigningInvitation.query()
      .where('graduate_id', w.zhangsan.id)
      .firstOrFail()
    assert.equal(invitation.status, 'pending')
  })

  test('签约邀请缺少必填项时各项一次列出（含模式要求的工作职位类别），提示在字段旁', async ({
    client,
    assert,
  }) => {
    const { w, hr } = await worldFor(client)
    const refused = await hr.postForm('/employer/procedures/signing', {
      mode: 'manual',
      school_id: w.njsf.id,
      student_number: '2026000001',
      name: '张三',
    })
    const errors = (refused.flashMessages().errorsBag ?? {}) as Record<string, string>
    assert.equal(errors.job_title, '请填写职位名称')
    assert.equal(errors.contact_phone, '请填写联系电话')
    assert.equal(errors.deadline, '请填写应约截止时间')
    assert.equal(errors.position_category, '请选择工作职位类别')
  })
})
