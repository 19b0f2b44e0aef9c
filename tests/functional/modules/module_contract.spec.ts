import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import moduleSwitches from '#core/modules/module_switches'

/** The test-only `hello` module (tests/fixtures/modules/hello) is registered by the tests (tests/modules.ts). */
test.group('Module contract: plugging a module in', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('its routes, navigation entry and home widget appear', async ({ client }) => {
    const { studentZhang } = await seedCore()
    const route = await client.get('/student/hello').loginAs(studentZhang)
    route.assertStatus(200)
    route.assertTextIncludes('你好，张三')
    const home = await client.get('/student').loginAs(studentZhang)
    home.assertTextIncludes('测试模块小部件')
    home.assertTextIncludes('href="/student/hello"')
    ;(await client.get('/hello-public')).assertTextIncludes('hello module page')
  })

  test('switched off by one school: gone for its students only', async ({ client, assert }) => {
    const { studentZhang, studentWang, njsfSite } = await seedCore()
    await moduleSwitches.setEnabled(njsfSite, 'hello', false)

    const refused = await client.get('/student/hello').loginAs(studentZhang)
    refused.assertStatus(404)
    refused.assertTextIncludes('本校未开通此功能')
    const home = await client.get('/student').loginAs(studentZhang)
    assert.notInclude(home.text(), '测试模块小部件')
    assert.notInclude(home.text(), 'href="/student/hello"')
    const subsitePage = await client.get('/hello-public').header('host', 'njsf.localhost')
    subsitePage.assertStatus(404)

    const other = await client.get('/student/hello').loginAs(studentWang)
    other.assertStatus(200)
    const otherHome = await client.get('/student').loginAs(studentWang)
    otherHome.assertTextIncludes('测试模块小部件')
  })

  test('made unavailable by the province: gone for every school', async ({ client }) => {
    const { studentZhang, studentWang, main } = await seedCore()
    await moduleSwitches.setEnabled(main, 'hello', false)
    ;(await client.get('/student/hello').loginAs(studentZhang)).assertStatus(404)
    ;(await client.get('/student/hello').loginAs(studentWang)).assertStatus(404)
    ;(await client.get('/hello-public')).assertTextIncludes('本校未开通此功能')
  })

  test('switched back on, it comes back', async ({ client }) => {
    const { studentZhang, njsfSite } = await seedCore()
    await moduleSwitches.setEnabled(njsfSite, 'hello', false)
    await moduleSwitches.setEnabled(njsfSite, 'hello', true)
    ;(await client.get('/student/hello').loginAs(studentZhang)).assertStatus(200)
  })
})
