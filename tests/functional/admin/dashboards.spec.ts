import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { seedCore } from '#database/demo/core'
import { seedProcedures } from '#modules/procedures/database/demo'
import moduleSwitches from '#core/modules/module_switches'
import Employer from '#core/accounts/models/employer'

function todoOf(html: string, label: string) {
  for (const m of html.matchAll(
    /<li><a href="([^"]+)">([^<]+)<\/a><span class="tag tag-orange">(\d+)<\/span><\/li>/g
  )) {
    if (m[2].includes(label)) return { href: m[1].replace(/&amp;/g, '&'), count: Number(m[3]) }
  }
  return null
}

test.group('工作台待办：计数、链接与启用的模块', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('省级工作台: 待审核的用人单位 opens the employer list showing exactly those employers', async ({
    client,
    assert,
  }) => {
    const w = await seedCore()
    await Employer.create({
      name: '待审单位甲',
      uscc: '91320100MA1PEND01X',
      status: 'pending',
    } as any)
    await Employer.create({
      name: '待审单位乙',
      uscc: '91320100MA1PEND02X',
      status: 'pending',
    } as any)
    const home = (await client.get('/province').loginAs(w.admin)).text()
    const todo = todoOf(home, '待审核的用人单位')
    assert.equal(todo?.count, 2)
    const list = (await client.get(todo!.href).loginAs(w.admin)).text()
    assert.include(list, '待审单位甲')
    assert.include(list, '待审单位乙')
    assert.notInclude(list, w.company.name)
  })

  test('学校工作台: a module switched off for the school shows none of its to-dos', async ({
    client,
    assert,
  }) => {
    const w = await seedCore()
    await seedProcedures()
    await db.from('source_records').where('graduate_id', w.lisi.id).update({ status: 'pending' })
    const home = () => client.get('/school').header('host', 'njsf.localhost').loginAs(w.njsfStaff)
    assert.equal(todoOf((await home()).text(), '待审核的生源信息')?.count, 1)
    await moduleSwitches.setEnabled(w.njsfSite, 'procedures', false)
    assert.isNull(todoOf((await home()).text(), '待审核的生源信息'))
  })
})
