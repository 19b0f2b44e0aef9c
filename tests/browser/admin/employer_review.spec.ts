import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { EmployerFactory, PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import { siteUrl } from '#tests/helpers/urls'

test.group('Province admin reviews an employer (browser)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the review dialog returns a pending employer with a reason', async ({ visit, assert }) => {
    const admin = await world.provinceAdmin()
    const employer = await EmployerFactory.merge({ name: '待审科技有限公司' }).create()
    const page = await visit(siteUrl(null, '/admin/login'))
    await page.locator('input[name=account]').fill(admin.username)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.assertPath('/province')
    await page.assertTextContains('#todos', '待审核的用人单位')
    await page.locator('#todos').getByRole('link', { name: '待审核的用人单位' }).click()
    await page.getByRole('link', { name: '待审科技有限公司' }).first().click()
    await page.getByRole('button', { name: '审核' }).click()
    await page.locator('#review-comment').fill('营业执照与单位名称不一致')
    await page.getByRole('button', { name: '驳回' }).click()
    await page.assertTextContains('.alert-success', '已退回')
    await page.assertTextContains('.descriptions', '营业执照与单位名称不一致')
    await employer.refresh()
    assert.equal(employer.status, 'rejected')
  }).timeout(60_000)
})
