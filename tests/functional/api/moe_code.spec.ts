import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { as } from '#tests/helpers/requests'
import School from '#core/tenancy/models/school'

test.group('学校标识码 (schools.moe_code, the xxdm of the open data) in 学校与分站', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  /** 南京示范大学 (19001) and 苏州示范学院 (19002), and the province that edits them. */
  async function schools() {
    const admin = await world.provinceAdmin()
    const { school: njsf } = await world.school({ name: '南京示范大学', moeCode: '19001' })
    await world.school({ name: '苏州示范学院', moeCode: '19002' })
    return { admin, njsf }
  }

  test('the province saves a school’s 5-digit code; the open data answers under it', async ({
    client,
    assert,
  }) => {
    const { admin, njsf } = await schools()
    const response = await as(client, admin).postForm(route('province.schools.update', [njsf.id]), {
      name: '南京示范大学',
      moeCode: '19555',
    })
    response.assertStatus(302)
    await njsf.refresh()
    assert.equal(njsf.moeCode, '19555')
    const data = await client
      .post(route('events.open_data.fairs'))
      .header('host', 'localhost')
      .json({ current: 1, size: 20, xxdm: '19555' })
    data.assertStatus(200)
    assert.isTrue(data.body().success)
  })

  test('refused beside the field, the code unchanged: {rule}')
    .with([
      { rule: 'not 5 digits', moeCode: '1234', message: '学校标识码为 5 位数字' },
      { rule: 'another school’s code', moeCode: '19002', message: '该学校标识码已被其他学校使用' },
    ])
    .run(async ({ client, assert }, row) => {
      const { admin, njsf } = await schools()
      const response = await as(client, admin).postForm(
        route('province.schools.update', [njsf.id]),
        { name: '南京示范大学', moeCode: row.moeCode }
      )
      response.assertStatus(422)
      response.assertTextIncludes(row.message)
      assert.equal((await School.findOrFail(njsf.id)).moeCode, '19001')
    })
})
