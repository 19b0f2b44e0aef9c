import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import Graduate from '#core/registry/models/graduate'

const host = 'njsf.localhost'

test.group('School 工作台: every to-do opens the list it counts', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('缺少身份证号 / 缺少手机号 / 尚未激活 link to the filtered 生源库 showing exactly those students', async ({
    client,
    assert,
  }) => {
    const { njsf, njsfStaff } = await seedCore()
    await Graduate.create({
      schoolId: njsf.id,
      studentNumber: '2026009001',
      name: '缺号同学',
      idNumber: null,
      phone: '13900009001',
      college: '计算机学院',
      signable: false,
    })
    await Graduate.create({
      schoolId: njsf.id,
      studentNumber: '2026009002',
      name: '无手机同学',
      idNumber: '320102200201010011',
      phone: null,
      college: '计算机学院',
      signable: false,
    })
    const home = await client.get('/school').header('host', host).loginAs(njsfStaff)
    for (const gap of ['missing_id', 'missing_phone', 'not_activated']) {
      home.assertTextIncludes(`/school/graduates?f_gap=${gap}`)
    }

    const list = (gap: string) =>
      client.get(`/school/graduates?f_gap=${gap}`).header('host', host).loginAs(njsfStaff)
    const missingId = (await list('missing_id')).text()
    assert.include(missingId, '缺号同学')
    assert.notInclude(missingId, '无手机同学')
    assert.notInclude(missingId, '2026000001')
    const missingPhone = (await list('missing_phone')).text()
    assert.include(missingPhone, '无手机同学')
    assert.notInclude(missingPhone, '缺号同学')
    const notActivated = (await list('not_activated')).text()
    assert.include(notActivated, '2026000002') // 李四 has not activated
    assert.include(notActivated, '缺号同学')
    assert.notInclude(notActivated, '2026000001') // 张三 has
    const activated = (await list('activated')).text()
    assert.include(activated, '2026000001')
    assert.notInclude(activated, '2026000002')
  })
})
