import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { siteUrl } from '#tests/helpers/urls'
import { world, invite, mode2021, PDF } from '#modules/procedures/tests/helpers'
import { autoConfirm } from '#tests/helpers/confirm'
import { logIn, fillInvitation, fillAcceptance2021 } from '#modules/procedures/tests/browser/steps'

function mainUrl(path: string) {
  return `http://127.0.0.1:${process.env.PORT}${path}`
}

test.group('就业手续 in a browser: sign, report, terminate, sign again', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('employer invites 张三, he accepts, reports the pre-filled plan, the school approves, he terminates, the employer agrees, he can sign again', async ({
    visit,
    assert,
  }) => {
    const w = await world()
    // This flow fills the 报到证 fields: the province's 2021 (报到证) mode.
    await mode2021()

    // 1. The employer (main site, localhost) sends 张三 an invitation by school + 学号 + 姓名.
    const employer = await visit(siteUrl(null, '/employer/login'))
    await autoConfirm(employer)
    await logIn(employer, 'account', w.employerUser.username)
    await employer.goto(siteUrl(null, '/employer/procedures/signing/new'))
    await fillInvitation(employer)
    await employer.locator('#send-invitation').click()
    await employer.assertTextContains('body', '签约邀请已发送，请等待学生应答')
    await employer.assertTextContains('.page-header', '待应答')

    // 2. 张三 (his subsite) sees 签约中, opens 查看详情 and accepts (second confirmation).
    const student = await visit(siteUrl('njsf', '/login'))
    await autoConfirm(student)
    await logIn(student, 'student_number', w.studentZhang.username)
    await student.assertPath('/student')
    await student.assertTextContains('#proc-stat-signing', '1 份邀请')
    await student.locator('#proc-stat-signing').click()
    await student.getByRole('link', { name: '查看详情' }).first().click()
    await student.assertTextContains('h1', '示范科技有限公司')
    // (Accepting without 知晓约束力 is refused beside the checkbox: signing.spec.ts proves it.)
    await fillAcceptance2021(student)
    await student.locator('#accept-button').click()
    await student.assertTextContains('body', '签约成功')
    await student.assertTextContains('.page-header', '已接受')

    // 3. 就业信息上报 shows the pre-filled plan; he submits it.
    await student.goto(siteUrl('njsf', '/student/procedures/report'))
    await student.assertTextContains('#online-plan-notice', '示范科技有限公司')
    await student.assertTextContains('#report-destination', '签就业协议形式就业')
    assert.equal(
      await student.locator('input[name=archiveUnit]').inputValue(),
      '南京市人才服务中心'
    )
    await student.locator('#report-submit').click()
    await student.assertTextContains('body', '就业信息已提交，请等待学校审核')

    // 4. The school approves it (staff on the main site by IP, a separate session).
    const staff = await visit(mainUrl('/admin/login'))
    await autoConfirm(staff)
    await logIn(staff, 'account', w.njsfStaff.username)
    await staff.goto(mainUrl('/school/procedures/reviews?type=reports'))
    // The queue lists the record by its student: open 张三's (学号 2026000001).
    await staff.getByRole('link', { name: '2026000001', exact: true }).first().click()
    await staff.assertTextContains('body', '示范科技有限公司')
    await staff.locator('#approve-button').click()
    await staff.assertTextContains('body', '已审核通过')

    // 5. 张三 files 我要解约 with a material.
    await student.goto(siteUrl('njsf', '/student/procedures/termination'))
    await student.assertTextContains('#current-plan', '网上签约')
    await student.locator('select[name=reason]').selectOption('个人原因')
    await student.locator('textarea[name=description]').fill('考取研究生，申请解约')
    await student
      .locator('input[name=materials]')
      .setInputFiles({ name: '解约函.pdf', mimeType: 'application/pdf', buffer: PDF })
    await student.locator('#terminate-button').click()
    await student.assertTextContains('body', '解约申请已提交')
    await student.assertTextContains('#termination-open', '待单位应答')

    // 6. The employer agrees.
    await employer.goto(siteUrl(null, '/employer/procedures/terminations'))
    await employer.getByRole('link', { name: '应答', exact: true }).first().click()
    await employer.locator('#employer-agree').click()
    await employer.assertTextContains('body', '已同意解约，解约已完成')

    // 7. He can sign again.
    await student.goto(siteUrl('njsf', '/student/procedures/termination'))
    await student.assertTextContains('#termination-history', '已解约')
    const next = await invite(w.employerUser, w.njsf.id, { job_title: '测试工程师' })
    await student.goto(siteUrl('njsf', `/student/procedures/signing/${next.id}`))
    await fillAcceptance2021(student)
    await student.locator('#accept-button').click()
    await student.assertTextContains('body', '签约成功')
  }).timeout(120000)
})
