import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { as, guest } from '#tests/helpers/requests'
import moduleSwitches from '#core/modules/module_switches'

/** The test-only `hello` module (tests/fixtures/modules/hello) is registered by the tests (tests/modules.ts). */
/** 张三 at 南京示范大学 and 王五 at 苏州示范学院, each school with its subsite. */
async function twoSchools() {
  const main = await world.mainSite()
  const { school: njsf, site: njsfSite } = await world.school({ code: 'njsf' })
  const { school: szsf } = await world.school({ code: 'szsf' })
  const { user: zhang } = await world.student(njsf, { name: '张三' })
  const { user: wang } = await world.student(szsf, { name: '王五' })
  return { main, njsfSite, zhang, wang }
}

test.group('Module contract: plugging a module in', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('its routes, navigation entry and home widget appear', async ({ client }) => {
    const { zhang } = await twoSchools()
    const page = await as(client, zhang).visit('/student/hello')
    page.assertStatus(200)
    page.assertTextIncludes('你好，张三')
    const home = await as(client, zhang).visit(route('student.home'))
    home.assertTextIncludes('测试模块小部件')
    home.assertTextIncludes('href="/student/hello"')
    ;(await guest(client).visit('/hello-public')).assertTextIncludes('hello module page')
  })

  test('switched off by one school: gone for its students only', async ({ client, assert }) => {
    const { zhang, wang, njsfSite } = await twoSchools()
    await moduleSwitches.setEnabled(njsfSite, 'hello', false)

    const refused = await as(client, zhang).visit('/student/hello')
    refused.assertStatus(404)
    refused.assertTextIncludes('本校未开通此功能')
    const home = await as(client, zhang).visit(route('student.home'))
    assert.notInclude(home.text(), '测试模块小部件')
    assert.notInclude(home.text(), 'href="/student/hello"')
    const subsitePage = await guest(client, { site: 'njsf' }).visit('/hello-public')
    subsitePage.assertStatus(404)

    const other = await as(client, wang).visit('/student/hello')
    other.assertStatus(200)
    const otherHome = await as(client, wang).visit(route('student.home'))
    otherHome.assertTextIncludes('测试模块小部件')
  })

  test('made unavailable by the province: gone for every school', async ({ client }) => {
    const { zhang, wang, main } = await twoSchools()
    await moduleSwitches.setEnabled(main, 'hello', false)
    ;(await as(client, zhang).visit('/student/hello')).assertStatus(404)
    ;(await as(client, wang).visit('/student/hello')).assertStatus(404)
    ;(await guest(client).visit('/hello-public')).assertTextIncludes('本校未开通此功能')
  })

  test('switched back on, it comes back', async ({ client }) => {
    const { zhang, njsfSite } = await twoSchools()
    await moduleSwitches.setEnabled(njsfSite, 'hello', false)
    await moduleSwitches.setEnabled(njsfSite, 'hello', true)
    ;(await as(client, zhang).visit('/student/hello')).assertStatus(200)
  })
})
