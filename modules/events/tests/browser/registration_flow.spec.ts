import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { PASSWORD } from '#database/factories/core'
import { ExhibitorFactory } from '#modules/events/database/factories/events'
import { eventsWorld, makeEvent } from '#modules/events/tests/helpers'
import { siteUrl } from '#tests/helpers/urls'
import { DateTime } from 'luxon'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import { toDb } from '#core/database/time'
import { confirmInPage } from '#tests/helpers/confirm'

test.group('招聘会报名、入场券与签到 in a browser', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('张三 registers for a fair, views the ticket, cancels, registers again; staff check him in once', async ({
    visit,
    assert,
  }) => {
    const world = await eventsWorld()
    const fair = await makeEvent(world, { title: '南京示范大学2026届毕业生春季双选会' })
    await ExhibitorFactory.apply('approved')
      .merge({ eventId: fair.id, employerId: world.company.id, boothNo: 'A01' })
      .create()

    // 张三 logs in on his subsite and opens the fair from the fair list.
    const page = await visit(
      siteUrl('njsf', `/login?redirect=${encodeURIComponent('/student/fairs')}`)
    )
    await page.locator('input[name=student_number]').fill(world.zhangsan.studentNumber)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.assertPath('/student/fairs')
    await page.getByRole('link', { name: fair.title }).click()
    await page.assertPath(`/student/fairs/${fair.id}`)
    await page.assertTextContains('#exhibitors', '示范科技有限公司')

    // 学生报名参加 (htmx swap of the box) → 查看入场券
    await page.getByRole('button', { name: '学生报名参加' }).click()
    await page.assertTextContains('#register-box', '报名成功')
    await page.getByRole('link', { name: '查看入场券' }).click()
    await page.assertTextContains('#ticket', '张三')
    assert.isTrue(await page.locator('#ticket-qr').isVisible())
    const firstCode = (await page.locator('#ticket-code').innerText()).trim()
    assert.match(firstCode, /^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/)

    // 我报名的活动 → 取消 (with confirmation) → register again.
    await page.goto(siteUrl('njsf', '/student/events'))
    await page.assertTextContains('#mine-list', fair.title)
    await page.locator('#mine-list').getByRole('button', { name: '取消' }).click()
    await confirmInPage(page)
    await page.assertTextContains('#mine-list', '已取消')
    await page.getByRole('link', { name: '再次报名' }).click()
    await page.getByRole('button', { name: '学生报名参加' }).click()
    await page.assertTextContains('#register-box', '报名成功')
    await page.getByRole('link', { name: '查看入场券' }).click()
    const code = (await page.locator('#ticket-code').innerText()).trim()
    assert.notEqual(code, firstCode)

    // The fair begins (check-in opens 2 hours before the start, not days ahead).
    await RecruitmentEvent.query()
      .where('id', fair.id)
      .update({ starts_at: toDb(DateTime.now().minus({ minutes: 10 })) })

    // The school's staff check the ticket in; the second scan is refused.
    await page.context().clearCookies()
    await page.goto(siteUrl('njsf', '/admin/login'))
    await page.locator('input[name=account]').fill(world.njsfStaff.username)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.assertPath('/school')
    await page.goto(siteUrl('njsf', '/school/checkin'))
    await page
      .locator('li', { hasText: fair.title })
      .getByRole('link', { name: '开始签到' })
      .click()
    await page.assertPath(`/school/events/${fair.id}/checkin`)
    await page.locator('#checkin-code').fill(code.toLowerCase())
    await page.locator('#checkin-code').press('Enter')
    await page.assertTextContains('#checkin-result', '签到成功：张三')
    await page.assertTextContains('#count-checked-in', '1')
    await page.locator('#checkin-code').fill(code)
    await page.locator('#checkin-code').press('Enter')
    await page.assertTextContains('#checkin-result', '不能重复签到')
    await page.locator('#checkin-code').fill(firstCode)
    await page.locator('#checkin-code').press('Enter')
    await page.assertTextContains('#checkin-result', '入场券无效')
  }).timeout(90000)
})
