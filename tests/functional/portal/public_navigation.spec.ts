import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { guest } from '#tests/helpers/requests'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'
import { route } from '#tests/helpers/urls'
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
    await world.school({ code: 'njsf' })
    for (const site of [null, 'njsf']) {
      for (const path of PUBLIC_PAGES) {
        const response = await guest(client, { site }).visit(path)
        response.assertStatus(200)
        assert.deepEqual(
          navLabels(response.text()),
          ['首页', '招聘会', '宣讲会', '招聘职位', '招聘公告'],
          `${site ?? 'main'}${path}`
        )
      }
    }
  })

  test('a module the school switched off leaves its subsite navigation only', async ({
    client,
    assert,
  }) => {
    const { site: njsfSite } = await world.school({ code: 'njsf' })
    await world.school({ code: 'szsf' })
    await moduleSwitches.setEnabled(njsfSite, 'events', false)
    const subsite = await guest(client, { site: 'njsf' }).visit(route('announcements.index'))
    assert.deepEqual(navLabels(subsite.text()), ['首页', '招聘职位', '招聘公告'])
    const other = await guest(client, { site: 'szsf' }).visit(route('announcements.index'))
    assert.deepEqual(navLabels(other.text()), ['首页', '招聘会', '宣讲会', '招聘职位', '招聘公告'])
  })

  test('a login or error message is shown once on the login page', async ({ client, assert }) => {
    await world.school({ code: 'njsf' })
    const response = await guest(client, { site: 'njsf' }).visit(route('student.home'))
    const text = response.text()
    assert.equal(text.split('请先登录').length - 1, 1)
  })

  test('event detail pages carry the same navigation', async ({ client, assert }) => {
    const { school: njsf, site: njsfSite } = await world.school({ code: 'njsf' })
    const fair = await RecruitmentEventFactory.merge({
      siteId: njsfSite.id,
      schoolId: njsf.id,
    }).create()
    const list = await guest(client, { site: 'njsf' }).visit('/fairs')
    const link = list.text().match(/href="(\/fairs\/\d+)"/)?.[1]
    assert.equal(link, route('events.fairs.show', [fair.id]))
    const detail = await guest(client, { site: 'njsf' }).visit(link!)
    assert.deepEqual(navLabels(detail.text()), ['首页', '招聘会', '宣讲会', '招聘职位', '招聘公告'])
  })
})
