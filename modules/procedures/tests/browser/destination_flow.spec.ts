import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Page } from 'playwright'
import { siteUrl } from '#tests/helpers/urls'
import { world } from '#modules/procedures/tests/helpers'
import { logIn, fillInvitation } from '#modules/procedures/tests/browser/steps'
import { confirmInPage } from '#tests/helpers/confirm'

/** Collects console errors and uncaught page errors of a page (asserted empty at the end). */
function watch(page: Page, who: string, problems: string[]) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`${who} console: ${msg.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`${who} pageerror: ${error.message}`))
  return page
}

test.group(
  '毕业去向登记 (2023+ mode) in a browser: sign online, register, review, rates',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('张三 signs online without 报到证 fields, does 登记确认 with the authorisation, the school approves and its rates count him', async ({
      visit,
      browser,
      assert,
    }) => {
      // The province's default: 2023+ (去向登记) mode, 2024 code version. No setting is changed here.
      const w = await world()
      const problems: string[] = []

      // 1. The employer (单位登录, main site) invites 张三: 工作职位类别 is asked, no 报到证 field is on the form.
      const employer = watch(await visit(siteUrl(null, '/employer/login')), 'employer', problems)
      await logIn(employer, 'account', w.employerUser.username)
      await employer.goto(siteUrl(null, '/employer/procedures/signing/new'))
      await employer.assertExists('#registration-section')
      await employer.assertNotExists('#certificate-section')
      await employer.assertNotExists('[name=certificate_category]')
      await employer.assertNotExists('[name=certificate_unit]')
      await employer.assertTextContains('#registration-section', '工作职位类别')
      await fillInvitation(employer)
      await employer.locator('select[name=position_category]').selectOption('工程技术人员')
      await employer.locator('#send-invitation').click()
      await employer.assertTextContains('body', '签约邀请已发送，请等待学生应答')
      await employer.assertTextContains('.page-header', '待应答')

      // 2. 张三 logs in on his school's subsite and opens 网上签约 from the 就业手续 menu.
      const student = watch(await visit(siteUrl('njsf', '/login')), 'student', problems)
      await logIn(student, 'student_number', w.studentZhang.username)
      await student.assertPath('/student')
      await student
        .locator('#main-nav')
        .getByRole('button', { name: /就业手续/ })
        .click()
      await student.locator('#main-nav').getByRole('link', { name: '网上签约' }).click()
      await student.assertPath('/student/procedures/signing')
      await student.getByRole('link', { name: '查看详情' }).first().click()
      await student.assertTextContains('h1', '示范科技有限公司')
      await student.assertTextContains('#registration-notice', '毕业去向登记')
      // 档案接收单位 and 户口迁移 are asked; no 报到证 field.
      await student.assertNotExists('#accept-form [name=certificate_category]')
      await student.assertNotExists('#accept-form [name=certificate_unit]')
      await student.assertTextContains('#accept-form', '档案接收单位')
      await student.assertTextContains('#accept-form', '户口迁移')
      await student.locator('input[name=archive_unit]').fill('南京市人才服务中心')
      await student.locator('input[name=archive_address]').fill('南京市建邺区江东中路 1 号')
      await student.locator('select[name=hukou_migration]').selectOption('迁往就业单位')
      await student.locator('input[name=hukou_address]').fill('南京市鼓楼区示范路 1 号')
      await student.locator('#accept-confirm').check()
      await student.locator('#accept-button').click()
      // Accepting is binding: the in-page dialog asks first.
      await student.assertTextContains('#confirm-dialog-title', '接受签约')
      await student.assertTextContains('#confirm-dialog-message', '具有约束力')
      await confirmInPage(student)
      await student.assertTextContains('body', '签约成功')
      await student.assertTextContains('.page-header', '已接受')

      // 3. 毕业去向登记 (the 就业信息上报 page in 2023+ mode): pre-filled from the signing; 登记确认.
      await student
        .locator('#main-nav')
        .getByRole('button', { name: /就业手续/ })
        .click()
      await student.locator('#main-nav').getByRole('link', { name: '就业信息上报' }).click()
      await student.assertPath('/student/procedures/report')
      await student.assertTextContains('h1', '毕业去向登记')
      await student.assertTextContains('#online-plan-notice', '示范科技有限公司')
      await student.assertTextContains('#report-destination', '10 签就业协议形式就业')
      await student.assertNotExists('#report-form [name=certificateCategory]')
      await student.assertNotExists('#report-form [name=certificateUnit]')
      assert.equal(
        await student.locator('input[name=archiveUnit]').inputValue(),
        '南京市人才服务中心'
      )
      assert.equal(
        await student.locator('select[name=hukouMigration]').inputValue(),
        '迁往就业单位'
      )
      // 工作职位类别 came from the invitation and is locked.
      await student.assertTextContains('[data-locked=positionCategory]', '工程技术人员')
      // 单位所在地, 单位性质 and 单位行业 are pre-filled from the invitation and the employer's profile;
      // 张三 completes 单位所在地 with the province (the 就业地区 chart places it).
      assert.equal(await student.locator('input[name=employerCity]').inputValue(), '南京市')
      assert.equal(await student.locator('select[name=employerNature]').inputValue(), '民营企业')
      // Without the authorisation checkbox 登记确认 is refused.
      await student.locator('#report-submit').click()
      await student.assertTextContains('#report-form .field-error', '登记确认前请勾选')
      await student.assertTextContains('.page-header', '未提交')
      await student.locator('input[name=employerCity]').fill('江苏省南京市')
      await student.locator('#verification-authorized').check()
      await student.locator('#report-submit').click()
      await student.assertTextContains('body', '请等待学校审核')
      await student.assertTextContains('.page-header', '待审核')

      // 4. The school staff (管理登录 on njsf.localhost, their own browser) approve it in the review queue.
      const staffContext = await browser.newContext()
      const staff = watch(
        await staffContext.visit(siteUrl('njsf', '/admin/login')),
        'staff',
        problems
      )
      await logIn(staff, 'account', w.njsfStaff.username)
      await staff.goto(siteUrl('njsf', '/school/procedures/reviews?type=reports'))
      // The queue lists the record by its student: open 张三's (学号 2026000001).
      await staff.getByRole('link', { name: '2026000001', exact: true }).first().click()
      await staff.assertTextContains('body', '张三')
      await staff.assertTextContains('body', '示范科技有限公司')
      await staff.assertTextContains('#plan-version', '2023+（去向登记）')
      await staff.assertTextContains('#plan-confirmed', '已授权核验')
      await staff.locator('#approve-button').click()
      await staff.assertTextContains('body', '已审核通过')
      await staff.assertTextContains('#registration-history', '待审核')
      assert.notInclude(await staff.locator('#registration-history').innerText(), 'pending')

      // 5. The statistics: 张三's registration counts as 单位就业; every chart draws an SVG.
      await staff.goto(siteUrl('njsf', '/school/procedures/stats'))
      await staff.assertTextContains('h1', '就业统计')
      await staff.assertTextContains('#stats-formula', '2024 版口径')
      await staff.assertTextContains('#rates-table tr[data-group=unit] td:nth-child(2)', '1')
      const unitRate = Number(
        await staff
          .locator('#rates-table tr[data-group=unit] [data-rate]')
          .getAttribute('data-rate')
      )
      assert.isAbove(unitRate, 0)
      await staff.assertText('#stat-placed', '1')
      const placedRate = Number.parseFloat((await staff.locator('#stat-rate').innerText()) || '0')
      assert.isAbove(placedRate, 0)
      assert.equal(placedRate, unitRate)
      for (const id of ['chart-colleges', 'chart-trend', 'chart-distribution', 'chart-places']) {
        await staff.locator(`#${id} svg`).first().waitFor({ timeout: 10_000 })
      }
      // The donut is by formula group: 张三 is 单位就业.
      await staff.assertTextContains('#chart-distribution', '单位就业')
      await staff.assertTextContains('#chart-places', '南京')

      // 6. 张三 sees his registration approved, the approval in its 变更记录.
      await student.reload()
      await student.assertTextContains('.page-header', '已通过')
      await student.assertTextContains('#registration-history', '南京示范大学就业指导中心')
      // 状态 rows show the statuses' names, not the machine states.
      const history = await student.locator('#registration-history').innerText()
      assert.include(history, '已通过')
      assert.notInclude(history, 'approved')
      assert.notInclude(history, 'pending')

      assert.deepEqual(problems, [])
      await staffContext.close()
    }).timeout(120000)
  }
)
