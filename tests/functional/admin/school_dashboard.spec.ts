import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'

test.group('School 工作台: every to-do opens the list it counts', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('缺少身份证号 / 缺少手机号 / 尚未激活 link to the filtered 生源库 showing exactly those students', async ({
    client,
    assert,
  }) => {
    const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const staff = await world.staff(njsf)
    // Complete records: one activated (张三), one not (李四).
    await world.student(njsf, { studentNumber: '2026000001', name: '张三' })
    await world.graduate(njsf, { studentNumber: '2026000002', name: '李四' })
    await world.graduate(njsf, {
      studentNumber: '2026009001',
      name: '缺号同学',
      idNumber: null,
      phone: '13900009001',
    })
    await world.graduate(njsf, {
      studentNumber: '2026009002',
      name: '无手机同学',
      idNumber: '320102200201010011',
      phone: null,
    })
    const home = await as(client, staff, { site: 'njsf' }).visit('/school')
    for (const gap of ['missing_id', 'missing_phone', 'not_activated']) {
      home.assertTextIncludes(`/school/graduates?f_gap=${gap}`)
    }

    const list = (gap: string) =>
      as(client, staff, { site: 'njsf' }).visit(`/school/graduates?f_gap=${gap}`)
    const missingId = (await list('missing_id')).text()
    assert.include(missingId, '缺号同学')
    assert.notInclude(missingId, '无手机同学')
    assert.notInclude(missingId, '2026000001')
    const missingPhone = (await list('missing_phone')).text()
    assert.include(missingPhone, '无手机同学')
    assert.notInclude(missingPhone, '缺号同学')
    assert.notInclude(missingPhone, '2026000001')
    const notActivated = (await list('not_activated')).text()
    assert.include(notActivated, '2026000002') // 李四 has not activated
    assert.include(notActivated, '缺号同学')
    assert.notInclude(notActivated, '2026000001') // 张三 has
    const activated = (await list('activated')).text()
    assert.include(activated, '2026000001')
    assert.notInclude(activated, '2026000002')
  })
})
