import http from 'node:http'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { as, guest } from '#tests/helpers/requests'
import configCache, { ConfigCache } from '#core/tenancy/config_cache'
import microCache from '#core/http/micro_cache'
import moduleSwitches from '#core/modules/module_switches'
import { nowDb } from '#core/database/time'

/**
 * "Another process" is a write that goes straight to the database (raw SQL, none of this
 * process's invalidation hooks), as a second web process or an admin on another server would.
 */
test.group('站点与模块开关缓存：任一进程的修改，其他进程下一次请求即可见', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.teardown(() => configCache.clear())

  test('站点改名后，下一次请求显示新名称（缓存命中期间不查站点表）', async ({ client, assert }) => {
    const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const first = await guest(client, { site: 'njsf' }).visit('/')
    first.assertTextIncludes('南京示范大学')
    const hits = configCache.hits
    await guest(client, { site: 'njsf' }).visit('/')
    assert.isAbove(configCache.hits, hits, 'the second request is answered from the cache')

    await db.from('sites').where('school_id', njsf.id).update({ name: '南京示范大学就业网（新）' })
    const after = await guest(client, { site: 'njsf' }).visit('/')
    after.assertTextIncludes('南京示范大学就业网（新）')
  })

  test('省级关闭求职模块后，下一次请求的门户导航即不再显示招聘职位', async ({ client, assert }) => {
    await world.mainSite()
    const before = await guest(client).visit('/')
    assert.include(before.text(), 'href="/jobs"')
    await guest(client).visit('/')
    const main = await db.from('sites').where('is_main', true).firstOrFail()
    const now = nowDb()
    await db.table('site_modules').insert({
      site_id: main.id,
      module_id: 'job_seeking',
      enabled: false,
      settings: null,
      created_at: now,
      updated_at: now,
    })
    const after = await guest(client).visit('/')
    assert.notInclude(after.text(), 'href="/jobs"')
  })

  test('学校关闭模块：两个缓存实例共用数据库，另一实例同步后即看到变化', async ({ assert }) => {
    const { school: njsf } = await world.school({ code: 'njsf' })
    const processA = new ConfigCache()
    const processB = new ConfigCache()
    const load = () =>
      db
        .from('site_modules')
        .join('sites', 'sites.id', 'site_modules.site_id')
        .where('sites.school_id', njsf.id)
        .select('site_modules.module_id', 'site_modules.enabled')
    const key = `switches:${njsf.id}`
    await processB.sync()
    assert.deepEqual(await processB.get(key, load), [])
    // Process A (its own cache) switches 求职 off for the school.
    await processA.sync()
    const site = await db.from('sites').where('school_id', njsf.id).firstOrFail()
    const now = nowDb()
    await db.table('site_modules').insert({
      site_id: site.id,
      module_id: 'job_seeking',
      enabled: false,
      settings: null,
      created_at: now,
      updated_at: now,
    })
    // B without a sync still has its cached answer; its next request syncs and sees the switch.
    assert.deepEqual(await processB.get(key, load), [])
    await processB.sync()
    const rows = await processB.get(key, load)
    assert.lengthOf(rows, 1)
    assert.isFalse(Boolean(rows[0].enabled))
  })

  test('本进程内保存开关后，同一请求里随后的读取即是新值', async ({ assert }) => {
    const { school: njsf } = await world.school({ code: 'njsf' })
    await configCache.sync()
    assert.isTrue(await moduleSwitches.isEnabledForSchool(njsf.id, 'job_seeking'))
    const site = await (
      await import('#core/tenancy/models/site')
    ).default
      .query()
      .where('school_id', njsf.id)
      .firstOrFail()
    await moduleSwitches.setEnabled(site, 'job_seeking', false)
    assert.isFalse(await moduleSwitches.isEnabledForSchool(njsf.id, 'job_seeking'))
  })
})

/**
 * A browser's first visit: no cookie at all (the api client always attaches a session cookie).
 */
function visit(path: string, host = 'localhost', cookie?: string) {
  return new Promise<{ status: number; setCookie?: string[]; text: string }>((resolve, reject) => {
    const req = http.request(
      {
        host: process.env.HOST,
        port: process.env.PORT,
        path,
        headers: { host, ...(cookie ? { cookie } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c) => chunks.push(c))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            setCookie: res.headers['set-cookie'],
            text: Buffer.concat(chunks).toString('utf8'),
          })
        )
      }
    )
    req.on('error', reject)
    req.end()
  })
}

test.group('匿名页面微缓存：登录用户的页面绝不进出微缓存', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.setup(() => {
    microCache.clear()
    microCache.ttlMs = 1000
    return () => {
      microCache.ttlMs = 0
      microCache.clear()
    }
  })

  test('匿名访问的公开页面被缓存，且不带 Set-Cookie 与 CSRF 令牌', async ({ assert }) => {
    await world.school({ code: 'njsf', name: '南京示范大学' })
    const first = await visit('/announcements')
    assert.equal(first.status, 200)
    assert.isUndefined(first.setCookie)
    assert.notInclude(first.text, 'x-csrf-token')
    assert.notInclude(first.text, '_csrf')
    const hits = microCache.hits
    const second = await visit('/announcements')
    assert.equal(microCache.hits, hits + 1, 'served from the micro-cache')
    assert.isUndefined(second.setCookie)
    assert.equal(second.text, first.text)
    // Per site: the subsite's page is its own.
    const school = await visit('/announcements', 'njsf.localhost')
    assert.include(school.text, '南京示范大学')
    assert.equal(microCache.hits, hits + 1)
  })

  test('登录学生的请求不读也不写微缓存', async ({ client, assert }) => {
    const { school: njsf } = await world.school({ code: 'njsf' })
    const { user: zhang } = await world.student(njsf, { name: '张三' })
    // An anonymous copy is in the cache …
    await visit('/announcements', 'njsf.localhost')
    assert.equal(microCache.entries.size, 1)
    const hits = microCache.hits
    // … yet the student gets their own page, with their name and a token for their forms.
    const mine = await as(client, zhang, { site: 'njsf' }).visit('/announcements')
    mine.assertStatus(200)
    mine.assertTextIncludes(zhang.name)
    assert.include(mine.text(), 'x-csrf-token')
    const home = await as(client, zhang, { site: 'njsf' }).visit('/student')
    home.assertStatus(200)
    assert.equal(microCache.hits, hits, 'no logged-in request was answered from the cache')
    // And nothing of the student's page was stored for anonymous visitors.
    microCache.clear()
    await as(client, zhang, { site: 'njsf' }).visit('/announcements')
    assert.equal(microCache.entries.size, 0)
    const anonymous = await visit('/announcements', 'njsf.localhost')
    assert.notInclude(anonymous.text, zhang.name)
  })

  test('带 Cookie 的匿名访问（如已打开登录页）不使用微缓存', async ({ assert }) => {
    await world.mainSite()
    const login = await visit('/login')
    assert.exists(login.setCookie, 'the login form makes a session (its CSRF token)')
    assert.equal(microCache.entries.size, 0, 'a page with Set-Cookie is not stored')
    await visit('/announcements')
    const hits = microCache.hits
    const withCookie = await visit('/announcements', 'localhost', login.setCookie![0].split(';')[0])
    assert.equal(withCookie.status, 200)
    assert.equal(microCache.hits, hits)
  })
})
