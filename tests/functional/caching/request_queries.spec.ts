import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import configCache from '#core/tenancy/config_cache'

/**
 * Database statements per logged-in request (issue 12): every statement the web process sends,
 * counted on the connection's knex clients (write and read). The memory session store of the
 * tests makes no session query; the database store adds one read (README: Benchmarks).
 */
export function countQueries() {
  const connection = db.manager.get(db.primaryConnectionName)!.connection!
  const clients = [...new Set([connection.client, connection.readClient].filter(Boolean))]
  const sql: string[] = []
  const rows = new Map<string, number>()
  const onQuery = (q: { sql: string; __knexQueryUid: string }) => sql.push(q.sql)
  const onResponse = (response: unknown, q: { sql: string }) =>
    rows.set(q.sql, Array.isArray(response) ? response.length : 1)
  for (const c of clients) c!.on('query', onQuery).on('query-response', onResponse)
  return {
    sql,
    rows,
    stop() {
      for (const c of clients) {
        c!.removeListener('query', onQuery)
        c!.removeListener('query-response', onResponse)
      }
      return sql
    },
  }
}

/** 南京示范大学's activated, signable student, with a province and a school announcement to list. */
async function njsfStudent() {
  await world.announcement(await world.mainSite())
  const { school, site } = await world.school({ code: 'njsf', name: '南京示范大学' })
  await world.announcement(site)
  return (await world.student(school, { name: '张三', signable: true })).user
}

test.group('登录学生页面的数据库查询次数', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.teardown(() => configCache.clear())

  // Memory session store here (the database store adds its one row read). Before issue 12's request
  // path work: 14 and 4 (user, tenancy version and unread count were three statements); the events
  // widget (count + both lists) and the job-seeking stats (counts + 求职意向) are one statement each.
  for (const [path, budget] of [
    ['/student', 9],
    ['/student/events', 3],
  ] as const) {
    test(`${path}：请求前缓存已热时的查询次数在预算内`, async ({ client, assert }) => {
      const zhang = await njsfStudent()
      // Warm: the tenancy caches of this process are filled by a first request.
      const warm = await as(client, zhang, { site: 'njsf' }).visit(path)
      warm.assertStatus(200)
      const counter = countQueries()
      const page = await as(client, zhang, { site: 'njsf' }).visit(path)
      const sql = counter.stop()
      page.assertStatus(200)
      const lines = sql.map((q) => `${counter.rows.get(q) ?? '?'} rows  ${q.slice(0, 160)}`)
      console.log(`  ${path}: ${sql.length} queries\n    ${lines.join('\n    ')}`)
      assert.isAtMost(sql.length, budget)
    })
  }
})
