import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { api } from '#tests/helpers/requests'
import Announcement from '#core/announcements/models/announcement'
import Message from '#core/messages/models/message'
import messages from '#core/messages/services/message_service'
import { tokenFor } from '#tests/functional/api/token'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/

/** 张三 at 南京示范大学 and 王五 at 苏州示范学院, each school with its subsite. */
async function twoSchools() {
  const main = await world.mainSite()
  const { school: njsf, site: njsfSite } = await world.school({
    code: 'njsf',
    name: '南京示范大学',
  })
  const { school: szsf, site: szsfSite } = await world.school({ code: 'szsf' })
  const { user: zhang } = await world.student(njsf, { studentNumber: '2026000001', name: '张三' })
  const { user: wang } = await world.student(szsf, { name: '王五' })
  return { main, njsf, njsfSite, szsfSite, zhang, wang }
}

test.group('API core: 招聘公告, 我的资料, 站内消息, JSON errors', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('announcements: the site’s visibility, page envelope, +08:00 times, updated_since', async ({
    client,
    assert,
  }) => {
    const { main, njsfSite, szsfSite } = await twoSchools()
    const old = await Announcement.create({
      siteId: main.id,
      title: '旧公告',
      body: '旧',
      publishedAt: DateTime.now().minus({ days: 3 }),
    })
    await Announcement.query().where('id', old.id).update({ updated_at: '2020-01-01 00:00:00' })
    const fresh = await Announcement.create({
      siteId: njsfSite.id,
      title: '新公告',
      body: '新的正文',
      publishedAt: DateTime.now().minus({ minutes: 5 }),
    })
    await Announcement.create({
      siteId: szsfSite.id,
      title: '别校公告',
      body: '别',
      publishedAt: DateTime.now().minus({ minutes: 5 }),
    })
    const njsfApi = api(client, { site: 'njsf' })
    const list = await njsfApi.get(route('api.announcements')).qs({ per_page: 50 })
    list.assertStatus(200)
    const titles = list.body().data.map((a: any) => a.title)
    assert.includeMembers(titles, ['旧公告', '新公告'])
    assert.notInclude(titles, '别校公告')
    assert.containsSubset(list.body().meta, { page: 1, per_page: 50, has_more: false })
    assert.equal(list.body().meta.total, titles.length)
    assert.match(list.body().data[0].published_at, ISO)
    const since = await njsfApi
      .get(route('api.announcements'))
      .qs({ updated_since: '2021-01-01T00:00:00+08:00', per_page: 50 })
    const sinceTitles = since.body().data.map((a: any) => a.title)
    assert.include(sinceTitles, '新公告')
    assert.notInclude(sinceTitles, '旧公告')
    const detail = await njsfApi.get(route('api.announcements.show', [fresh.id]))
    detail.assertStatus(200)
    assert.equal(detail.body().data.body, '新的正文')
    const foreign = await Announcement.findByOrFail('title', '别校公告')
    const hidden = await njsfApi.get(route('api.announcements.show', [foreign.id]))
    hidden.assertStatus(404)
    assert.deepEqual(hidden.body(), {
      error: { code: 'not_found', message: '公告不存在或已删除' },
    })
  })

  test('bad input answers 422 with Chinese messages per field; unknown paths answer 404 JSON', async ({
    client,
    assert,
  }) => {
    await twoSchools()
    const njsfApi = api(client, { site: 'njsf' })
    const bad = await njsfApi
      .get(route('api.announcements'))
      .qs({ page: 0, updated_since: 'yesterday' })
    bad.assertStatus(422)
    assert.equal(bad.body().error.code, 'invalid_input')
    assert.properties(bad.body().error.fields, ['page', 'updated_since'])
    assert.match(bad.body().error.fields.page, /[\u4e00-\u9fa5]/)
    const impossible = await njsfApi
      .get(route('api.announcements'))
      .qs({ updated_since: '2026-02-31' })
    impossible.assertStatus(422)
    assert.property(impossible.body().error.fields, 'updated_since')
    const unknown = await njsfApi.get('/api/v1/nothing-here')
    unknown.assertStatus(404)
    assert.deepEqual(unknown.body(), {
      error: { code: 'not_found', message: '您访问的接口或内容不存在' },
    })
    const tooBig = await njsfApi.get('/api/v1/announcements/99999999999')
    tooBig.assertStatus(404)
    assert.equal(tooBig.body().error.code, 'not_found')
  })

  test('me: profile with a masked phone and the home counts of the enabled modules', async ({
    client,
    assert,
  }) => {
    const { zhang, njsf } = await twoSchools()
    await messages.send({ userId: zhang.id, title: '欢迎' })
    const response = await api(client, { site: 'njsf', token: await tokenFor(zhang) }).get(
      route('api.me')
    )
    response.assertStatus(200)
    const me = response.body().data
    assert.containsSubset(me, {
      id: zhang.id,
      student_number: '2026000001',
      school: { id: njsf.id, name: '南京示范大学' },
    })
    if (zhang.phone) {
      assert.notEqual(me.phone, zhang.phone)
      assert.include(me.phone, '*')
    }
    assert.equal(me.counts.unread_messages, 1)
    assert.properties(me.counts, ['upcoming_schedule', 'applications', 'upcoming_events'])
  })

  test('messages: list, mark read; another student’s message is 404 and stays unread', async ({
    client,
    assert,
  }) => {
    const { zhang, wang } = await twoSchools()
    await messages.send({ userId: zhang.id, title: '面试通知', body: '明天' })
    await messages.send({ userId: wang.id, title: '别人的消息' })
    const mine = await Message.findByOrFail('title', '面试通知')
    const theirs = await Message.findByOrFail('title', '别人的消息')
    const asZhang = api(client, { site: 'njsf', token: await tokenFor(zhang) })
    const list = await asZhang.get(route('api.me.messages'))
    list.assertStatus(200)
    assert.deepEqual(
      list.body().data.map((m: any) => m.title),
      ['面试通知']
    )
    assert.isNull(list.body().data[0].read_at)
    const read = await asZhang.post(route('api.me.messages.read', [mine.id]))
    read.assertStatus(200)
    assert.match(read.body().data.read_at, ISO)
    const other = await asZhang.post(route('api.me.messages.read', [theirs.id]))
    other.assertStatus(404)
    assert.equal(other.body().error.code, 'not_found')
    await theirs.refresh()
    assert.isNull(theirs.readAt)
  })
})
