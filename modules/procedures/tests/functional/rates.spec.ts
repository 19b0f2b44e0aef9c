import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import type School from '#core/tenancy/models/school'
import { toDb, nowDb } from '#core/database/time'
import { world as core } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import { worldFor, collegeTeacher, provinceSettings } from '#modules/procedures/tests/helpers'
import { planOf } from '#modules/procedures/database/factories/procedures'
import { binary } from '#modules/procedures/tests/binary'

/** The class in season today (from September on, next year's). */
const YEAR = (() => {
  const now = DateTime.now().setZone('Asia/Shanghai')
  return now.month >= 9 ? now.year + 1 : now.year
})()

/**
 * 20 graduates of one 届别 at 南京示范大学, 10 in 信息学院 and 10 in 文学院:
 *   单位就业 codes: 10, 11, 12, 271, 502, 46         (6)
 *   自主创业 75 ×2                                  (2)
 *   自由职业 76 ×3                                  (3)
 *   升学 801, 801, 802, 85                           (4)
 *   未就业: 70, 71, 72 approved + 2 without any plan (5)
 * Two of them (12 and 85) registered under the 2021 rows: they are counted by their code.
 */
const COHORT: { code: string | null; version?: '2021' | '2024'; city?: string }[] = [
  { code: '10', city: '江苏省南京市' },
  { code: '11', city: '南京市' },
  { code: '12', version: '2021', city: '上海市' },
  { code: '271', city: '江苏省苏州市' },
  { code: '502', city: '南京市' },
  { code: '46' },
  { code: '75', city: '浙江省杭州市' },
  { code: '75', city: '南京市' },
  { code: '76' },
  { code: '76' },
  { code: '76' },
  { code: '801' },
  { code: '801' },
  { code: '802' },
  { code: '85', version: '2021' },
  { code: '70' },
  { code: '71' },
  { code: '72' },
  { code: null },
  { code: null },
]

async function seedCohort(school: School) {
  const graduates: { id: number; code: string | null; number: string; college: string }[] = []
  for (const [i, spec] of COHORT.entries()) {
    const college = i % 2 === 0 ? '信息学院' : '文学院'
    const graduate = await core.graduate(school, {
      studentNumber: `R${YEAR}${String(i + 1).padStart(3, '0')}`,
      name: `学生${i + 1}`,
      college,
      major: i % 4 < 2 ? '甲专业' : '乙专业',
      graduationYear: YEAR,
    })
    graduates.push({ id: graduate.id, code: spec.code, number: graduate.studentNumber, college })
    if (!spec.code) continue
    await planOf(
      graduate,
      spec.code,
      {
        college,
        procedures_mode: '2023',
        employer_city: spec.city ?? null,
        reviewed_at: nowDb(),
        registration_confirmed_at: nowDb(),
      },
      spec.version ?? '2024'
    )
  }
  return graduates
}

/** The school's cohort only (the demo graduates are another 届别 or none of ours). */
const statsUrl = (extra = '') => `/school/procedures/stats?year=${YEAR}${extra}`

/** The page without the whitespace between tags (rows read as one line). */
const squash = (html: string) => html.replace(/>\s+</g, '><')

function rateOf(html: string, group: string) {
  const m = html.match(
    new RegExp(
      `data-group="${group}">\\s*<td>[^<]*</td>\\s*<td class="text-right"><a href="[^"]*">(\\d+)</a></td>\\s*<td class="text-right" data-rate="([\\d.]+)"`
    )
  )
  return m ? { count: Number(m[1]), rate: Number(m[2]) } : null
}

test.group('就业统计: rates by the chosen code version', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('2024 口径: 单位就业率 + 自主创业率 + 自由职业率 + 升学率 = 落实率 on a hand-counted cohort', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    await seedCohort(w.njsf)
    const page = await staff.visit(statsUrl())
    page.assertStatus(200)
    const html = squash(page.text())
    // By hand: 20 graduates; 6 + 2 + 3 + 4 = 15 placed → 75%.
    assert.deepEqual(rateOf(html, 'unit'), { count: 6, rate: 30 })
    assert.deepEqual(rateOf(html, 'startup'), { count: 2, rate: 10 })
    assert.deepEqual(rateOf(html, 'freelance'), { count: 3, rate: 15 })
    assert.deepEqual(rateOf(html, 'study'), { count: 4, rate: 20 })
    assert.deepEqual(rateOf(html, 'unemployed'), { count: 3, rate: 15 })
    assert.match(html, /id="stat-total">20</)
    assert.match(html, /id="stat-rate">75%</)
    assert.equal(30 + 10 + 15 + 20, 75)
    page.assertTextIncludes('落实率 = 单位就业率 + 自主创业率 + 自由职业率 + 升学率')
    // Per code: 271 and 502 are 单位就业; 85 (registered under 2021) is 升学 as 境外留学.
    assert.match(html, /<td>271<\/td><td>科研助理、管理助理<\/td><td class="text-right">1<\/td>/)
    assert.match(html, /<td>502<\/td><td>三支一扶<\/td><td class="text-right">1<\/td>/)
    assert.match(html, /<td>85<\/td><td>境外留学<\/td><td class="text-right">1<\/td>/)
    assert.match(html, /<td>—<\/td><td>未登记或未审核<\/td><td class="text-right">2<\/td>/)
    // By college, by hand. 信息学院 = indexes 0,2,…,18: 10, 12, 502, 75, 76, 76, 801, 85, 71, none
    // → 单位就业 3, 自主创业 1, 自由职业 2, 升学 2 → 8 of 10 = 80%.
    assert.match(
      html,
      /<td>信息学院<\/td><td class="text-right">10<\/td><td class="text-right">30%<\/td><td class="text-right">10%<\/td><td class="text-right">20%<\/td><td class="text-right">20%<\/td><td class="text-right">10%<\/td><td class="text-right">80%<\/td>/
    )
    // 文学院 = 11, 271, 46, 75, 76, 801, 802, 70, 72, none → 3 + 1 + 1 + 2 = 7 of 10 = 70%.
    assert.match(
      html,
      /<td>文学院<\/td><td class="text-right">10<\/td><td class="text-right">30%<\/td><td class="text-right">10%<\/td><td class="text-right">10%<\/td><td class="text-right">20%<\/td><td class="text-right">20%<\/td><td class="text-right">70%<\/td>/
    )
    // The same figures in the export.
    const csv = await staff.visit(`/school/procedures/stats/export/csv?year=${YEAR}`)
    csv.assertHeader('content-type', 'text/csv; charset=utf-8')
    for (const line of [
      '单位就业率,6,30',
      '自主创业率,2,10',
      '自由职业率,3,15',
      '升学率,4,20',
      '毕业去向落实率,15,75',
      '271,科研助理、管理助理,1,5,单位就业',
      '信息学院,10,30,10,20,20,10,80',
    ])
      assert.include(csv.text(), line)
    const xlsx = await binary(staff.visit(`/school/procedures/stats/export/xlsx?year=${YEAR}`))
    const ExcelJS = (await import('exceljs')).default
    const book = new ExcelJS.Workbook()
    await book.xlsx.load(xlsx.body() as any)
    const sums = book.getWorksheet('汇总')!
    const cells: string[] = []
    sums.eachRow((r) => cells.push((r.values as any[]).slice(1).join('|')))
    assert.include(cells, '毕业去向落实率|15|75')
  })

  test('2021 口径: 协议和合同就业率 + 创业率 + 灵活就业率 + 升学率, with the 2021 group names', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    await provinceSettings({ destination_code_version: '2021' })
    await seedCohort(w.njsf)
    const page = await staff.visit(statsUrl())
    const html = squash(page.text())
    // By hand under 2021: 协议和合同 = 10, 11, 271, 502, 46 (5); 灵活就业 = 12 + 76×3 (4);
    // 创业 75×2; 升学 801, 801, 802, 85 (4); 暂不就业 71, 72; 未就业 70. 落实率 = 25+10+20+20 = 75%.
    assert.deepEqual(rateOf(html, 'contract'), { count: 5, rate: 25 })
    assert.deepEqual(rateOf(html, 'startup'), { count: 2, rate: 10 })
    assert.deepEqual(rateOf(html, 'flexible'), { count: 4, rate: 20 })
    assert.deepEqual(rateOf(html, 'study'), { count: 4, rate: 20 })
    assert.deepEqual(rateOf(html, 'deferred'), { count: 2, rate: 10 })
    assert.deepEqual(rateOf(html, 'unemployed'), { count: 1, rate: 5 })
    assert.match(html, /id="stat-rate">75%</)
    page.assertTextIncludes('落实率 = 协议和合同就业率 + 创业率 + 灵活就业率 + 升学率')
    page.assertTextIncludes('协议和合同就业率')
    assert.notInclude(html, '单位就业率')
    // 2021 names: 85 出国、出境.
    assert.match(html, /<td>85<\/td><td>出国、出境<\/td><td class="text-right">1<\/td>/)
  })

  test('下钻名单: the students behind a count are exactly the counted ones, scoped like every list', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const graduates = await seedCohort(w.njsf)
    const ids = (html: string) =>
      [...html.matchAll(/data-graduate="(\d+)"/g)].map((m) => Number(m[1])).sort((a, b) => a - b)
    const expect = (codes: (string | null)[], college?: string) =>
      graduates
        .filter((g) => codes.includes(g.code) && (!college || g.college === college))
        .map((g) => g.id)
        .sort((a, b) => a - b)
    const unit = await staff.visit(`/school/procedures/stats/students?year=${YEAR}&group=unit`)
    unit.assertStatus(200)
    assert.deepEqual(ids(unit.text()), expect(['10', '11', '12', '271', '502', '46']))
    const c85 = await staff.visit(`/school/procedures/stats/students?year=${YEAR}&code=85`)
    assert.deepEqual(ids(c85.text()), expect(['85']))
    const none = await staff.visit(`/school/procedures/stats/students?year=${YEAR}&group=none`)
    assert.deepEqual(ids(none.text()), expect([null]))
    // A college teacher sees only their college's students, in the list and in the figures.
    const teacher = as(client, await collegeTeacher(w.njsf, '信息学院', 'njsf-info'), {
      site: 'njsf',
    })
    const mine = await teacher.visit(
      `/school/procedures/stats/students?year=${YEAR}&group=freelance`
    )
    assert.deepEqual(ids(mine.text()), expect(['76'], '信息学院'))
    const figures = await teacher.visit(statsUrl())
    assert.match(figures.text(), /id="stat-total">10</)
    // Another school's staff find none of them.
    const other = await client
      .get(`/school/procedures/stats/students?group=unit`)
      .loginAs(w.szsfStaff)
    assert.deepEqual(ids(other.text()), [])
  })

  test('周趋势 from history: a plan approved two weeks ago counts from that week, not only today', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const graduates = await seedCohort(w.njsf)
    // Rewrite history: the 10 (index 0) was confirmed three weeks ago and approved two weeks ago;
    // every other approved plan was approved today (their history says so).
    const zone = 'Asia/Shanghai'
    const twoWeeksAgo = DateTime.now().setZone(zone).minus({ weeks: 2 })
    const plans = await db.from('employment_plans').select('id', 'graduate_id')
    for (const p of plans) {
      const early = Number(p.graduate_id) === graduates[0].id
      await db.table('destination_registration_changes').multiInsert([
        {
          plan_id: p.id,
          graduate_id: p.graduate_id,
          school_id: w.njsf.id,
          action: 'confirm',
          field: 'status',
          old_value: null,
          new_value: 'pending',
          created_at: toDb(early ? twoWeeksAgo.minus({ weeks: 1 }) : DateTime.now()),
        },
        {
          plan_id: p.id,
          graduate_id: p.graduate_id,
          school_id: w.njsf.id,
          action: 'approve',
          field: 'status',
          old_value: 'pending',
          new_value: 'approved',
          created_at: toDb(early ? twoWeeksAgo : DateTime.now()),
        },
      ])
    }
    const page = await staff.visit(statsUrl())
    const data = JSON.parse(
      page
        .text()
        .match(/<script type="application\/json" id="stats-chart-data">(.*?)<\/script>/s)![1]
    )
    const trend: { week: string; rate: number; placed: number }[] = data.trend
    const label = (d: DateTime) => d.endOf('week').toFormat('M月d日')
    const at = (d: DateTime) => trend.find((p) => p.week === label(d))
    assert.equal(at(twoWeeksAgo.minus({ weeks: 1 }))?.placed, 0)
    assert.equal(at(twoWeeksAgo)?.placed, 1)
    assert.equal(at(twoWeeksAgo)?.rate, 5)
    assert.equal(at(twoWeeksAgo.plus({ weeks: 1 }))?.placed, 1)
    // This week: every placed graduate (15 of 20).
    assert.deepEqual(trend.at(-1), { week: trend.at(-1)!.week, rate: 75, placed: 15 })
  })

  test('空状态: a cohort without graduates says so instead of charts', async ({ client }) => {
    const { w, staff } = await worldFor(client)
    await db.from('graduates').where('school_id', w.njsf.id).delete()
    const page = await staff.visit('/school/procedures/stats')
    page.assertStatus(200)
    page.assertTextIncludes('该范围内还没有毕业生生源数据')
  })
})
