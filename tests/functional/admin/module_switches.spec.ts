import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import moduleSwitches from '#core/modules/module_switches'
import moduleRegistry from '#core/modules/registry'

/**
 * PRODUCT "Modules": the province decides availability, each school switches available
 * modules on or off; a disabled module's routes answer 本校未开通此功能 for that school only.
 * Uses the events module's student route /student/events (我报名的活动).
 */
const MODULE = 'events'
const ROUTE = '/student/events'

/** Two schools with their subsites, each with a school admin and an activated student. */
async function twoSchools() {
  const { school: njsf, site: njsfSite } = await world.school({
    code: 'njsf',
    name: '南京示范大学',
  })
  const { school: szsf, site: szsfSite } = await world.school({
    code: 'szsf',
    name: '苏州示范学院',
  })
  const zhang = await world.student(njsf, { name: '张三' })
  const wang = await world.student(szsf, { name: '王五' })
  return {
    njsf,
    njsfSite,
    szsf,
    szsfSite,
    njsfStaff: await world.staff(njsf),
    szsfStaff: await world.staff(szsf),
    zhang: zhang.user,
    wang: wang.user,
    wangwu: wang.graduate,
  }
}
type TwoSchools = Awaited<ReturnType<typeof twoSchools>>

test.group('Module switches (功能模块): school on/off, province availability', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a school admin switching a module off closes it for that school’s students only', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, zhang, wang } = await twoSchools()
    ;(await as(client, zhang, { site: 'njsf' }).visit(ROUTE)).assertStatus(200)

    const off = await as(client, njsfStaff, { site: 'njsf' }).postForm(
      `/school/modules/${MODULE}`,
      {
        enabled: '0',
      }
    )
    off.assertStatus(302)
    off.assertFlashMessage('success', `已为本校关闭：${moduleRegistry.get(MODULE)!.name.zh}`)

    const closed = await as(client, zhang, { site: 'njsf' }).visit(ROUTE)
    closed.assertStatus(404)
    closed.assertTextIncludes('本校未开通此功能')
    // Also on the main site: the student's own school counts.
    ;(await as(client, zhang).visit(ROUTE)).assertTextIncludes('本校未开通此功能')
    ;(await as(client, wang, { site: 'szsf' }).visit(ROUTE)).assertStatus(200)

    const log = await db.from('audit_logs').where('action', 'module.disable').first()
    assert.equal(log.actor_id, njsfStaff.id)
    assert.equal(log.subject_id, MODULE)

    // Switching it back on restores it at once (no stale cache in any process).
    await as(client, njsfStaff, { site: 'njsf' }).postForm(`/school/modules/${MODULE}`, {
      enabled: '1',
    })
    ;(await as(client, zhang, { site: 'njsf' }).visit(ROUTE)).assertStatus(200)
  })

  test('province availability off hides the module for every school, and schools cannot switch it on', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const { njsfStaff, zhang, wang, njsf } = await twoSchools()
    const off = await as(client, admin).postForm(`/province/modules/${MODULE}`, { enabled: '0' })
    off.assertFlashMessage('success', `已在全省停用：${moduleRegistry.get(MODULE)!.name.zh}`)
    ;(await as(client, zhang, { site: 'njsf' }).visit(ROUTE)).assertTextIncludes('本校未开通此功能')
    ;(await as(client, wang, { site: 'szsf' }).visit(ROUTE)).assertTextIncludes('本校未开通此功能')

    const attempt = await as(client, njsfStaff, { site: 'njsf' }).postForm(
      `/school/modules/${MODULE}`,
      { enabled: '1' }
    )
    attempt.assertFlashMessage('error', '该功能未在全省开放，暂不能开通')
    assert.isFalse(await moduleSwitches.isEnabledForSchool(njsf.id, MODULE))
    const page = await as(client, njsfStaff, { site: 'njsf' }).visit('/school/modules')
    page.assertTextIncludes('省级未开放')
  })

  // Only the province and the school's own (non-college) staff switch modules.
  test('{actor} cannot switch a module off')
    .with([
      {
        actor: 'school staff on the province page',
        url: `/province/modules/${MODULE}`,
        site: null,
        make: (s: TwoSchools) => s.njsfStaff,
      },
      {
        actor: 'a student',
        url: `/school/modules/${MODULE}`,
        site: 'njsf',
        make: (s: TwoSchools) => s.zhang,
      },
      {
        actor: 'a college teacher',
        url: `/school/modules/${MODULE}`,
        site: 'njsf',
        make: (s: TwoSchools) => world.staff(s.njsf, { college: '计算机学院' }),
      },
    ])
    .run(async ({ client, assert }, row) => {
      const schools = await twoSchools()
      const actor = await row.make(schools)
      const response = await as(client, actor, { site: row.site }).postForm(row.url, {
        enabled: '0',
      })
      response.assertStatus(403)
      assert.isTrue(await moduleSwitches.isAvailableInProvince(MODULE))
      assert.isTrue(await moduleSwitches.isEnabledForSchool(schools.njsf.id, MODULE))
    })
})

test.group('Module settings: province defaults, school overrides (settingsFor)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  // The test-only `hello` module declares greeting (province only) and daily_limit (school overridable).
  test('settingsFor merges manifest defaults ← province defaults ← overridable school values', async ({
    assert,
  }) => {
    const main = await world.mainSite()
    const { school: njsf, site: njsfSite } = await world.school()
    const { school: szsf } = await world.school()
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
    const admin = await world.provinceAdmin()
    const { njsfStaff, njsf, szsf } = await twoSchools()
    const bad = await as(client, admin).postForm('/province/modules/hello', {
      s_greeting: '欢迎',
      s_daily_limit: 'abc',
    })
    bad.assertFlashMessage('error', '每日次数必须是数字')
    bad.assertFlashMessage('errorsBag', { s_daily_limit: '每日次数必须是数字' })
    const ok = await as(client, admin).postForm('/province/modules/hello', {
      s_greeting: '欢迎',
      s_daily_limit: '42',
    })
    ok.assertFlashMessage('success', '已保存测试模块的设置')

    const schoolPage = await as(client, njsfStaff, { site: 'njsf' }).visit('/school/modules')
    schoolPage.assertTextIncludes('每日次数')
    assert.notInclude(
      schoolPage.text(),
      'name="s_greeting"',
      'a province-only setting is not offered to schools'
    )
    await as(client, njsfStaff, { site: 'njsf' }).postForm('/school/modules/hello', {
      s_daily_limit: '7',
      s_greeting: '改不了',
    })
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
    const { njsfStaff, szsfStaff, njsfSite, wangwu } = await twoSchools()
    const njsf = (path: string) => as(client, njsfStaff, { site: 'njsf' }).visit(path)
    const list = await njsf('/school/hello-roster')
    list.assertStatus(200)
    list.assertTextIncludes('张三')
    assert.notInclude(list.text(), '王五')
    ;(await njsf(`/school/hello-roster/${wangwu.id}`)).assertStatus(404)
    const action = await as(client, njsfStaff, { site: 'njsf' }).postForm(
      `/school/hello-roster/${wangwu.id}/actions/greet`
    )
    action.assertStatus(404)
    ;(await njsf('/school')).assertTextIncludes('href="/school/hello-roster"')

    await moduleSwitches.setEnabled(njsfSite, 'hello', false)
    const off = await njsf('/school/hello-roster')
    off.assertStatus(404)
    off.assertTextIncludes('本校未开通此功能')
    assert.notInclude((await njsf('/school')).text(), 'href="/school/hello-roster"')
    ;(await as(client, szsfStaff, { site: 'szsf' }).visit('/school/hello-roster')).assertStatus(200)
  })
})
