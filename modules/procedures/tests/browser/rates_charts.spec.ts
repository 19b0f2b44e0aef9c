import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { siteUrl } from '#tests/helpers/urls'
import { nowDb, toDb } from '#core/database/time'
import { world } from '#modules/procedures/tests/helpers'
import { destinationByCode } from '#modules/procedures/services/destination_codes'

/** Two approved registrations (one approved two weeks ago by its history) for the charts to draw. */
async function approved(
  graduateId: number,
  schoolId: number,
  code: string,
  city: string,
  at: DateTime
) {
  const d = await destinationByCode(code, '2024')
  const [row] = await db
    .table('employment_plans')
    .insert({
      graduate_id: graduateId,
      school_id: schoolId,
      signing_type: 'offline',
      destination_code_id: d!.id,
      code_version: '2024',
      procedures_mode: '2023',
      info_type: d!.infoType,
      employer_name: '某单位',
      employer_city: city,
      status: 'approved',
      active_key: graduateId,
      reviewed_at: toDb(at),
      registration_confirmed_at: toDb(at),
      created_at: nowDb(),
      updated_at: nowDb(),
    })
    .returning('id')
  const planId = Number(typeof row === 'object' ? row.id : row)
  await db.table('destination_registration_changes').insert({
    plan_id: planId,
    graduate_id: graduateId,
    school_id: schoolId,
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
    await approved(
      w.zhangsan.id,
      w.njsf.id,
      '11',
      '江苏省南京市',
      DateTime.now().minus({ weeks: 2 })
    )
    await approved(w.lisi.id, w.njsf.id, '801', '上海市', DateTime.now())

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
    await page.locator('input[name=account]').fill('njsf-admin')
    await page.locator('input[name=password]').fill('School@2026')
    await page.getByRole('button', { name: '登录' }).click()
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
