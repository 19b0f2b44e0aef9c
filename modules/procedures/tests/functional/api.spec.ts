import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { seedCore } from '#database/demo/core'
import { tokenFor } from '#tests/functional/api/token'

const NJSF = 'njsf.localhost'

test.group('Procedures API: 就业手续进度 as on the student home', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the five states of the home widget, of the student’s own records only', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const stamp = DateTime.now().toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
    await db.table('source_records').insert({
      graduate_id: world.zhangsan.id,
      school_id: world.njsf.id,
      status: 'pending',
      created_at: stamp,
      updated_at: stamp,
    })
    const response = await client
      .get('/api/v1/me/procedures')
      .header('host', NJSF)
      .header('authorization', await tokenFor(world.studentZhang))
    response.assertStatus(200)
    const items = response.body().data
    assert.deepEqual(
      items.map((i: any) => i.id),
      ['source', 'recommendation', 'report', 'signing', 'termination']
    )
    assert.containsSubset(items[0], { id: 'source', label: '生源核对', status: 'pending' })
    assert.containsSubset(items[1], { status: 'none', value: '未申请' })
    assert.containsSubset(items[3], { id: 'signing', count: 0 })
    // 王五's records are his own: nothing of 张三's shows.
    const other = await client
      .get('/api/v1/me/procedures')
      .header('host', 'localhost')
      .header('authorization', await tokenFor(world.studentWang))
    assert.notEqual(other.body().data[0].status, 'pending')
  })
})
