import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { siteUrl } from '#tests/helpers/urls'
import { toDb } from '#core/database/time'
import type Graduate from '#core/registry/models/graduate'
import { world } from '#modules/procedures/tests/helpers'
import { planOf } from '#modules/procedures/database/factories/procedures'
import { logIn } from '#modules/procedures/tests/browser/steps'

/** An approved registration (approved `at`, by its history) for the charts to draw. */
async function approved(graduate: Graduate, code: string, city: string, at: DateTime) {
  const planId = await planOf(graduate, code, {
    procedures_mode: '2023',
    employer_city: city,
    reviewed_at: toDb(at),
    registration_confirmed_at: toDb(at),
  })
  await db.table('destination_registration_changes').insert({
    plan_id: planId,
    graduate_id: graduate.id,
    school_id: graduate.schoolId,
    action: 'approve',
    field: 'status',
    old_value: 'pending',
    new_value: 'approved',
    created_at: toDb(at),
  })
}

test.group('就业统计 charts in a browser', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the school stats page draws every chart (ECharts SVG) with no console errors and no CSP violations', async ({
    visit,
    assert,
  }) => {
    const w = await world()
    await approved(w.zhangsan, '11', '江苏省南京市', DateTime.now().minus({ weeks: 2 }))
    await approved(w.lisi, '801', '上海市', DateTime.now())

    const page = await visit(siteUrl('njsf', '/admin/login'))
    const problems: string[] = []
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
    })
    page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
    // A CSP violation is reported to the page as an event; collect them before any script runs.
    // (a string: this file is compiled without the DOM types)
    await page.addInitScript(`
      window.__csp = []
      document.addEventListener('securitypolicyviolation', (e) =>
        window.__csp.push(e.violatedDirective + ' ' + e.blockedURI))
    `)
    await logIn(page, 'account', w.njsfStaff.username)
    await page.goto(siteUrl('njsf', '/school/procedures/stats'))
    await page.assertTextContains('h1', '就业统计')
    for (const id of ['chart-colleges', 'chart-trend', 'chart-distribution', 'chart-places']) {
      await page.locator(`#${id} svg`).first().waitFor({ timeout: 10_000 })
      assert.isTrue(await page.locator(`#${id}`).getAttribute('data-chart-ready').then(Boolean), id)
    }
    // The drawn bars/lines carry the figures: the college axis names 计算机学院.
    await page.assertTextContains('#chart-colleges', '计算机学院')
    assert.deepEqual(await page.evaluate('window.__csp'), [])
    assert.deepEqual(problems, [])
  })
})
