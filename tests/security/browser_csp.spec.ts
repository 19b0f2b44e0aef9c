import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { capabilities } from '#tests/helpers/capabilities'
import { PASSWORD } from '#database/factories/core'
import { twoSchools, withModuleRecords } from '#tests/helpers/cast'
import { siteUrl } from '#tests/helpers/urls'

/**
 * The Content-Security-Policy must not break the app: pages are loaded in Chromium and every
 * violation (the `securitypolicyviolation` event and Chromium's "Refused to …" console lines)
 * is collected. htmx, Alpine and app.js must run: the checks below click through them.
 */
test.group('CSP 不影响页面运行（Chromium 中无违规报告）', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.tap((t) => t.skip(!capabilities.chromiumPath, 'Chromium not installed'))

  test('公开页、学生、单位页面加载与交互时没有 CSP 违规', async ({ browserContext, assert }) => {
    const world = await twoSchools()
    const { devJob } = await withModuleRecords(world)
    const violations: string[] = []
    // Runs in the page (a string: the test project has no DOM types).
    await browserContext.addInitScript(`
      document.addEventListener('securitypolicyviolation', (e) => {
        console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile + ':' + e.lineNumber)
      })
    `)
    const page = await browserContext.newPage()
    page.on('console', (message) => {
      const text = message.text()
      if (/Content Security Policy|Refused to|CSP violation/i.test(text)) {
        violations.push(`${page.url()}: ${text}`)
      }
    })
    const visit = async (url: string) => {
      const response = await page.goto(url)
      return response?.status()
    }

    for (const path of ['/', '/jobs', '/login', '/employer/login', '/admin/login']) {
      assert.oneOf(await visit(siteUrl(null, path)), [200])
    }
    assert.equal(await visit(siteUrl(null, '/no-such-page')), 404)

    // Student on the school subsite: login form, Alpine (intention radios), htmx (job filters).
    await visit(siteUrl('njsf', '/login'))
    await page.locator('input[name=student_number]').fill(world.zhangsan.studentNumber)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(/\/student$/)
    await visit(siteUrl('njsf', '/student/intention'))
    await page.locator('input[name=type][value=further_study]').check()
    await page.locator('#employment-fields').waitFor({ state: 'hidden' })
    await page.locator('input[name=type][value=employment]').check()
    await page.locator('#employment-fields').waitFor({ state: 'visible' })
    await visit(siteUrl('njsf', '/student/jobs'))
    await visit(siteUrl('njsf', `/jobs/${devJob.id}`))
    await page.locator('form[action="/logout"] button').first().click()
    await page.waitForURL(/\/$/)

    // Employer: job list with its confirm form, job form.
    await visit(siteUrl(null, '/employer/login'))
    await page.locator('input[name=account]').fill(world.employerUser.username)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.waitForURL(/\/employer$/)
    for (const path of ['/employer/jobs', '/employer/jobs/new', '/employer/applications']) {
      assert.equal(await visit(siteUrl(null, path)), 200, path)
    }
    // A data-confirm form (was an inline onsubmit): dismissing the dialog keeps the job open.
    page.once('dialog', (dialog) => dialog.dismiss())
    const close = page.locator('form[action$="/close"] button').first()
    if (await close.count()) {
      await close.click()
      await page.waitForTimeout(300)
      assert.match(page.url(), /\/employer\/jobs$/)
    }

    assert.deepEqual(violations, [])
  })
})
