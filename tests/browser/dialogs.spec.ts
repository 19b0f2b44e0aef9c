import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { Page } from 'playwright'
import { siteUrl } from '#tests/helpers/urls'
import { world, invite } from '#modules/procedures/tests/helpers'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'
import { PASSWORD } from '#database/factories/core'
import registrationService from '#modules/events/services/registration_service'
import SigningInvitation from '#modules/procedures/models/signing_invitation'

async function loginZhang(page: Page) {
  await page.locator('input[name=student_number]').fill('2026000001')
  await page.locator('input[name=password]').fill(PASSWORD)
  await page.getByRole('button', { name: '登录' }).click()
}

/** The in-page dialog (never the browser's box: a native dialog fails the test). */
function refuseNativeDialogs(page: Page, seen: string[]) {
  page.on('dialog', async (d) => {
    seen.push(d.message())
    await d.dismiss()
  })
}

test.group('确认对话框 in a browser: binding actions ask in the page', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('接受签约 opens the in-page dialog; 取消 leaves the invitation pending, 确认接受 signs', async ({
    visit,
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    const page = await visit(
      siteUrl(
        'njsf',
        `/login?redirect=${encodeURIComponent(`/student/procedures/signing/${invitation.id}`)}`
      )
    )
    const native: string[] = []
    refuseNativeDialogs(page, native)
    await loginZhang(page)
    await page.waitForURL(new RegExp(`/student/procedures/signing/${invitation.id}$`))
    await page.locator('input[name=archive_unit]').fill('南京市人才服务中心')
    await page.locator('select[name=hukou_migration]').selectOption('迁往就业单位')
    await page.locator('input[name=hukou_address]').fill('南京市鼓楼区示范路 1 号')
    await page.locator('#accept-confirm').check()
    await page.locator('#accept-button').click()

    const dialog = page.locator('#confirm-dialog')
    await dialog.waitFor({ state: 'visible' })
    await page.assertTextContains('#confirm-dialog-title', '接受签约')
    await page.assertTextContains('#confirm-dialog-message', '具有约束力')
    // Focus starts on 取消 and stays inside the dialog.
    assert.equal(
      await page.evaluate('document.activeElement && document.activeElement.id'),
      'confirm-dialog-cancel'
    )
    await page.keyboard.press('Tab')
    assert.equal(
      await page.evaluate('document.activeElement && document.activeElement.id'),
      'confirm-dialog-ok'
    )
    await page.keyboard.press('Tab')
    assert.equal(
      await page.evaluate('document.activeElement && document.activeElement.id'),
      'confirm-dialog-cancel'
    )

    // 取消: nothing is sent.
    await page.locator('#confirm-dialog-cancel').click()
    await dialog.waitFor({ state: 'hidden' })
    await page.waitForTimeout(300)
    await invitation.refresh()
    assert.equal(invitation.status, 'pending')

    // Esc closes it too, and nothing is sent.
    await page.locator('#accept-button').click()
    await dialog.waitFor({ state: 'visible' })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'hidden' })
    await invitation.refresh()
    assert.equal(invitation.status, 'pending')

    // 确认接受: the acceptance goes through.
    await page.locator('#accept-button').click()
    await page.locator('#confirm-dialog-ok').click()
    await page.assertTextContains('body', '签约成功')
    const signed = await SigningInvitation.findOrFail(invitation.id)
    assert.equal(signed.status, 'accepted')
    assert.deepEqual(native, [])
  })

  test('取消报名 (htmx) asks in the page; 取消 keeps the registration, 确认取消 cancels it', async ({
    visit,
    assert,
  }) => {
    const w = await world()
    const fair = await RecruitmentEventFactory.merge({
      siteId: w.njsfSite.id,
      schoolId: w.njsf.id,
    }).create()
    const registered = await registrationService.register(w.studentZhang, fair.id)
    assert.exists(registered.id)
    const page = await visit(
      siteUrl('njsf', `/login?redirect=${encodeURIComponent('/student/events')}`)
    )
    const native: string[] = []
    refuseNativeDialogs(page, native)
    await loginZhang(page)
    await page.waitForURL(/\/student\/events$/)
    const status = async () =>
      (await db.from('event_registrations').where('event_id', fair.id).first())?.status

    const before = await status()
    await page.locator('#mine-list').getByRole('button', { name: '取消' }).click()
    await page.locator('#confirm-dialog').waitFor({ state: 'visible' })
    await page.assertTextContains('#confirm-dialog-title', '取消报名')
    await page.assertTextContains('#confirm-dialog-message', fair.title)
    await page.locator('#confirm-dialog-cancel').click()
    await page.waitForTimeout(300)
    assert.equal(await status(), before)

    await page.locator('#mine-list').getByRole('button', { name: '取消' }).click()
    await page.locator('#confirm-dialog-ok').click()
    await page.assertTextContains('#mine-list', '已取消')
    assert.notEqual(await status(), before)
    assert.deepEqual(native, [])
  })
})
