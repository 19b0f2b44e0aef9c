import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import { seedEvents } from '#modules/events/database/demo'
import moduleSwitches from '#core/modules/module_switches'

const PUBLIC_PAGES = [
  '/',
  '/login',
  '/activate',
  '/employer/login',
  '/employer/register',
  '/admin/login',
  '/announcements',
  '/jobs',
  '/fairs',
  '/sessions',
]

/** The labels of the topbar navigation, in order. */
function navLabels(html: string) {
  const nav = html.match(/<nav class="nav"[\s\S]*?<\/nav>/)?.[0] ?? ''
  return [...nav.matchAll(/<a [^>]*>([^<]+)<\/a>/g)].map((m) => m[1].trim())
}

test.group('Public pages share one navigation, contributed by the enabled modules', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('every public page shows 首页, 招聘会, 宣讲会, 招聘职位, 招聘公告', async ({
    client,
    assert,
  }) => {
    await seedCore()
    for (const host of ['localhost', 'njsf.localhost']) {
      for (const path of PUBLIC_PAGES) {
        const response = await client.get(path).header('host', host)
        response.assertStatus(200)
        assert.deepEqual(
          navLabels(response.text()),
          ['首页', '招聘会', '宣讲会', '招聘职位', '招聘公告'],
          `${host}${path}`
        )
      }
    }
  })

  test('a module the school switched off leaves its subsite navigation only', async ({
    client,
    assert,
  }) => {
    const { njsfSite } = await seedCore()
    await moduleSwitches.setEnabled(njsfSite, 'events', false)
    const subsite = await client.get('/announcements').header('host', 'njsf.localhost')
    assert.deepEqual(navLabels(subsite.text()), ['首页', '招聘职位', '招聘公告'])
    const other = await client.get('/announcements').header('host', 'szsf.localhost')
    assert.deepEqual(navLabels(other.text()), ['首页', '招聘会', '宣讲会', '招聘职位', '招聘公告'])
  })

  test('a login or error message is shown once on the login page', async ({ client, assert }) => {
    await seedCore()
    const response = await client.get('/student').header('host', 'njsf.localhost')
    const text = response.text()
    assert.equal(text.split('请先登录').length - 1, 1)
  })

  test('event detail pages carry the same navigation', async ({ client, assert }) => {
    await seedEvents(await seedCore())
    const list = await client.get('/fairs').header('host', 'njsf.localhost')
    const link = list.text().match(/href="(\/fairs\/\d+)"/)?.[1]
    assert.isString(link)
    const detail = await client.get(link!).header('host', 'njsf.localhost')
    assert.deepEqual(navLabels(detail.text()), ['首页', '招聘会', '宣讲会', '招聘职位', '招聘公告'])
  })
})
