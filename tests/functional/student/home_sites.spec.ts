import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { as } from '#tests/helpers/requests'
import configCache from '#core/tenancy/config_cache'
import { nowDb } from '#core/database/time'

/**
 * The student home takes the main site and the student's school site from the tenancy cache.
 * "Another process" is a raw SQL write (none of this process's invalidation hooks).
 */
test.group('学生中心首页：本校站点取自缓存，任一进程修改后下一次请求即可见', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.teardown(() => configCache.clear())

  test('主站上的学生首页只显示本校与主站公告；本校站点解绑学校后下一次请求即按主站显示', async ({
    client,
    assert,
  }) => {
    const { school: njsf, site: njsfSite } = await world.school({ code: 'njsf' })
    const { site: szsfSite } = await world.school({ code: 'szsf' })
    const { user: zhang } = await world.student(njsf, { name: '张三' })
    const now = nowDb()
    await db.table('announcements').insert({
      site_id: njsfSite.id,
      title: '本校专属公告：春季双选会',
      body: '正文',
      published_at: now,
      created_at: now,
      updated_at: now,
    })
    await db.table('announcements').insert({
      site_id: szsfSite.id,
      title: '他校公告：苏州专场',
      body: '正文',
      published_at: now,
      created_at: now,
      updated_at: now,
    })
    const first = await as(client, zhang).visit(route('student.home'))
    first.assertStatus(200)
    first.assertTextIncludes('本校专属公告：春季双选会')
    assert.notInclude(first.text(), '他校公告：苏州专场')
    // Cached now; then the subsite is detached from the school elsewhere.
    await as(client, zhang).visit(route('student.home'))
    await db.from('sites').where('id', njsfSite.id).update({ school_id: null })
    const after = await as(client, zhang).visit(route('student.home'))
    after.assertStatus(200)
    // No school site any more: the main site's view (every site's announcements).
    after.assertTextIncludes('他校公告：苏州专场')
  })
})
