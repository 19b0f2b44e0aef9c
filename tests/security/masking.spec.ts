import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import { twoSchools, withModuleRecords } from '#tests/helpers/cast'
import { world } from '#tests/helpers/world'
import signingService from '#modules/procedures/services/signing_service'
import { invitationForm } from '#modules/procedures/tests/helpers'

/**
 * 身份证号 and 手机号 are shown masked everywhere (forms, detail pages, 操作记录, review pages,
 * audit logs, CSV exports); the audited 查看完整身份证号 is the only way to the full number.
 *
 * Generated, not hand-listed: every GET route of the router that belongs to an actor's area is
 * visited with the seeded ids (and every link found on the pages is followed), as each actor kind
 * that can see students. Any 18-character 身份证号 or any seeded student's 11-digit mobile in a
 * response fails the test, with the page named.
 */

const NJSF = 'njsf.localhost'
const MAIN = 'localhost'
const ID_NUMBER = /(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g
/** Responses read as text; binary downloads (PDF, files) are not pages. */
const TEXT_TYPES = /text\/html|text\/csv|text\/plain|application\/json/
/** Per route pattern, at most this many distinct URLs (filters and paging multiply links). */
const PER_PATTERN = 12
/**
 * The only full numbers a page may hold, each for a stated reason. 身份证号: the example of
 * GB 11643 in the blank import template (nobody's number). Mobiles: the student's own editable
 * forms (the data subject edits their own number), and the resume a student sent to an employer
 * with an application (shared by the student for being contacted).
 */
const TEMPLATE_EXAMPLE_ID = '11010519491231002X'
const MOBILE_ALLOWED: Record<string, string[]> = {
  '学生本人': [
    '/student/resumes/:id',
    '/student/resumes/:id/preview',
    '/student/procedures/source',
  ],
  '用人单位（签约邀请 / 投递）': ['/employer/applications/:id'],
}
/** `:id` values tried for every route with parameters (fresh database: ids start at 1). */
const ID_POOL = Array.from({ length: 12 }, (_, i) => String(i + 1))

interface RouteInfo {
  pattern: string
  regex: RegExp
  params: string[]
}

function getRoutes(): RouteInfo[] {
  const all: RouteInfo[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const r of routes) {
      if (!r.methods.includes('GET')) continue
      const params = [...r.pattern.matchAll(/:([A-Za-z_]+)/g)].map((m) => m[1])
      const source = r.pattern
        .split('/')
        .map((part) =>
          part.startsWith(':')
            ? '[^/]+'
            : part === '*'
              ? '.*'
              : part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')
        )
        .join('/')
      all.push({ pattern: r.pattern, regex: new RegExp(`^${source}$`), params })
    }
  }
  return all
}

/** Seeded students' mobiles (registry and accounts) plus the ones the scenario types in. */
async function studentMobiles(extra: string[]) {
  const fromRegistry = await db.from('graduates').whereNotNull('phone').select('phone')
  const fromAccounts = await db
    .from('users')
    .where('kind', 'student')
    .whereNotNull('phone')
    .select('phone')
  return [
    ...new Set(
      [...fromRegistry, ...fromAccounts, ...extra.map((phone) => ({ phone }))]
        .map((r: any) => String(r.phone))
        .filter((p) => /^1\d{10}$/.test(p))
    ),
  ]
}

/**
 * The two-school cast (records of every kind) plus the writes that leave personal data in histories: a teacher edits 张三's
 * 身份证号 and 手机号, an import creates and updates students with both, 张三 asks to correct his
 * 身份证号, an employer invites him to sign.
 */
async function scenario(client: any) {
  const core = await twoSchools()
  await withModuleRecords(core)
  const csTeacher = await world.staff(core.njsf, { college: '计算机学院' })

  // A teacher edits 张三: new 身份证号 and 手机号 (the audit diff gets both, old and new).
  const edit = await client
    .post(`/school/graduates/${core.zhangsan.id}`)
    .header('host', NJSF)
    .loginAs(core.njsfStaff)
    .withCsrfToken()
    .form({
      name: '张三',
      gender: '男',
      idNumber: '320102200606061238',
      college: '计算机学院',
      major: '软件工程',
      degreeLevel: '本科',
      graduationYear: '2026',
      phone: '13900000011',
      email: 'zhangsan@example.com',
      signable: 'on',
    })
    .redirects(0)
  if (edit.status() !== 302) throw new Error(`editing 张三 answered ${edit.status()}`)

  // An import creates a student and updates one (full numbers went into import_create/update).
  const header = '学号,姓名,性别,身份证号,学院,专业,学历,届别,手机号,电子邮箱'
  const file = Buffer.from(
    [
      header,
      '2026000901,周九,男,320102200404041239,计算机学院,软件工程,本科,2026,13700000901,',
      '2026000003,赵六,男,320102200505051233,计算机学院,计算机科学与技术,本科,2026,13700000003,',
    ].join('\r\n') + '\r\n'
  )
  const uploaded = await client
    .post('/school/graduates/import')
    .header('host', NJSF)
    .loginAs(core.njsfStaff)
    .withCsrfToken()
    .file('file', file, { filename: 'mask.csv' })
    .redirects(0)
  const importId = new URL(String(uploaded.header('location')), 'http://x').searchParams.get('id')
  await client
    .post('/school/graduates/import/confirm')
    .header('host', NJSF)
    .loginAs(core.njsfStaff)
    .withCsrfToken()
    .form({ id: String(importId) })
    .redirects(0)

  // 张三 (source info approved) asks to correct his 身份证号 (pending review).
  await client
    .post('/student/procedures/source/change')
    .header('host', NJSF)
    .loginAs(core.studentZhang)
    .withCsrfToken()
    .form({ new_idNumber: '32010220030101123X', reason: '身份证号录入错误' })
    .redirects(0)

  // The employer invites 张三 to sign (张三 and 王五 applied to its jobs).
  await signingService.send(core.employerUser, invitationForm(core.njsf.id))

  const actors = [
    { label: '学校管理员', user: core.njsfStaff, host: NJSF, area: '/school' },
    { label: '学院辅导员', user: csTeacher, host: NJSF, area: '/school' },
    { label: '省级管理员', user: core.admin, host: MAIN, area: '/province' },
    {
      label: '用人单位（签约邀请 / 投递）',
      user: core.employerUser,
      host: MAIN,
      area: '/employer',
    },
    { label: '学生本人', user: core.studentZhang, host: NJSF, area: '/student' },
  ]
  const mobiles = await studentMobiles([core.zhangsan.phone!, '13900000011', '13700000901'])
  return { actors, mobiles }
}

function linksOf(html: string) {
  const out: string[] = []
  for (const m of html.matchAll(/(?:href|hx-get|action)="(\/[^"#]*)"/g)) {
    out.push(m[1].replace(/&amp;/g, '&'))
  }
  return out
}

/** Start URLs from the route list: every GET pattern of the area, params filled with seeded ids. */
function startUrls(routes: RouteInfo[], area: string) {
  const urls: string[] = [area]
  for (const r of routes) {
    if (!r.pattern.startsWith(area + '/')) continue
    if (!r.params.length) {
      urls.push(r.pattern)
      continue
    }
    // Only `:id` is filled from the pool; other params (type, format, file) come from links.
    if (r.params.some((p) => p !== 'id')) continue
    for (const id of ID_POOL) urls.push(r.pattern.replace(/:id/g, id))
  }
  return urls
}

test.group(
  '个人信息脱敏：每个能看到学生的页面、导出和操作日志都不出现完整身份证号和手机号',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())
    group.each.timeout(240_000)

    test('no page, CSV export or audit log shows an unmasked 身份证号 or a student’s full mobile, for any actor', async ({
      client,
      assert,
    }) => {
      const { actors, mobiles } = await scenario(client)
      const routes = getRoutes()
      const findings: string[] = []
      const visitedPatterns = new Set<string>()
      let pages = 0

      for (const actor of actors) {
        const queue = startUrls(routes, actor.area)
        const seen = new Set<string>()
        const perPattern = new Map<string, number>()
        while (queue.length) {
          const url = queue.shift()!
          if (seen.has(url)) continue
          seen.add(url)
          const path = url.split('?')[0]
          const route = routes.find((r) => r.regex.test(path))
          // Only the actor's own area (and public pages linked from it), only real GET routes.
          if (!route || (!path.startsWith(actor.area) && path !== '/')) continue
          if (/\/logout$/.test(path)) continue
          const count = perPattern.get(route.pattern) ?? 0
          if (count >= PER_PATTERN) continue
          perPattern.set(route.pattern, count + 1)

          const response = await client
            .get(url)
            .header('host', actor.host)
            .loginAs(actor.user)
            .redirects(0)
          const type = String(response.header('content-type') ?? '')
          if (response.status() !== 200 || !TEXT_TYPES.test(type)) continue
          pages++
          visitedPatterns.add(route.pattern)
          const text = response.text()
          const where = `${actor.label} GET ${url}`
          for (const m of text.matchAll(ID_NUMBER)) {
            const example =
              m[0] === TEMPLATE_EXAMPLE_ID &&
              route.pattern === '/school/graduates/import/template.csv'
            if (!example) findings.push(`${where}: 身份证号 ${m[0]}`)
          }
          const mobileAllowed = (MOBILE_ALLOWED[actor.label] ?? []).includes(route.pattern)
          for (const mobile of mobiles) {
            if (text.includes(mobile) && !mobileAllowed) findings.push(`${where}: 手机号 ${mobile}`)
          }
          if (type.includes('text/html')) {
            for (const link of linksOf(text)) if (!seen.has(link)) queue.push(link)
          }
        }
      }

      // The scan really reached the pages that hold personal data (it cannot pass by seeing nothing).
      for (const pattern of [
        '/school/graduates/:id',
        '/school/graduates/:id/edit',
        '/school/graduates/export.csv',
        '/school/audit-logs',
        '/school/audit-logs/:id',
        '/school/audit-logs/export.csv',
        '/province/audit-logs',
        '/province/audit-logs/export.csv',
        // The review queues (admin resources, one per type): the record pages with 身份证号 / phone.
        '/school/procedures/reviews/source/:id',
        '/school/procedures/reviews/changes/:id',
        '/employer/applications/:id',
        '/student/procedures/source',
      ]) {
        assert.isTrue(visitedPatterns.has(pattern), `the scan did not reach ${pattern}`)
      }
      assert.isAbove(pages, 80)
      assert.deepEqual([...new Set(findings)], [])
    })
  }
)
