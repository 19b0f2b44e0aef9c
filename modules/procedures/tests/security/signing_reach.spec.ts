import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { text } from '#core/i18n/text'
import {
  worldFor,
  invitationForm,
  secondEmployer,
  applyTo,
} from '#modules/procedures/tests/helpers'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { APPLICANT_REFUSAL, IDENTITY_REFUSAL } from '#modules/procedures/services/signing_service'

function byApplicant(schoolId: number, applicantUserId: unknown) {
  return invitationForm(schoolId, {
    mode: 'applicant',
    applicant_user_id: applicantUserId,
    school_id: '',
    student_number: '',
    name: '',
  })
}

test.group('网上签约：单位只能按本单位求职者或准确的学校+学号+姓名找到学生', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('单位不能按用户 id 向未投递本单位职位的学生发送签约邀请', async ({ client, assert }) => {
    const { w, hr } = await worldFor(client)
    const response = await hr.postForm(
      '/employer/procedures/signing',
      byApplicant(w.njsf.id, w.studentZhang.id)
    )
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', { applicant_user_id: text(APPLICANT_REFUSAL) })
    assert.equal(
      await SigningInvitation.query()
        .count('* as n')
        .first()
        .then((r) => Number(r!.$extras.n)),
      0
    )

    // The same student becomes reachable once they applied to one of this employer's jobs.
    await applyTo(w.company.id, w.studentZhang.id, w.njsf.id)
    const allowed = await hr.postForm(
      '/employer/procedures/signing',
      byApplicant(w.njsf.id, w.studentZhang.id)
    )
    allowed.assertStatus(302)
    const invitation = await SigningInvitation.query()
      .where('graduate_id', w.zhangsan.id)
      .firstOrFail()
    allowed.assertHeader('location', `/employer/procedures/signing/${invitation.id}`)
  })

  test('逐个尝试用户 id 得不到任何学生信息（不存在、非求职者、外校学生、非学生账号同一答复）', async ({
    client,
    assert,
  }) => {
    const { w, hr } = await worldFor(client)
    // An applicant of ANOTHER employer is still not this employer's applicant.
    const other = await secondEmployer()
    await applyTo(other.employer.id, w.studentWang.id, w.szsf.id)

    const probes = [987654, w.studentZhang.id, w.studentWang.id, w.admin.id, '99999999999999999999']
    const answers: string[] = []
    // One form for every probe (its deadline is "now + 7 days" to the minute): only the id varies.
    const form = byApplicant(w.njsf.id, null)
    for (const id of probes) {
      const response = await hr.postForm('/employer/procedures/signing', {
        ...form,
        applicant_user_id: id,
      })
      response.assertStatus(302)
      response.assertFlashMessage('errorsBag', { applicant_user_id: text(APPLICANT_REFUSAL) })
      // Everything but the echo of the id the employer typed must be identical.
      const { applicant_user_id: typed, ...flashed } = response.flashMessages()
      assert.equal(String(typed), String(id))
      answers.push(JSON.stringify([response.status(), response.header('location'), flashed]))
    }
    assert.lengthOf(new Set(answers), 1, 'every probe must get the same answer')
    const count = await db.from('signing_invitations').count('* as n').first()
    assert.equal(Number(count.n), 0)

    // The form page lists only this employer's applicants: nobody's name, school or 学号.
    const page = await hr.visit('/employer/procedures/signing/new')
    page.assertStatus(200)
    for (const secret of ['张三', '王五', '2026000001', '2026100001', '苏州示范学院 2026'])
      assert.notInclude(page.text(), secret)
  })

  test('按学校、学号、姓名查找时任何不符都只有同一条提示，且不回显真实姓名', async ({
    client,
    assert,
  }) => {
    const { w, hr } = await worldFor(client)
    const cases = [
      { school_id: w.njsf.id, student_number: '2026000001', name: '张四' }, // wrong name
      { school_id: w.njsf.id, student_number: '2026009999', name: '张三' }, // unknown 学号
      { school_id: w.szsf.id, student_number: '2026000001', name: '张三' }, // wrong school
      { school_id: w.njsf.id, student_number: '2026000001 ', name: '张三 ' }, // trimmed: exact match
      { school_id: w.njsf.id, student_number: '2026100001', name: '王五' }, // foreign student, own school picked
      { school_id: w.njsf.id, student_number: '2026000001', name: '张' }, // partial name
    ]
    const answers: string[] = []
    for (const [i, identity] of cases.entries()) {
      const response = await hr.postForm(
        '/employer/procedures/signing',
        invitationForm(w.njsf.id, { mode: 'manual', ...identity })
      )
      response.assertStatus(302)
      if (i === 3) {
        // Surrounding blanks are not a mismatch: the trimmed values identify 张三.
        assert.match(response.header('location') ?? '', /\/employer\/procedures\/signing\/\d+$/)
        await db.from('signing_invitations').delete()
        continue
      }
      response.assertFlashMessage('errorsBag', { student_number: text(IDENTITY_REFUSAL) })
      const flashed = response.flashMessages()
      answers.push(JSON.stringify([response.header('location'), flashed.errorsBag, flashed.error]))
      // Only what the employer typed comes back, never the registry's name or school.
      const echoed = JSON.stringify(flashed)
      if (identity.name !== '张三') assert.notInclude(echoed, '张三')
      assert.notInclude(echoed, '南京示范大学')
      assert.notInclude(echoed, '苏州示范学院')
    }
    assert.lengthOf(new Set(answers), 1, 'every mismatch must get the same answer')
    const count = await db.from('signing_invitations').count('* as n').first()
    assert.equal(Number(count.n), 0)
  })
})
