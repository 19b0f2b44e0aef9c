import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import i18nManager from '@adonisjs/i18n/services/main'
import { MessageBuilder } from '@adonisjs/core/helpers'
import type { ApiClient } from '@japa/api-client'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import configCache from '#core/tenancy/config_cache'
import { LeanDatabaseStore } from '#core/http/session/lean_database_store'
import { clearBuiltNavigation } from '#core/ui/navigation'
import { nowDb } from '#core/database/time'

/** A student of 南京示范大学, and a request of their 消息 page on the school's subsite. */
async function studentMessagesPage(client: ApiClient) {
  const { school } = await world.school({ code: 'njsf' })
  const { user: zhang } = await world.student(school)
  return { zhang, page: () => as(client, zhang, { site: 'njsf' }).visit('/student/messages') }
}

/**
 * The per-request work kept or folded for logged-in pages (issue 12; README: Benchmarks), each
 * checked against a change made by "another process": a write straight to the database.
 */
test.group('登录页面的缓存与合并查询：其他进程的修改下一次请求即可见', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.teardown(() => {
    configCache.clear()
    clearBuiltNavigation()
  })

  test('导航按模块开关缓存：学校关闭活动模块后，下一次请求的学生导航不再有我报名的活动', async ({
    client,
    assert,
  }) => {
    const { zhang, page } = await studentMessagesPage(client)
    const before = await page()
    before.assertStatus(200)
    assert.include(before.text(), 'href="/student/events"')
    // Built once, then the same for the next request.
    assert.include((await page()).text(), 'href="/student/events"')
    const site = await db.from('sites').where('school_id', zhang.schoolId!).firstOrFail()
    const now = nowDb()
    await db.table('site_modules').insert({
      site_id: site.id,
      module_id: 'events',
      enabled: false,
      settings: null,
      created_at: now,
      updated_at: now,
    })
    const after = await page()
    after.assertStatus(200)
    assert.notInclude(after.text(), 'href="/student/events"')
    assert.include(after.text(), 'href="/student/messages"', 'the core entries stay')
  })

  test('未读消息数随用户行一起读：另一进程发来的消息下一次请求即计入角标', async ({
    client,
    assert,
  }) => {
    const { zhang, page } = await studentMessagesPage(client)
    const before = await page()
    assert.notInclude(before.text(), 'id="unread-badge"')
    await db.table('messages').insert({
      user_id: zhang.id,
      title: '面试邀请',
      category: 'system',
      created_at: nowDb(),
    })
    const after = await page()
    assert.match(after.text(), /id="unread-badge">1</)
    await db.from('messages').where('user_id', zhang.id).update({ read_at: nowDb() })
    assert.notInclude((await page()).text(), 'id="unread-badge"')
  })

  test('数据库会话读取同时带回租户配置版本：另一进程改了站点，下一次会话读取即清空缓存', async ({
    assert,
  }) => {
    await world.mainSite()
    const id = 'perf-session-1'
    await db.table('sessions').insert({
      id,
      data: new MessageBuilder().build({ hello: 'world' }, undefined, id),
      expires_at: new Date(Date.now() + 3600_000),
    })
    let synced = 0
    const store = new LeanDatabaseStore(false, db.connection(), 3600, 'sessions', 0, () => synced++)
    assert.deepEqual(await store.read(id), { hello: 'world' })
    assert.equal(synced, 1, 'the read tells the request that the version is synced')
    let loads = 0
    const load = async () => ++loads
    assert.equal(await configCache.get('k', load), 1)
    assert.equal(
      await configCache.get('k', load),
      1,
      'cached under the version read with the session'
    )
    // Another process renames a site: the trigger replaces the version.
    await db.from('sites').where('is_main', true).update({ name: '江苏省大学生就业服务平台（新）' })
    await store.read(id)
    assert.equal(await configCache.get('k', load), 2, 'the next session read dropped the cache')
    // No row: nothing synced (the site middleware then reads the version itself).
    assert.isNull(await store.read('no-such-session'))
    assert.equal(synced, 2)
  })

  test('ICU 文案编译缓存：同一文案不同参数各得其值，与未缓存的格式化结果一致', async ({
    assert,
  }) => {
    const i18n = i18nManager.locale('zh-CN')
    const formatter = i18nManager.getFormatter()
    const message = '{count, plural, =0 {没有} other {共 # 条}}，{name}'
    assert.equal(formatter.format(message, 'zh-CN', { count: 0, name: '甲' }), '没有，甲')
    assert.equal(formatter.format(message, 'zh-CN', { count: 3, name: '乙' }), '共 3 条，乙')
    assert.equal(formatter.format("It''s {n}", 'en', { n: 1 }), "It's 1")
    assert.equal(formatter.format('纯文本', 'zh-CN'), '纯文本')
    // Keys of the lang files format as before.
    assert.equal(i18n.t('nav.student.home'), i18n.formatRawMessage(i18n.t('nav.student.home')))
  })
})
