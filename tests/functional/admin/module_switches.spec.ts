import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { seedCore } from '#database/demo/core'
import moduleSwitches from '#core/modules/module_switches'
import moduleRegistry from '#core/modules/registry'

/**
 * PRODUCT "Modules": the province decides availability, each school switches available
 * modules on or off; a disabled module's routes answer 本校未开通此功能 for that school only.
 * Uses the events module's student route /student/events (我报名的活动).
 */
const MODULE = 'events'
const ROUTE = '/student/events'

test.group('Module switches (功能模块): school on/off, province availability', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a school admin switching a module off closes it for that school’s students only', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, studentZhang, studentWang } = await seedCore()
    ;(await client.get(ROUTE).header('host', 'njsf.localhost').loginAs(studentZhang)).assertStatus(
      200
    )

    const off = await client
      .post(`/school/modules/${MODULE}`)
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ enabled: '0' })
      .redirects(0)
    off.assertStatus(302)
    off.assertFlashMessage('success', `已为本校关闭：${moduleRegistry.get(MODULE)!.name.zh}`)

    const zhang = await client.get(ROUTE).header('host', 'njsf.localhost').loginAs(studentZhang)
    zhang.assertStatus(404)
    zhang.assertTextIncludes('本校未开通此功能')
    // Also on the main site: the student's own school counts.
    ;(await client.get(ROUTE).loginAs(studentZhang)).assertTextIncludes('本校未开通此功能')
    const wang = await client.get(ROUTE).header('host', 'szsf.localhost').loginAs(studentWang)
    wang.assertStatus(200)

    const log = await db.from('audit_logs').where('action', 'module.disable').first()
    assert.equal(log.actor_id, njsfStaff.id)
    assert.equal(log.subject_id, MODULE)

    // Switching it back on restores it at once (no stale cache in any process).
    await client
      .post(`/school/modules/${MODULE}`)
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ enabled: '1' })
      .redirects(0)
    ;(await client.get(ROUTE).header('host', 'njsf.localhost').loginAs(studentZhang)).assertStatus(
      200
    )
  })

  test('province availability off hides the module for every school, and schools cannot switch it on', async ({
    client,
    assert,
  }) => {
    const { admin, njsfStaff, studentZhang, studentWang, njsf } = await seedCore()
    const off = await client
      .post(`/province/modules/${MODULE}`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ enabled: '0' })
      .redirects(0)
    off.assertFlashMessage('success', `已在全省停用：${moduleRegistry.get(MODULE)!.name.zh}`)
    ;(
      await client.get(ROUTE).header('host', 'njsf.localhost').loginAs(studentZhang)
    ).assertTextIncludes('本校未开通此功能')
    ;(
      await client.get(ROUTE).header('host', 'szsf.localhost').loginAs(studentWang)
    ).assertTextIncludes('本校未开通此功能')

    const attempt = await client
      .post(`/school/modules/${MODULE}`)
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ enabled: '1' })
      .redirects(0)
    attempt.assertFlashMessage('error', '该功能未在全省开放，暂不能开通')
    assert.isFalse(await moduleSwitches.isEnabledForSchool(njsf.id, MODULE))
    const page = await client
      .get('/school/modules')
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
    page.assertTextIncludes('省级未开放')
  })

  test('only the province and the school’s own (non-college) staff switch modules', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, studentZhang, szsf } = await seedCore()
    ;(
      await client
        .post(`/province/modules/${MODULE}`)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .form({ enabled: '0' })
        .redirects(0)
    ).assertStatus(403)
    ;(
      await client
        .post(`/school/modules/${MODULE}`)
        .header('host', 'njsf.localhost')
        .loginAs(studentZhang)
        .withCsrfToken()
        .form({ enabled: '0' })
        .redirects(0)
    ).assertStatus(403)
    assert.isTrue(await moduleSwitches.isAvailableInProvince(MODULE))
    assert.isTrue(await moduleSwitches.isEnabledForSchool(szsf.id, MODULE))
  })
})

test.group('Module settings: province defaults, school overrides (settingsFor)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  // The test-only `hello` module declares greeting (province only) and daily_limit (school overridable).
  test('settingsFor merges manifest defaults ← province defaults ← overridable school values', async ({
    assert,
  }) => {
    const { main, njsfSite, njsf, szsf } = await seedCore()
    assert.deepEqual(await moduleSwitches.settingsFor(njsf.id, 'hello'), {
      greeting: '你好',
      daily_limit: 3,
    })
    await moduleSwitches.setSettings(main, 'hello', { greeting: '欢迎', daily_limit: 10 })
    await moduleSwitches.setSettings(njsfSite, 'hello', {
      greeting: '学校想改但不能改',
      daily_limit: 5,
    })
    assert.deepEqual(await moduleSwitches.settingsFor(njsf.id, 'hello'), {
      greeting: '欢迎',
      daily_limit: 5,
    })
    assert.deepEqual(await moduleSwitches.settingsFor(szsf.id, 'hello'), {
      greeting: '欢迎',
      daily_limit: 10,
    })
    assert.deepEqual(await moduleSwitches.settingsFor(null, 'hello'), {
      greeting: '欢迎',
      daily_limit: 10,
    })
  })

  test('the province edits defaults and a school its overrides through the admin pages; bad values are refused', async ({
    client,
    assert,
  }) => {
    const { admin, njsfStaff, njsf, szsf } = await seedCore()
    const bad = await client
      .post('/province/modules/hello')
      .loginAs(admin)
      .withCsrfToken()
      .form({ s_greeting: '欢迎', s_daily_limit: 'abc' })
      .redirects(0)
    bad.assertFlashMessage('error', '每日次数必须是数字')
    const ok = await client
      .post('/province/modules/hello')
      .loginAs(admin)
      .withCsrfToken()
      .form({ s_greeting: '欢迎', s_daily_limit: '42' })
      .redirects(0)
    ok.assertFlashMessage('success', '已保存测试模块的设置')

    const schoolPage = await client
      .get('/school/modules')
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
    schoolPage.assertTextIncludes('每日次数')
    assert.notInclude(
      schoolPage.text(),
      'name="s_greeting"',
      'a province-only setting is not offered to schools'
    )
    await client
      .post('/school/modules/hello')
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ s_daily_limit: '7', s_greeting: '改不了' })
      .redirects(0)
    assert.deepEqual(await moduleSwitches.settingsFor(njsf.id, 'hello'), {
      greeting: '欢迎',
      daily_limit: 7,
    })
    assert.deepEqual(await moduleSwitches.settingsFor(szsf.id, 'hello'), {
      greeting: '欢迎',
      daily_limit: 42,
    })
  })
})

test.group('Module admin resources: mounted from the manifest, scoped and guarded', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a module resource appears in the school admin, scoped to the school, and vanishes when the school switches the module off', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, szsfStaff, njsfSite, wangwu } = await seedCore()
    const list = await client
      .get('/school/hello-roster')
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
    list.assertStatus(200)
    list.assertTextIncludes('张三')
    assert.notInclude(list.text(), '王五')
    ;(
      await client
        .get(`/school/hello-roster/${wangwu.id}`)
        .header('host', 'njsf.localhost')
        .loginAs(njsfStaff)
    ).assertStatus(404)
    const action = await client
      .post(`/school/hello-roster/${wangwu.id}/actions/greet`)
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .redirects(0)
    action.assertStatus(404)
    const menu = await client.get('/school').header('host', 'njsf.localhost').loginAs(njsfStaff)
    menu.assertTextIncludes('href="/school/hello-roster"')

    await moduleSwitches.setEnabled(njsfSite, 'hello', false)
    const off = await client
      .get('/school/hello-roster')
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
    off.assertStatus(404)
    off.assertTextIncludes('本校未开通此功能')
    assert.notInclude(
      (await client.get('/school').header('host', 'njsf.localhost').loginAs(njsfStaff)).text(),
      'href="/school/hello-roster"'
    )
    ;(
      await client.get('/school/hello-roster').header('host', 'szsf.localhost').loginAs(szsfStaff)
    ).assertStatus(200)
  })
})
