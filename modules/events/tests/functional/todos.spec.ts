import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { DateTime } from 'luxon'
import { EmployerFactory } from '#database/factories/core'
import type RecruitmentEvent from '#modules/events/models/recruitment_event'
import {
  ExhibitorFactory,
  RecruitmentEventFactory,
} from '#modules/events/database/factories/events'
import { eventsWorld, makeEvent } from '#modules/events/tests/helpers'
import { as } from '#tests/helpers/requests'

function todoOf(html: string, label: string) {
  for (const m of html.matchAll(
    /<li><a href="([^"]+)">([^<]+)<\/a><span class="tag tag-orange">(\d+)<\/span><\/li>/g
  )) {
    if (m[2].includes(label)) return { href: m[1].replace(/&amp;/g, '&'), count: Number(m[3]) }
  }
  return null
}

/** The events a to-do is about: a fair of each organiser and the company's sessions. */
async function organisedEvents(w: Awaited<ReturnType<typeof eventsWorld>>) {
  const fair = await makeEvent(w)
  const provinceFair = await RecruitmentEventFactory.merge({ siteId: w.main.id }).create()
  // Lucid's merge() replaces what was merged before: a session's own columns come in `columns`.
  const sessionAt = (
    site: { id: number },
    school: { id: number },
    columns: Partial<RecruitmentEvent> = {}
  ) =>
    RecruitmentEventFactory.apply('session').merge({
      siteId: site.id,
      schoolId: school.id,
      employerId: w.company.id,
      ...columns,
    })
  return { fair, provinceFair, sessionAt }
}

test.group('招聘活动待办：工作台计数与打开的列表一致', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('学校 / 省级工作台: 参展申请 and 宣讲会申请 awaiting review open the organiser tab listing exactly those', async ({
    client,
    assert,
  }) => {
    const w = await eventsWorld()
    const { fair, provinceFair, sessionAt } = await organisedEvents(w)
    const [a, b, c] = await EmployerFactory.apply('verified').createMany(3)
    // 南京示范: two booth applications on one fair, one on a second fair; one reviewed one.
    const second = await makeEvent(w)
    await ExhibitorFactory.merge([
      { eventId: fair.id, employerId: a.id },
      { eventId: fair.id, employerId: b.id },
      { eventId: second.id, employerId: a.id },
      // The province's fair: not the school's to-do.
      { eventId: provinceFair.id, employerId: c.id },
    ]).createMany(4)
    await ExhibitorFactory.apply('rejected')
      .merge({ eventId: second.id, employerId: c.id })
      .create()
    // A booth already approved is no to-do either.
    await ExhibitorFactory.apply('approved')
      .merge({ eventId: fair.id, employerId: w.company.id })
      .create()
    // A session application awaiting 南京示范; the one at 苏州示范 is not its to-do.
    const session = await sessionAt(w.njsfSite, w.njsf).apply('pending').create()
    await sessionAt(w.szsfSite, w.szsf).apply('pending').create()

    const cases = [
      { user: w.njsfStaff, site: 'njsf', area: '/school', booths: 3, sessions: [session.id] },
      { user: w.admin, site: null, area: '/province', booths: 1, sessions: [] as number[] },
    ]
    for (const actor of cases) {
      const visit = async (url: string) =>
        (await as(client, actor.user, { site: actor.site }).visit(url)).text()
      const home = await visit(actor.area)
      const booths = todoOf(home, '待审核的招聘会参展申请')
      assert.equal(booths?.count, actor.booths, `${actor.area} booth count`)
      const boothList = await visit(booths!.href)
      const listed = [...boothList.matchAll(/(\d+) 个参展申请待审核/g)].reduce(
        (sum, m) => sum + Number(m[1]),
        0
      )
      assert.equal(listed, actor.booths, `${actor.area}: ${booths!.href}`)

      const sessions = todoOf(home, '待审核的宣讲会申请')
      if (!actor.sessions.length) {
        assert.isNull(sessions)
        continue
      }
      assert.equal(sessions?.count, actor.sessions.length)
      const sessionList = await visit(sessions!.href)
      const ids = [
        ...new Set(
          [...sessionList.matchAll(new RegExp(`href="${actor.area}/events/(\\d+)"`, 'g'))].map(
            (m) => Number(m[1])
          )
        ),
      ]
      assert.deepEqual(ids, actor.sessions)
    }
  })

  test('单位中心: recent booth and session review results open the lists filtered to exactly those', async ({
    client,
    assert,
  }) => {
    const w = await eventsWorld()
    const { fair, provinceFair, sessionAt } = await organisedEvents(w)
    // Both booths approved, one just now and one longer ago than the window.
    const recent = await ExhibitorFactory.apply('approved')
      .merge({ eventId: fair.id, employerId: w.company.id })
      .create()
    await ExhibitorFactory.apply('approved')
      .merge({
        eventId: provinceFair.id,
        employerId: w.company.id,
        reviewedAt: DateTime.now().minus({ days: 10 }),
      })
      .create()
    // A session application just rejected; the other sessions have no review result.
    const session = await sessionAt(w.njsfSite, w.njsf, {
      status: 'rejected',
      rejectReason: '场地冲突',
      reviewedAt: DateTime.now(),
    }).create()
    await sessionAt(w.njsfSite, w.njsf).create()
    await sessionAt(w.szsfSite, w.szsf).apply('pending').create()

    const employer = as(client, w.employerUser)
    const home = await employer.visit('/employer')
    home.assertStatus(200)
    const html = home.text()

    const booths = todoOf(html, '参展申请有审核结果')
    assert.equal(booths?.count, 1)
    const boothList = (await employer.visit(booths!.href)).text()
    assert.deepEqual(
      [...boothList.matchAll(/data-exhibitor="(\d+)"/g)].map((m) => Number(m[1])),
      [recent.id]
    )

    const sessions = todoOf(html, '宣讲会申请有审核结果')
    assert.equal(sessions?.count, 1)
    const sessionList = (await employer.visit(sessions!.href)).text()
    assert.deepEqual(
      [...sessionList.matchAll(/data-session="(\d+)"/g)].map((m) => Number(m[1])),
      [session.id]
    )
  })
})
