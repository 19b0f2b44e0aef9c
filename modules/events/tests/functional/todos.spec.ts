import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { seedCore } from '#database/demo/core'
import { seedEvents } from '#modules/events/database/demo'
import Employer from '#core/accounts/models/employer'
import Exhibitor from '#modules/events/models/exhibitor'
import { makeEvent } from '#modules/events/tests/helpers'
import { toDb } from '#core/database/time'

const NJSF = 'njsf.localhost'

function todoOf(html: string, label: string) {
  for (const m of html.matchAll(
    /<li><a href="([^"]+)">([^<]+)<\/a><span class="tag tag-orange">(\d+)<\/span><\/li>/g
  )) {
    if (m[2].includes(label)) return { href: m[1].replace(/&amp;/g, '&'), count: Number(m[3]) }
  }
  return null
}

async function otherEmployers(count: number) {
  const out: Employer[] = []
  for (let i = 0; i < count; i++) {
    out.push(
      await Employer.create({
        name: `参展测试单位${i + 1}`,
        uscc: `91320100MA10000${i}0X`.slice(0, 18),
        status: 'verified',
        city: '南京市',
      } as any)
    )
  }
  return out
}

test.group('招聘活动待办：工作台计数与打开的列表一致', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('学校 / 省级工作台: 参展申请 and 宣讲会申请 awaiting review open the organiser tab listing exactly those', async ({
    client,
    assert,
  }) => {
    const w = await seedCore()
    const { fair, provinceFair, session } = await seedEvents(w)
    const [a, b, c] = await otherEmployers(3)
    // 南京示范: two booth applications on the demo fair, one on a second fair; one reviewed one.
    const second = await makeEvent(w)
    await Exhibitor.createMany([
      { eventId: fair.id, employerId: a.id, status: 'pending' },
      { eventId: fair.id, employerId: b.id, status: 'pending' },
      { eventId: second.id, employerId: a.id, status: 'pending' },
      { eventId: second.id, employerId: c.id, status: 'rejected', rejectReason: '展位已满' },
      // The province's fair: not the school's to-do.
      { eventId: provinceFair.id, employerId: c.id, status: 'pending' },
    ] as any)
    // A session application awaiting 南京示范 (the demo's pending one belongs to 苏州示范).
    await db.from('recruitment_events').where('id', session.id).update({ status: 'pending' })

    const cases = [
      { user: w.njsfStaff, host: NJSF, area: '/school', booths: 3, sessions: [session.id] },
      { user: w.admin, host: 'localhost', area: '/province', booths: 1, sessions: [] as number[] },
    ]
    for (const actor of cases) {
      const home = (
        await client.get(actor.area).header('host', actor.host).loginAs(actor.user)
      ).text()
      const booths = todoOf(home, '待审核的招聘会参展申请')
      assert.equal(booths?.count, actor.booths, `${actor.area} booth count`)
      const boothList = (
        await client.get(booths!.href).header('host', actor.host).loginAs(actor.user)
      ).text()
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
      const sessionList = (
        await client.get(sessions!.href).header('host', actor.host).loginAs(actor.user)
      ).text()
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
    const w = await seedCore()
    const { fair, provinceFair, session } = await seedEvents(w)
    // The demo approved both booths just now; one result is older than the window.
    const old = await Exhibitor.query().where('event_id', provinceFair.id).firstOrFail()
    await db
      .from('event_exhibitors')
      .where('id', old.id)
      .update({ reviewed_at: toDb(DateTime.now().minus({ days: 10 })) })
    const recent = await Exhibitor.query().where('event_id', fair.id).firstOrFail()
    // A session application just rejected; the other sessions have no review result.
    await db
      .from('recruitment_events')
      .where('id', session.id)
      .update({ status: 'rejected', reject_reason: '场地冲突', reviewed_at: toDb(DateTime.now()) })

    const home = await client.get('/employer').loginAs(w.employerUser)
    home.assertStatus(200)
    const html = home.text()

    const booths = todoOf(html, '参展申请有审核结果')
    assert.equal(booths?.count, 1)
    const boothList = (await client.get(booths!.href).loginAs(w.employerUser)).text()
    assert.deepEqual(
      [...boothList.matchAll(/data-exhibitor="(\d+)"/g)].map((m) => Number(m[1])),
      [recent.id]
    )

    const sessions = todoOf(html, '宣讲会申请有审核结果')
    assert.equal(sessions?.count, 1)
    const sessionList = (await client.get(sessions!.href).loginAs(w.employerUser)).text()
    assert.deepEqual(
      [...sessionList.matchAll(/data-session="(\d+)"/g)].map((m) => Number(m[1])),
      [session.id]
    )
  })
})
