import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import School from '#core/tenancy/models/school'

test.group('学校标识码 (schools.moe_code, the xxdm of the open data) in 学校与分站', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the province saves a school’s 5-digit code; the open data answers under it', async ({
    client,
    assert,
  }) => {
    const { admin, njsf } = await seedCore()
    const response = await client
      .post(`/province/schools/${njsf.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ name: '南京示范大学', moeCode: '19555' })
      .redirects(0)
    response.assertStatus(302)
    await njsf.refresh()
    assert.equal(njsf.moeCode, '19555')
    const data = await client
      .post('/web/wsjysc/lbxq/getZphPageList')
      .header('host', 'localhost')
      .json({ current: 1, size: 20, xxdm: '19555' })
    data.assertStatus(200)
    assert.isTrue(data.body().success)
  })

  test('a code that is not 5 digits, or another school’s, is refused beside the field', async ({
    client,
    assert,
  }) => {
    const { admin, njsf } = await seedCore()
    const bad = await client
      .post(`/province/schools/${njsf.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ name: '南京示范大学', moeCode: '1234' })
    bad.assertStatus(422)
    bad.assertTextIncludes('学校标识码为 5 位数字')
    const taken = await client
      .post(`/province/schools/${njsf.id}`)
      .loginAs(admin)
      .withCsrfToken()
      .form({ name: '南京示范大学', moeCode: '19002' })
    taken.assertStatus(422)
    taken.assertTextIncludes('该学校标识码已被其他学校使用')
    assert.equal((await School.findOrFail(njsf.id)).moeCode, '19001')
  })
})
