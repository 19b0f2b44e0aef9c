import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import { world } from '#tests/helpers/world'
import Announcement from '#core/announcements/models/announcement'
import { OPEN_DATA_LIMIT } from '#core/api/rate_limit'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import { formatSalary } from '#core/ui/format'

const NJSF = 'njsf.localhost'
const SZSF = 'szsf.localhost'
const MAIN = 'localhost'
const BASE = '/web/wsjysc/lbxq'
/** Exactly what real 91job clients send (some add the empty filter keys). */
const body = (current: number, xxdm = '19001') => ({
  current,
  size: 20,
  xxdm,
  xxxs: '',
  fbsj: '',
  ssxx: '',
  keyword: '',
})

/** A client's paging loop: stops at a short page or at result.pages; needs success and code. */
async function pageThrough(client: any, host: string, path: string, xxdm = '19001') {
  const records: any[] = []
  for (let current = 1; current < 50; current++) {
    const response = await client
      .post(`${BASE}/${path}`)
      .header('host', host)
      .json(body(current, xxdm))
    response.assertStatus(200)
    const answer = response.body()
    if (answer.success !== true || answer.code !== 200) throw new Error(JSON.stringify(answer))
    records.push(...answer.result.records)
    if (answer.result.records.length < answer.result.size || current >= answer.result.pages) {
      return { records, last: answer.result, requests: current }
    }
  }
  throw new Error('paging never stopped')
}

/**
 * 南京示范大学 (学校标识码 19001) and 苏州示范学院 (19002) with their subsites, a verified employer,
 * and `event()`: a published 招聘会 of 南京示范大学 with registration open (merge what the rule needs).
 */
async function twoSchools() {
  const main = await world.mainSite()
  const { school: njsf, site: njsfSite } = await world.school({ code: 'njsf', moeCode: '19001' })
  const { school: szsf, site: szsfSite } = await world.school({ code: 'szsf', moeCode: '19002' })
  const { employer: company } = await world.employer()
  const event = (overrides: Record<string, unknown> = {}) =>
    RecruitmentEventFactory.merge({
      siteId: njsfSite.id,
      schoolId: njsf.id,
      place: '体育馆',
      ...overrides,
    }).create()
  return { main, njsf, szsf, njsfSite, szsfSite, company, event }
}

test.group('91job-compatible open data (宣讲会, 招聘会, 职位, 招聘公告)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('getXjhPageList: 宣讲会 records with xjhid, xjhmc, jbrq, kssjd, jbdd, dwmc; paging stops', async ({
    client,
    assert,
  }) => {
    const { company, event } = await twoSchools()
    // 16:00 Beijing time three days ahead (stored as UTC like every timestamp of the platform).
    const base = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 3 })
      .set({ hour: 16, minute: 0, second: 0, millisecond: 0 })
    for (let i = 0; i < 23; i++) {
      await event({
        kind: 'session',
        title: `宣讲会 ${String(i).padStart(2, '0')}`,
        employerId: company.id,
        place: '图书馆报告厅',
        startsAt: base.plus({ minutes: i }).toUTC(),
        endsAt: base.plus({ hours: 2, minutes: i }).toUTC(),
      })
    }
    const { records, last, requests } = await pageThrough(client, NJSF, 'getXjhPageList')
    assert.equal(requests, 2)
    assert.equal(last.total, 23)
    assert.equal(last.pages, 2)
    assert.equal(last.current, 2)
    assert.equal(last.size, 20)
    assert.lengthOf(records, 23)
    const first = records[0]
    assert.match(first.xjhid, /^\d+$/)
    assert.equal(first.xjhmc, '宣讲会 00')
    assert.equal(first.jbrq, base.toFormat('yyyy-MM-dd'))
    assert.equal(first.kssjd, `${base.toFormat('yyyy-MM-dd')} 16:00-18:00`)
    assert.equal(first.jbdd, '图书馆报告厅')
    assert.equal(first.dwmc, company.name)
    // The whole answer, as a strict client reads it.
    const one = await client.post(`${BASE}/getXjhPageList`).header('host', NJSF).json(body(1))
    assert.containsSubset(one.body(), {
      success: true,
      code: 200,
      result: { current: 1, size: 20 },
    })
    assert.isString(one.body().message)
  })

  test('getZphPageList: 招聘会 records with zphid, zphmc, jbkssj, jbcd; a short first page stops at once', async ({
    client,
    assert,
  }) => {
    const { event } = await twoSchools()
    const startsAt = DateTime.now()
      .plus({ days: 5 })
      .setZone('Asia/Shanghai')
      .set({ hour: 9, minute: 30, second: 0, millisecond: 0 })
    await event({
      title: '秋季双选会',
      place: '体育馆',
      startsAt: startsAt.toUTC(),
      endsAt: startsAt.plus({ hours: 6 }).toUTC(),
    })
    const { records, last, requests } = await pageThrough(client, NJSF, 'getZphPageList')
    assert.equal(requests, 1)
    assert.equal(last.pages, 1)
    assert.lengthOf(records, 1)
    assert.match(records[0].zphid, /^\d+$/)
    assert.equal(records[0].zphmc, '秋季双选会')
    assert.equal(records[0].jbkssj, startsAt.toFormat('yyyy-MM-dd HH:mm'))
    assert.equal(records[0].jbcd, '体育馆')
  })

  test('xxdm is the school’s 学校标识码: another school’s events are not listed under it', async ({
    client,
    assert,
  }) => {
    const schools = await twoSchools()
    await schools.event({ title: '南示大招聘会' })
    await schools.event({
      title: '苏示院招聘会',
      siteId: schools.szsfSite.id,
      schoolId: schools.szsf.id,
    })
    const njsf = await pageThrough(client, MAIN, 'getZphPageList', '19001')
    assert.deepEqual(
      njsf.records.map((r: any) => r.zphmc),
      ['南示大招聘会']
    )
    const szsf = await pageThrough(client, MAIN, 'getZphPageList', '19002')
    assert.deepEqual(
      szsf.records.map((r: any) => r.zphmc),
      ['苏示院招聘会']
    )
    const unknown = await client
      .post(`${BASE}/getZphPageList`)
      .header('host', MAIN)
      .json(body(1, '99999'))
    unknown.assertStatus(400)
    assert.containsSubset(unknown.body(), { success: false, code: 400 })
    assert.include(unknown.body().message, '99999')
    // On a school subsite another school's code is refused: the site decides the scope.
    const mismatch = await client
      .post(`${BASE}/getZphPageList`)
      .header('host', SZSF)
      .json(body(1, '19001'))
    mismatch.assertStatus(400)
    assert.include(mismatch.body().message, '与本站学校不符')
  })

  test('getZpgwPageList and getZpgwxq: 职位 records with zpgwid, zwmc, dwmc, xlyq, xqzy, zwms, gzdd, xzdy', async ({
    client,
    assert,
  }) => {
    const { company } = await twoSchools()
    for (let i = 0; i < 21; i++) {
      await JobFactory.merge({
        employerId: company.id,
        title: `开发工程师 ${i}`,
        education: '本科',
        requirements: '计算机类专业',
        publishedAt: DateTime.now().minus({ minutes: i }),
      }).create()
    }
    const { records, last, requests } = await pageThrough(client, NJSF, 'getZpgwPageList')
    assert.equal(requests, 2)
    assert.equal(last.total, 21)
    assert.equal(last.pages, 2)
    assert.lengthOf(records, 21)
    const job = records[0]
    assert.match(job.zpgwid, /^\d+$/)
    assert.equal(job.zwmc, '开发工程师 0')
    assert.equal(job.dwmc, company.name)
    assert.equal(job.xlyq, '本科')
    assert.equal(job.xqzy, '计算机类专业')
    assert.equal(job.zwms, '职位描述内容，负责开发工作。')
    assert.equal(job.gzdd, '南京市')
    assert.equal(job.xzdy, formatSalary(8000, 12000))
    const detail = await client
      .get(`${BASE}/getZpgwxq`)
      .qs({ zpgwid: job.zpgwid })
      .header('host', NJSF)
    detail.assertStatus(200)
    assert.containsSubset(detail.body(), {
      success: true,
      code: 200,
      result: { zpgwid: job.zpgwid, zwmc: '开发工程师 0', dwmc: company.name, xlyq: '本科' },
    })
    const missing = await client
      .get(`${BASE}/getZpgwxq`)
      .qs({ zpgwid: '999999' })
      .header('host', NJSF)
    missing.assertStatus(404)
    assert.isFalse(missing.body().success)
  })

  test('getZpggPageList and getZpggxq: 招聘公告 of the province and of the school', async ({
    client,
    assert,
  }) => {
    const { main, njsfSite, szsfSite } = await twoSchools()
    const province = await Announcement.create({
      siteId: main.id,
      title: '全省公告',
      body: '正文一',
      publishedAt: DateTime.now().minus({ hours: 2 }),
    })
    await Announcement.create({
      siteId: njsfSite.id,
      title: '南示大公告',
      body: '正文二',
      publishedAt: DateTime.now().minus({ hours: 1 }),
    })
    await Announcement.create({
      siteId: szsfSite.id,
      title: '苏示院公告',
      body: '正文三',
      publishedAt: DateTime.now().minus({ hours: 1 }),
    })
    const { records, last } = await pageThrough(client, NJSF, 'getZpggPageList')
    assert.equal(last.total, records.length)
    const titles = records.map((r: any) => r.bt)
    assert.isAtLeast(titles.indexOf('南示大公告'), 0)
    assert.isBelow(titles.indexOf('南示大公告'), titles.indexOf('全省公告'))
    assert.notInclude(titles, '苏示院公告')
    const mine = records.find((r: any) => r.bt === '全省公告')
    assert.equal(mine.id, String(province.id))
    assert.match(mine.fbsj, /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/)
    const detail = await client
      .get(`${BASE}/getZpggxq`)
      .qs({ id: province.id })
      .header('host', NJSF)
    detail.assertStatus(200)
    assert.containsSubset(detail.body(), {
      success: true,
      code: 200,
      result: { bt: '全省公告', nr: '正文一' },
    })
  })

  test('legacy detail links redirect within the same host to the platform’s own pages', async ({
    client,
    assert,
  }) => {
    const { company, event } = await twoSchools()
    const session = await event({ kind: 'session', employerId: company.id })
    const fair = await event()
    const lecture = await client
      .get('/sub-station/lectureDetail')
      .qs({ xjhid: session.id, xxdm: '19001' })
      .header('host', NJSF)
      .redirects(0)
    assert.equal(lecture.status(), 302)
    assert.equal(lecture.header('location'), `/sessions/${session.id}`)
    const meeting = await client
      .get('/recruitment/meetingDetail')
      .qs({ zphid: fair.id })
      .header('host', NJSF)
      .redirects(0)
    assert.equal(meeting.header('location'), `/fairs/${fair.id}`)
    const followed = await client
      .get('/recruitment/meetingDetail')
      .qs({ zphid: fair.id })
      .header('host', NJSF)
    followed.assertStatus(200)
    followed.assertTextIncludes(fair.title)
    const gone = await client
      .get('/recruitment/meetingDetail')
      .qs({ zphid: 999999 })
      .header('host', NJSF)
      .redirects(0)
    gone.assertStatus(404)
  })

  test('robots.txt allows the open data; it is read-only and rate-limited per address with a JSON error', async ({
    client,
    assert,
  }) => {
    await twoSchools()
    const robots = await client.get('/robots.txt').header('host', NJSF)
    robots.assertStatus(200)
    assert.include(robots.text(), 'Allow: /web/wsjysc/')
    assert.include(robots.text(), 'Allow: /sub-station/lectureDetail')
    assert.include(robots.text(), 'Allow: /recruitment/meetingDetail')
    // Read-only: no write verb is routed there.
    const put = await client.put(`${BASE}/getZphPageList`).header('host', NJSF).json(body(1))
    assert.include([404, 405], put.status())
    // Use up this address's allowance, then the next request is refused in the 91job envelope.
    const store = limiter.use({ ...OPEN_DATA_LIMIT })
    for (let i = 0; i < OPEN_DATA_LIMIT.requests; i++)
      await store.increment('open_data:ip:127.0.0.1')
    const limited = await client.post(`${BASE}/getZphPageList`).header('host', NJSF).json(body(1))
    limited.assertStatus(429)
    assert.containsSubset(limited.body(), { success: false, code: 429, result: null })
    assert.include(limited.body().message, '请求过于频繁')
    assert.match(limited.header('retry-after') ?? '', /^\d+$/)
  })
})
