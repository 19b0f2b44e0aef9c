import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import { siteUrl } from '#tests/helpers/urls'
import Graduate from '#core/registry/models/graduate'
import { confirmInPage } from '#tests/helpers/confirm'

test.group('生源库 in the school admin (browser)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('filter by college in place (htmx, URL kept), errors beside fields, bulk 标记可签约', async ({
    visit,
    assert,
  }) => {
    const { school } = await world.school({ code: 'njsf' })
    await world.graduate(school, { name: '张三', college: '计算机学院', signable: true })
    const lisi = await world.graduate(school, { name: '李四', college: '经济管理学院' })
    await world.graduate(school, { name: '赵六', college: '计算机学院' })
    const staff = await world.staff(school)
    const page = await visit(siteUrl('njsf', '/admin/login'))
    await page.locator('input[name=account]').fill(staff.username)
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).click()
    await page.goto(siteUrl('njsf', '/school/graduates'))
    await page.assertInputValue('input[name=q]', '')

    await page.locator('select[name=f_college]').selectOption('计算机学院')
    await page.waitForURL(/f_college=/)
    await page.locator('#resource-table', { hasNotText: '李四' }).waitFor()
    await page.assertTextContains('#resource-table', '张三')
    assert.include(decodeURIComponent(page.url()), 'f_college=计算机学院')

    await page.goto(siteUrl('njsf', `/school/graduates/${lisi.id}/edit`))
    await page.locator('input[name=phone]').fill('123')
    await page.getByRole('button', { name: '保存' }).click()
    await page.assertTextContains('[data-error-for=phone]', '手机号格式错误')
    await page.assertInputValue('input[name=phone]', '123')

    await page.goto(siteUrl('njsf', '/school/graduates?f_signable=0'))
    await page.locator('tr', { hasText: '李四' }).locator('input[name=ids]').check()
    await page.locator('tr', { hasText: '赵六' }).locator('input[name=ids]').check()
    await page.getByRole('button', { name: '批量标记可签约' }).click()
    await confirmInPage(page)
    await page.assertTextContains('.alert-success', '已将 2 名学生标记为可签约')
    assert.isTrue(Boolean((await Graduate.findOrFail(lisi.id)).signable))
  }).timeout(60_000)
})
