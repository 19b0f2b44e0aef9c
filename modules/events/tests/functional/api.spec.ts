import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import moduleSwitches from '#core/modules/module_switches'
import { eventsWorld, makeEvent, registrationCount } from '#modules/events/tests/helpers'
import { tokenFor } from '#tests/functional/api/token'
import { api } from '#tests/helpers/requests'

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/

test.group('Events API: 招聘会 / 宣讲会 lists and details, 报名 / 取消 / 入场券', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('fairs list: the page’s filters and order, page envelope, ISO times; past events under tab=past', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const own = await makeEvent(world, { title: '本校招聘会', city: '南京市' })
    await makeEvent(world, {
      title: '苏州招聘会',
      city: '苏州市',
      siteId: world.szsfSite.id,
      schoolId: world.szsf.id,
      startsAt: DateTime.now().plus({ days: 1 }),
      endsAt: DateTime.now().plus({ days: 1, hours: 3 }),
    })
    await makeEvent(world, {
      title: '已结束招聘会',
      startsAt: DateTime.now().minus({ days: 3 }),
      endsAt: DateTime.now().minus({ days: 2 }),
    })
    const fairs = (qs: Record<string, unknown> = {}) =>
      api(client, { site: 'njsf' }).get('/api/v1/fairs').qs(qs)
    const list = await fairs()
    list.assertStatus(200)
    // The subsite's own school first, as on the /fairs page.
    assert.deepEqual(
      list.body().data.map((e: any) => e.title),
      ['本校招聘会', '苏州招聘会']
    )
    assert.containsSubset(list.body().meta, { page: 1, per_page: 10, total: 2, has_more: false })
    const item = list.body().data[0]
    assert.containsSubset(item, {
      id: own.id,
      kind: 'fair',
      city: '南京市',
      school: { id: world.njsf.id, name: '南京示范大学' },
      url: `/fairs/${own.id}`,
    })
    assert.match(item.starts_at, ISO)
    const city = await fairs({ city: '苏州市' })
    assert.deepEqual(
      city.body().data.map((e: any) => e.title),
      ['苏州招聘会']
    )
    const past = await fairs({ tab: 'past' })
    assert.deepEqual(
      past.body().data.map((e: any) => e.title),
      ['已结束招聘会']
    )
    const paged = await fairs({ per_page: 1 })
    assert.containsSubset(paged.body().meta, { per_page: 1, total: 2, has_more: true })
    const bad = await fairs({ tab: 'soon' })
    bad.assertStatus(422)
    assert.property(bad.body().error.fields, 'tab')
  })

  test('updated_since lists only events changed since then (how a client learns of new ones)', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const old = await makeEvent(world, { title: '早前发布' })
    await RecruitmentEvent.query().where('id', old.id).update({ updated_at: '2020-01-01 00:00:00' })
    await makeEvent(world, { title: '刚刚发布' })
    const since = await api(client, { site: 'njsf' })
      .get('/api/v1/fairs')
      .qs({ updated_since: '2021-01-01' })
    assert.deepEqual(
      since.body().data.map((e: any) => e.title),
      ['刚刚发布']
    )
  })

  test('details: a session with its employer; a draft or a fair id under /sessions is 404', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const session = await makeEvent(world, { kind: 'session', employerId: world.company.id })
    const draft = await makeEvent(world, { status: 'pending' as any })
    const ok = await api(client, { site: 'njsf' }).get(`/api/v1/sessions/${session.id}`)
    ok.assertStatus(200)
    assert.containsSubset(ok.body().data, {
      id: session.id,
      kind: 'session',
      employer: { id: world.company.id },
    })
    assert.isArray(ok.body().data.jobs)
    const wrongKind = await api(client, { site: 'njsf' }).get(`/api/v1/sessions/${draft.id}`)
    wrongKind.assertStatus(404)
    const hidden = await api(client, { site: 'njsf' }).get(`/api/v1/fairs/${draft.id}`)
    hidden.assertStatus(404)
    assert.equal(hidden.body().error.message, '活动不存在或尚未发布')
  })

  test('register, ticket, cancel: the page’s rules; another student’s ticket is 404', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const event = await makeEvent(world, { capacity: 2 })
    // 张三 on his school's subsite; 王五 of 苏州示范学院 on the main site.
    const zhang = api(client, { site: 'njsf', token: await tokenFor(world.studentZhang) })
    const wang = api(client, { host: 'localhost', token: await tokenFor(world.studentWang) })
    const registered = await zhang.post(`/api/v1/events/${event.id}/registrations`)
    registered.assertStatus(200)
    const ticket = registered.body().data
    assert.equal(ticket.status, 'registered')
    assert.match(ticket.ticket_code, /^[A-Z2-9]{12}$/)
    assert.match(ticket.qr_png, /^data:image\/png;base64,/)
    assert.equal(ticket.event.id, event.id)
    const twice = await zhang.post(`/api/v1/events/${event.id}/registrations`)
    twice.assertStatus(422)
    assert.deepEqual(twice.body().error, { code: 'twice', message: '您已报名该活动，请勿重复报名' })
    // 王五: the last seat went to someone else meanwhile.
    await RecruitmentEvent.query().where('id', event.id).update({ taken: 2 })
    const full = await wang.post(`/api/v1/events/${event.id}/registrations`)
    full.assertStatus(422)
    assert.equal(full.body().error.code, 'full')
    const mine = await zhang.get('/api/v1/me/registrations')
    assert.deepEqual(
      mine.body().data.map((r: any) => r.id),
      [ticket.id]
    )
    const shown = await zhang.get(`/api/v1/me/registrations/${ticket.id}/ticket`)
    shown.assertStatus(200)
    assert.equal(shown.body().data.ticket_code, ticket.ticket_code)
    const foreign = await wang.get(`/api/v1/me/registrations/${ticket.id}/ticket`)
    foreign.assertStatus(404)
    assert.notInclude(foreign.text(), ticket.ticket_code)
    const foreignCancel = await wang.post(`/api/v1/me/registrations/${ticket.id}/cancel`)
    foreignCancel.assertStatus(404)
    const cancelled = await zhang.post(`/api/v1/me/registrations/${ticket.id}/cancel`)
    cancelled.assertStatus(200)
    assert.equal(cancelled.body().data.status, 'cancelled')
    assert.isNull(cancelled.body().data.ticket_code)
    await event.refresh()
    assert.equal(event.taken, 1)
    const again = await zhang.post(`/api/v1/me/registrations/${ticket.id}/cancel`)
    again.assertStatus(422)
    assert.equal(again.body().error.message, '该报名已取消')
    assert.equal(await registrationCount(event.id), 1)
  })

  test('a school that switched the module off answers its API with 404 JSON', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    await moduleSwitches.setEnabled(world.njsfSite, 'events', false)
    const response = await api(client, { site: 'njsf' }).get('/api/v1/fairs')
    response.assertStatus(404)
    assert.deepEqual(response.body(), {
      error: { code: 'module_disabled', message: '本站未开通此功能' },
    })
    const open = await api(client, { site: 'szsf' }).get('/api/v1/fairs')
    open.assertStatus(200)
  })
})
