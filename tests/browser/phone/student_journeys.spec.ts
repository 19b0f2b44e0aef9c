import { test } from '@japa/runner'
import { devices, type Page } from 'playwright'
import testUtils from '@adonisjs/core/services/test_utils'
import smsSender from '#core/accounts/sms/sms_sender'
import JobApplication from '#modules/job_seeking/models/job_application'
import { PASSWORD } from '#database/factories/core'
import { siteUrl } from '#tests/helpers/urls'
import { phoneContext, seedStudentWorld } from '#tests/browser/phone/phone'

/** The page is exactly as wide as the phone: nothing to scroll sideways. */
async function assertNoSidewaysScroll(page: Page, assert: any) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => {
    const { window, document } = globalThis as any
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth }
  })
  assert.isAtMost(scrollWidth, innerWidth, `${page.url()} scrolls sideways`)
}

/** One tap on ☰ shows the whole menu; the entry is visible at once and one tap opens it. */
async function tapMenu(page: Page, assert: any, label: string) {
  await page.locator('button.menu-toggle').tap()
  const link = page.locator('#main-nav').getByRole('link', { name: label, exact: true })
  // Alpine renders on its next tick: wait briefly, but never tap a second time.
  await link.waitFor({ state: 'visible', timeout: 2000 }).catch(() => {})
  assert.isTrue(await link.isVisible(), `「${label}」 is visible after one tap on ☰`)
  await link.tap()
}

async function loginZhang(page: Page, touch = true) {
  await page.goto(siteUrl('njsf', '/login'))
  await page.locator('input[name=student_number]').fill('2026000001')
  await page.locator('input[name=password]').fill(PASSWORD)
  const submit = page.getByRole('button', { name: '登录' })
  await (touch ? submit.tap() : submit.click())
  await page.waitForURL(/\/student$/)
}

/** Taps 确定 in the platform's in-page confirmation dialog. */
async function confirmInPage(page: Page) {
  const ok = page.locator('#confirm-dialog-ok')
  await ok.waitFor({ state: 'visible' })
  await ok.tap()
}

test.group('Phone (iPhone 13, touch): student journeys', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.timeout(120_000)

  test('李四 reads 服务协议 and 个人信息保护政策 from step 1 and activates his account by tapping', async ({
    browser,
    assert,
  }) => {
    await seedStudentWorld()
    const context = await phoneContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    await page.goto(siteUrl(null, '/'))
    await page.getByRole('link', { name: '【账号注册】' }).first().tap()
    await page.waitForURL(/\/activate$/)
    await assertNoSidewaysScroll(page, assert)

    for (const [name, heading] of [
      ['《就业平台服务协议》', '《就业平台服务协议》'],
      ['《个人信息保护政策》', '《个人信息保护政策》'],
    ]) {
      const [text] = await Promise.all([
        context.waitForEvent('page'),
        page.getByRole('link', { name }).tap(),
      ])
      await text.waitForLoadState()
      assert.equal((await text.locator('h1').innerText()).trim(), heading)
      await assertNoSidewaysScroll(text, assert)
      await text.close()
    }
    // Reading the texts did not tick the box.
    assert.isFalse(await page.locator('input[name=agreement]').isChecked())

    await page.locator('select[name=school_id]').selectOption({ label: '南京示范大学' })
    await page.locator('input[name=student_number]').fill('2026000002')
    await page.locator('input[name=name]').fill('李四')
    await page.getByText('我已阅读并同意').tap()
    assert.isTrue(await page.locator('input[name=agreement]').isChecked())
    await page.getByRole('button', { name: '【下一步】' }).tap()
    await page.waitForURL(/\/activate\/password$/)
    await assertNoSidewaysScroll(page, assert)
    await page.locator('input[name=password]').fill('Lisi@2026')
    await page.locator('input[name=password_confirmation]').fill('Lisi@2026')
    await page.locator('input[name=phone]').fill('13900000002')
    await page.locator('#send-code').tap()
    await page.locator('#code-status', { hasText: '验证码已发送' }).waitFor()
    await page.locator('input[name=code]').fill(smsSender.lastCode('13900000002')!)
    await page.getByRole('button', { name: '【提交】' }).tap()
    await page.waitForURL(/\/login/)
    await page.locator('input[name=password]').fill('Lisi@2026')
    await page.getByRole('button', { name: '登录' }).tap()
    await page.waitForURL(/\/student$/)
    assert.include(await page.locator('h1').innerText(), '李四')
    await assertNoSidewaysScroll(page, assert)
    await context.close()
  })

  test('张三: home, 求职意向 cities picked by tapping, job search and apply with the default resume preselected', async ({
    browser,
    assert,
  }) => {
    const w = await seedStudentWorld()
    const context = await phoneContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    await loginZhang(page)
    await assertNoSidewaysScroll(page, assert)

    // 求职意向管理: 工作城市 with the 省 → 市 picker, by tapping.
    await tapMenu(page, assert, '求职意向管理')
    await page.waitForURL(/\/student\/intention$/)
    await page.getByText('拟就业', { exact: true }).tap()
    await page.getByRole('button', { name: /选择城市/ }).tap()
    const panel = page.locator('.city-panel')
    await panel.waitFor({ state: 'visible', timeout: 2000 }).catch(() => {})
    assert.isTrue(await panel.isVisible(), 'the picker opens on one tap')
    await assertNoSidewaysScroll(page, assert)
    await panel.locator('.city-province', { hasText: '浙江省' }).tap()
    await panel.locator('.city-cities').getByRole('button', { name: '杭州市', exact: true }).tap()
    await panel.getByLabel('搜索城市').fill('苏州')
    await panel
      .locator('.city-results')
      .getByRole('button', { name: /苏州市/ })
      .tap()
    await panel.getByRole('button', { name: '完成' }).tap()
    assert.deepEqual(await page.locator('.city-chips .chip > span').allInnerTexts(), [
      '杭州市',
      '苏州市',
    ])
    // A chip is removed with its ×, and put back.
    await page.getByRole('button', { name: '移除 杭州市' }).tap()
    assert.deepEqual(await page.locator('.city-chips .chip > span').allInnerTexts(), ['苏州市'])
    await page.getByRole('button', { name: /选择城市/ }).tap()
    await panel.getByLabel('搜索城市').fill('杭州')
    await panel
      .locator('.city-results')
      .getByRole('button', { name: /杭州市/ })
      .tap()
    await panel.getByRole('button', { name: '完成' }).tap()
    await page.getByRole('button', { name: '【提交】' }).tap()
    await page.locator('body', { hasText: '求职意向已保存' }).waitFor()
    assert.sameMembers(await page.locator('.city-chips .chip > span').allInnerTexts(), [
      '苏州市',
      '杭州市',
    ])

    // 招聘职位: search, open, apply — the default resume is already chosen.
    await tapMenu(page, assert, '招聘职位')
    await page.waitForURL(/\/student\/jobs/)
    await page.locator('input[name=keyword]').fill('会计助理')
    await page.getByRole('button', { name: '搜索' }).tap()
    await page.waitForURL(/keyword=/)
    await assertNoSidewaysScroll(page, assert)
    await page.getByRole('link', { name: '会计助理', exact: true }).first().tap()
    await page.locator('#apply-button').tap()
    await page.waitForURL(/\/apply$/)
    const byDefault = w.zhangResumes.find((r) => r.isDefault)!
    assert.equal(await page.locator('select[name=resume_id]').inputValue(), String(byDefault.id))
    await assertNoSidewaysScroll(page, assert)
    await page.getByRole('button', { name: '投递简历' }).tap()
    await confirmInPage(page)
    await page.waitForURL(/\/student\/records/)
    await assertNoSidewaysScroll(page, assert)
    const job = w.jobs.find((j) => j.title === '会计助理')!
    const application = await JobApplication.query()
      .where('job_id', job.id)
      .where('user_id', w.studentZhang.id)
      .firstOrFail()
    assert.equal(application.resumeId, byDefault.id)
    // 求职记录 is a card list: the 查看详情 action of the row is on screen, not cut off.
    const action = page.locator('#records').getByRole('link', { name: '查看详情' }).first()
    const box = (await action.boundingBox())!
    assert.isAtMost(box.x + box.width, 390)
    await context.close()
  })

  test('张三 registers for the fair and opens his ticket; 我报名的活动 is a card list', async ({
    browser,
    assert,
  }) => {
    const w = await seedStudentWorld()
    const context = await phoneContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    await loginZhang(page)
    await tapMenu(page, assert, '招聘会')
    await page.waitForURL(/\/student\/fairs$/)
    await assertNoSidewaysScroll(page, assert)
    await page.getByRole('link', { name: w.provinceFair.title }).first().tap()
    await page.waitForURL(new RegExp(`/student/fairs/${w.provinceFair.id}$`))
    await assertNoSidewaysScroll(page, assert)
    await page.getByRole('button', { name: '学生报名参加' }).tap()
    await page.locator('#register-box', { hasText: '报名成功' }).waitFor()
    await page.getByRole('link', { name: '查看入场券' }).tap()
    await page.locator('#ticket').waitFor()
    assert.isTrue(await page.locator('#ticket-qr').isVisible())
    await assertNoSidewaysScroll(page, assert)

    await tapMenu(page, assert, '我报名的活动')
    await page.waitForURL(/\/student\/events$/)
    await assertNoSidewaysScroll(page, assert)
    const ticket = page.getByRole('link', { name: '查看入场券' }).first()
    const box = (await ticket.boundingBox())!
    assert.isAtMost(box.x + box.width, 390)
    await context.close()
  })

  test('张三 opens each 就业手续 page from the menu with one tap each', async ({
    browser,
    assert,
  }) => {
    await seedStudentWorld()
    const context = await phoneContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(10_000)
    await loginZhang(page)
    for (const [label, path] of [
      ['生源信息核对', '/student/procedures/source'],
      ['就业推荐表申请', '/student/procedures/recommendation'],
      ['网上签约', '/student/procedures/signing'],
      ['就业信息上报', '/student/procedures/report'],
      ['解约办理', '/student/procedures/termination'],
    ]) {
      await tapMenu(page, assert, label)
      await page.waitForURL(new RegExp(`${path}$`))
      assert.isTrue(await page.locator('h1').first().isVisible())
      await assertNoSidewaysScroll(page, assert)
    }
    // 网上签约 → the invitation's detail (card list action on screen).
    await page.goto(siteUrl('njsf', '/student/procedures/signing'))
    await page.locator('#invitations').getByRole('link', { name: '查看详情' }).first().tap()
    await page.waitForURL(/\/student\/procedures\/signing\/\d+$/)
    await assertNoSidewaysScroll(page, assert)
    await context.close()
  })
})

test.group('Menus: one tap or click opens, pointing never fights the click', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('desktop: hovering 求职中心 opens it and the click that follows keeps it open', async ({
    browser,
    assert,
  }) => {
    await seedStudentWorld()
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } })
    const page = await context.newPage()
    await loginZhang(page, false)
    const menu = page.locator('.nav-menu', { hasText: '求职中心' })
    const entry = menu.getByRole('link', { name: '求职意向管理' })
    assert.isFalse(await entry.isVisible())
    await menu.getByRole('button').hover()
    assert.isTrue(await entry.isVisible(), 'pointing opens')
    await menu.getByRole('button').click()
    assert.isTrue(await entry.isVisible(), 'the click after pointing does not close')
    await page.locator('h1').first().click()
    await page.mouse.move(0, 400)
    assert.isFalse(await entry.isVisible(), 'a click elsewhere closes')
    await context.close()
  })

  test('tablet (touch, wider than the ☰ breakpoint): one tap on 就业手续 opens its menu', async ({
    browser,
    assert,
  }) => {
    await seedStudentWorld()
    const { defaultBrowserType: engine, ...iPad } = devices['iPad (gen 7) landscape']
    void engine
    const context = await browser.newContext(iPad)
    const page = await context.newPage()
    await loginZhang(page)
    const menu = page.locator('.nav-menu', { hasText: '就业手续' })
    await menu.getByRole('button').tap()
    const entry = menu.getByRole('link', { name: '网上签约' })
    await entry.waitFor({ state: 'visible', timeout: 2000 }).catch(() => {})
    assert.isTrue(await entry.isVisible(), 'visible after one tap')
    await entry.tap()
    await page.waitForURL(/\/student\/procedures\/signing$/)
    await context.close()
  })
})

test.group('工作城市 picker by keyboard', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('Enter opens it with the search focused, Enter picks the first match, arrows walk the options, Esc closes; an eleventh city is refused', async ({
    browser,
    assert,
  }) => {
    await seedStudentWorld()
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } })
    const page = await context.newPage()
    await loginZhang(page, false)
    await page.goto(siteUrl('njsf', '/student/intention'))
    await page.getByText('拟就业', { exact: true }).click()
    const toggle = page.getByRole('button', { name: /选择城市/ })
    await toggle.focus()
    await page.keyboard.press('Enter')
    const search = page.getByLabel('搜索城市')
    await search.waitFor({ state: 'visible' })
    assert.isTrue(await search.evaluate((el) => el === (globalThis as any).document.activeElement))
    await page.keyboard.type('南京')
    await page.keyboard.press('Enter')
    // Enter in the search box picks, it does not submit the form.
    assert.match(page.url(), /\/student\/intention$/)
    assert.deepEqual(await page.locator('.city-chips .chip > span').allInnerTexts(), ['南京市'])
    await search.fill('')
    // The province list is back once the search is empty (Alpine re-renders it).
    await page.locator('.city-province').first().waitFor({ state: 'visible' })
    // Arrow down from the search box reaches the first province; Enter on 江苏省 opens its cities.
    await page.keyboard.press('ArrowDown')
    const onProvince = await page
      .waitForFunction(
        () => (globalThis as any).document.activeElement.classList.contains('city-province'),
        undefined,
        { timeout: 3000 }
      )
      .then(() => true)
      .catch(() => false)
    assert.isTrue(onProvince, 'ArrowDown from the search box moves to the provinces')
    await page.locator('.city-province', { hasText: '江苏省' }).focus()
    await page.keyboard.press('Enter')
    for (let i = 0; i < 40; i++) {
      const picked = await page.locator('.city-chips .chip').count()
      if (picked === 10) break
      await page.locator('.city-cities .city-option:not(.chosen)').first().focus()
      await page.keyboard.press('Enter')
    }
    assert.equal(await page.locator('.city-chips .chip').count(), 10)
    await page.locator('.city-cities .city-option:not(.chosen)').first().focus()
    await page.keyboard.press('Enter')
    assert.equal(await page.locator('.city-chips .chip').count(), 10)
    assert.include(
      await page.locator('.city-panel [role=status]').innerText(),
      '最多选择 10 个城市'
    )
    await page.keyboard.press('Escape')
    // Alpine hides the panel and gives focus back on its next tick.
    await page.locator('.city-panel').waitFor({ state: 'hidden', timeout: 3000 })
    await page
      .waitForFunction(
        () =>
          (globalThis as any).document.activeElement?.matches?.(
            'button.city-toggle, [aria-controls]'
          ),
        undefined,
        { timeout: 3000 }
      )
      .catch(() => null)
    assert.isTrue(await toggle.evaluate((el) => el === (globalThis as any).document.activeElement))
    await context.close()
  })
})
