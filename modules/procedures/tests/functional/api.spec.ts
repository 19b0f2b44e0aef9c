import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { api } from '#tests/helpers/requests'
import { route } from '#tests/helpers/urls'
import { tokenFor } from '#tests/functional/api/token'
import { sourceRecordOf } from '#modules/procedures/database/factories/procedures'

test.group('Procedures API: 就业手续进度 as on the student home', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the five states of the home widget, of the student’s own records only', async ({
    client,
    assert,
  }) => {
    const { school, site } = await world.school()
    const { school: other, site: otherSite } = await world.school()
    const zhang = await world.student(school)
    const wang = await world.student(other)
    await sourceRecordOf(zhang.graduate, 'pending')
    const response = await api(client, {
      site: site.code,
      token: await tokenFor(zhang.user),
    }).get(route('api.me.procedures'))
    response.assertStatus(200)
    const items = response.body().data
    assert.deepEqual(
      items.map((i: any) => i.id),
      ['source', 'recommendation', 'report', 'signing', 'termination']
    )
    assert.containsSubset(items[0], { id: 'source', label: '生源核对', status: 'pending' })
    assert.containsSubset(items[1], { status: 'none', value: '未申请' })
    assert.containsSubset(items[3], { id: 'signing', count: 0 })
    // Another student's records are his own: nothing of the first student's shows.
    const others = await api(client, {
      site: otherSite.code,
      token: await tokenFor(wang.user),
    }).get(route('api.me.procedures'))
    others.assertStatus(200)
    assert.notEqual(others.body().data[0].status, 'pending')
  })
})
