import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import smsSender from '#core/accounts/sms/sms_sender'
import messages from '#core/messages/services/message_service'
import { siteUrl } from '#tests/helpers/urls'

test.group('Student centre in a browser', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('李四 activates his account on the main site and logs in', async ({ visit }) => {
    const { school } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const lisi = await world.graduate(school, { name: '李四', phone: null })
    const page = await visit(siteUrl(null, '/'))
    await page.getByRole('link', { name: '【账号注册】' }).click()
    await page.locator('select[name=school_id]').selectOption({ label: '南京示范大学' })
    await page.locator('input[name=student_number]').fill(lisi.studentNumber)
    await page.locator('input[name=name]').fill('李四')
    await page.locator('input[name=agreement]').check()
    await page.getByRole('button', { name: '【下一步】' }).click()
    await page.assertPath('/activate/password')

    await page.locator('input[name=password]').fill('Lisi@2026')
    await page.locator('input[name=password_confirmation]').fill('Lisi@2026')
    await page.locator('input[name=phone]').fill('13900000002')
    await page.locator('#send-code').click()
    await page.assertTextContains('#code-status', '验证码已发送')
    await page.locator('input[name=code]').fill(smsSender.lastCode('13900000002')!)
    await page.getByRole('button', { name: '【提交】' }).click()

    await page.assertPath('/login')
    await page.assertTextContains('body', '账号激活成功')
    await page.locator('input[name=password]').fill('Lisi@2026')
    await page.getByRole('button', { name: '登录' }).click()
    await page.assertPath('/student')
    await page.assertTextContains('h1', '李四')
  })

  test('张三 logs in on his school subsite and sees the home page widgets', async ({
    visit,
    assert,
  }) => {
    const { school, site } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const { graduate, user: studentZhang } = await world.student(school, { name: '张三' })
    await world.announcement(site, { title: '南京示范大学2026届毕业生春季双选会报名通知' })
    await messages.send({
      userId: studentZhang.id,
      title: '欢迎使用就业平台',
      body: '请先完成生源信息核对',
    })
    const page = await visit(siteUrl('njsf', '/login'))
    await page.assertTextContains('.card-header', '南京示范大学')
    await page.locator('input[name=student_number]').fill(graduate.studentNumber)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.assertPath('/student')
    const unreadBefore = Number(
      await page
        .locator('#stat-messages .stat-value')
        .innerText()
        .then((t) => t.match(/\d+/)![0])
    )
    assert.isAtLeast(unreadBefore, 1)
    await page.assertTextContains('#widget-messages', '欢迎使用就业平台')
    await page.assertTextContains('#widget-schedule', '近期没有日程')
    await page.assertTextContains(
      '#widget-announcements',
      '南京示范大学2026届毕业生春季双选会报名通知'
    )

    // Mark the message read in place (htmx) and the unread count drops.
    await page.goto(siteUrl('njsf', '/student/messages'))
    const item = page.locator('li', { hasText: '欢迎使用就业平台' })
    await item.getByRole('button', { name: '标为已读' }).click()
    await item.getByRole('button', { name: '标为已读' }).waitFor({ state: 'detached' })
    await page.goto(siteUrl('njsf', '/student'))
    await page.assertTextContains('#stat-messages', String(unreadBefore - 1))
  })

  test('a wrong password shows the error beside the field', async ({ visit }) => {
    const { school } = await world.school({ code: 'njsf' })
    const { graduate } = await world.student(school)
    const page = await visit(siteUrl('njsf', '/login'))
    await page.locator('input[name=student_number]').fill(graduate.studentNumber)
    await page.locator('input[name=password]').fill('nope-1234')
    await page.getByRole('button', { name: '登录' }).click()
    await page.assertTextContains('[data-error-for=password]', '账号或密码错误')
    await page.assertInputValue('input[name=student_number]', graduate.studentNumber)
  })
})
