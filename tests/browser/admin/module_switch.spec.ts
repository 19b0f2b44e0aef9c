import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { Browser, Page } from 'playwright'
import type Graduate from '#core/registry/models/graduate'
import { PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import moduleRegistry from '#core/modules/registry'
import { siteUrl } from '#tests/helpers/urls'
import { confirmInPage } from '#tests/helpers/confirm'

/**
 * Issue 3 "Done when": a school admin switches a module off and a student of that school no
 * longer sees it, while a student of the other school still does. Module: events (招聘活动),
 * whose 招聘会 entry sits in the students' 求职中心 menu.
 */
const FAIRS = 'a[href="/student/fairs"]'

/** A logged-in student of the school (its subsite `code`). */
async function studentPage(browser: Browser, code: string, graduate: Graduate) {
  const context = await browser.newContext()
  const page = await context.newPage()
  await page.goto(siteUrl(code, '/login'))
  await page.locator('input[name=student_number]').fill(graduate.studentNumber)
  await page.locator('input[name=password]').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
  await page.waitForURL(/\/student$/)
  return page
}

async function navHasFairs(page: Page) {
  await page.goto(page.url().replace(/\/student.*$/, '/student'))
  return (await page.locator(`nav ${FAIRS}`).count()) > 0
}

test.group('School admin switches a module off (browser)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('njsf-admin switches 招聘活动 off: 张三 no longer sees it, 王五 (szsf) still does', async ({
    visit,
    browser,
    assert,
  }) => {
    const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const { school: szsf } = await world.school({ code: 'szsf', name: '苏州示范学院' })
    const staff = await world.staff(njsf)
    const zhang = await studentPage(browser, 'njsf', (await world.student(njsf)).graduate)
    const wang = await studentPage(browser, 'szsf', (await world.student(szsf)).graduate)
    assert.isTrue(await navHasFairs(zhang), '张三 sees 招聘会 before the switch')
    assert.isTrue(await navHasFairs(wang))

    const admin = await visit(siteUrl('njsf', '/admin/login'))
    await admin.locator('input[name=account]').fill(staff.username)
    await admin.locator('input[name=password]').fill(PASSWORD)
    await admin.getByRole('button', { name: '登录' }).click()
    await admin.assertPath('/school')
    await admin.locator('.admin-side').getByRole('link', { name: '功能模块' }).click()
    await admin.assertPath('/school/modules')

    const name = moduleRegistry.get('events')!.name.zh
    await admin.locator('#module-events').getByRole('button', { name: '为本校关闭' }).click()
    await confirmInPage(admin)
    await admin.assertTextContains('.alert-success', `已为本校关闭：${name}`)
    await admin.assertTextContains('#module-events .tag', '本校未开通')

    assert.isFalse(await navHasFairs(zhang), '张三 no longer sees 招聘会 in 求职中心')
    await zhang.goto(siteUrl('njsf', '/student/fairs'))
    assert.include(await zhang.locator('body').innerText(), '本校未开通此功能')
    assert.isTrue(await navHasFairs(wang), '王五 of 苏州示范学院 still sees it')
    await wang.goto(siteUrl('szsf', '/student/fairs'))
    assert.notInclude(await wang.locator('body').innerText(), '本校未开通此功能')

    // And back on: 张三 sees it again.
    await admin.locator('#module-events').getByRole('button', { name: '为本校开通' }).click()
    await confirmInPage(admin)
    await admin.assertTextContains('.alert-success', `已为本校开通：${name}`)
    assert.isTrue(await navHasFairs(zhang))
  })
})
