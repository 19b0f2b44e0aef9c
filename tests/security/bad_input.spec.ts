/**
 * Bad input never ends in a 500 (issue 9, item 7). GENERATED from the router's own route list:
 * a route added tomorrow is probed without anyone listing it here.
 *
 * - Every POST route, and every GET page whose forms carry query filters, receives for each
 *   form field (found by parsing the forms of the pages the area's actor can reach) a NUL
 *   byte, 10,000 characters, huge numbers and an array. The answer is a 4xx or a redirect
 *   with a flash error, always with a Chinese message; a huge number in a free-text field may
 *   be accepted, but never answers 500.
 * - Every route with an id param answers 404 to 99999999999, -1 and `abc`.
 */
import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { NUL_MESSAGE } from '#core/http/middleware/input_guard_middleware'
import router from '@adonisjs/core/services/router'
import { allRoutes, isIdParam } from '#core/http/route_params'
import { queryInt } from '#core/http/query'
import { isUniqueViolation } from '#core/database/errors'
import { sourceRecord, twoSchools, withModuleRecords, type Cast } from '#tests/helpers/cast'
import { as } from '#tests/helpers/requests'
import { world } from '#tests/helpers/world'

type Area = 'public' | 'student' | 'employer' | 'school' | 'province'
interface FormInfo {
  action: string
  method: string
  fields: Map<string, string>
  /** Controls a user types into (text, textarea …), as opposed to hidden, checkbox, select. */
  typed: Set<string>
}
interface RouteInfo {
  pattern: string
  method: 'GET' | 'POST'
  area: Area
  params: string[]
  regex: RegExp
}

const NJSF = 'njsf.localhost'
const MAIN = 'localhost'
const CHINESE = /[\u4e00-\u9fff]/

/** Probes that are not forms: downloads, logout, the vendor files and the queue probe. */
// `/fw-…`: test-only resources of the admin framework tests, mounted when the whole run loads them.
const SKIP = [
  /^\/vendor\//,
  /^\/logout$/,
  /\.(csv|pdf)$/,
  /\/export\/:format$/,
  /\/attachment$/,
  /\/fw-/,
]

function areaOf(pattern: string): Area {
  const first = pattern.split('/')[1]
  if (['/employer/login', '/employer/register', '/admin/login'].includes(pattern)) return 'public'
  if (first === 'student' || first === 'employer' || first === 'school' || first === 'province')
    return first
  return 'public'
}

function hostOf(area: Area) {
  return area === 'student' || area === 'school' ? NJSF : MAIN
}

function routeList(): RouteInfo[] {
  const list: RouteInfo[] = []
  for (const route of allRoutes(router.routes as unknown[])) {
    const json = route.toJSON()
    if (SKIP.some((re) => re.test(json.pattern))) continue
    const params = [...json.pattern.matchAll(/:([A-Za-z_]\w*)/g)].map((m) => m[1])
    const source = json.pattern
      .split('/')
      .map((part) =>
        part.startsWith(':') ? '([^/?#]+)' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      )
      .join('/')
    for (const method of json.methods.filter((m) => m === 'GET' || m === 'POST')) {
      list.push({
        pattern: json.pattern,
        method: method as 'GET' | 'POST',
        area: areaOf(json.pattern),
        params,
        regex: new RegExp(`^${source}$`),
      })
    }
  }
  return list
}

const ROUTES = routeList()

function decode(value: string) {
  return value
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
}

function attr(tag: string, name: string) {
  const m = tag.match(new RegExp(`\\s${name}\\s*=\\s*("([^"]*)"|'([^']*)')`, 'i'))
  return m ? decode(m[2] ?? m[3] ?? '') : null
}

/** Forms of a page: action, method and each named control with its current value. */
function parseForms(html: string, pageUrl: string): FormInfo[] {
  const forms: FormInfo[] = []
  for (const m of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    const action = attr(m[1], 'action') ?? pageUrl
    const method = (attr(m[1], 'method') ?? 'get').toUpperCase()
    const fields = new Map<string, string>()
    const typed = new Set<string>()
    for (const c of m[2].matchAll(/<(input|select|textarea)\b([^>]*)>/gi)) {
      const name = attr(c[2], 'name')
      const type = (attr(c[2], 'type') ?? (c[1] === 'input' ? 'text' : c[1])).toLowerCase()
      if (!name || name === '_csrf' || type === 'file' || type === 'submit') continue
      if ((type === 'checkbox' || type === 'radio') && fields.has(name)) continue
      fields.set(name, attr(c[2], 'value') ?? '')
      if (!['hidden', 'checkbox', 'radio', 'select'].includes(type)) typed.add(name)
    }
    forms.push({ action: action.split('#')[0], method, fields, typed })
  }
  return forms
}

function pathOf(url: string) {
  if (url.startsWith('http')) return new URL(url).pathname
  return url.split('?')[0].split('#')[0]
}

/** Everything an actor can reach from its area's pages: concrete URLs and the forms on them. */
async function crawl(client: ApiClient, area: Area, actor: any) {
  const seen = new Set<string>()
  const urls = new Set<string>()
  const forms: FormInfo[] = []
  const queue = ROUTES.filter((r) => r.area === area && r.method === 'GET' && !r.params.length).map(
    (r) => r.pattern
  )
  while (queue.length && seen.size < 250) {
    const url = queue.shift()!
    if (seen.has(url)) continue
    seen.add(url)
    let request = client.get(url).header('host', hostOf(area)).redirects(0)
    if (actor) request = request.loginAs(actor)
    const response = await request
    if (response.status() !== 200) continue
    const html = String(response.text() ?? '')
    for (const form of parseForms(html, url)) {
      forms.push({ ...form, action: pathOf(form.action) })
      urls.add(pathOf(form.action))
    }
    for (const m of html.matchAll(/\shref="([^"]+)"/g)) {
      const path = pathOf(decode(m[1]))
      if (!path.startsWith('/') || path.startsWith('//')) continue
      urls.add(path)
      const route = ROUTES.find((r) => r.method === 'GET' && r.regex.test(path))
      if (route && route.area === area && !SKIP.some((re) => re.test(path))) queue.push(path)
    }
  }
  return { urls: [...urls, ...seen], forms }
}

function concreteUrl(route: RouteInfo, urls: string[]) {
  return urls.find((u) => route.regex.test(u)) ?? null
}

const NUL = 'a\u0000b'
const LONG = '长'.repeat(10_000)
/** A query string of 10,000 Chinese characters (90 kB) exceeds Node's 16 kB header limit
 * (431, answered by Node itself): filters get 500 characters. */
const LONG_QUERY = '长'.repeat(500)
const HUGE = ['99999999999999999999', '1e309']

/** True when a Chinese message reached the user: in the page, the flash or the HX-Trigger toast. */
function chineseMessage(response: ApiResponse) {
  const flash = JSON.stringify(response.flashMessages() ?? {})
  const trigger = response.header('hx-trigger') ?? ''
  const decoded = trigger.replace(/\\u([0-9a-f]{4})/gi, (_, h) =>
    String.fromCharCode(Number.parseInt(h, 16))
  )
  return CHINESE.test(flash) || CHINESE.test(decoded) || CHINESE.test(String(response.text() ?? ''))
}

function refused(response: ApiResponse) {
  const status = response.status()
  if (status >= 400 && status < 500) return true
  if (status === 302 || status === 303) {
    const flash = response.flashMessages() ?? {}
    return Boolean(flash.error || flash.errorsBag || flash.errors)
  }
  return false
}

let actors: Cast
/** How many generated probes found a concrete URL of their route (printed after the group). */
const found = { filled: 0, ids: 0 }
const reach = new Map<Area, { urls: string[]; forms: FormInfo[] }>()

function actorOf(area: Area) {
  return {
    public: null,
    student: actors.studentZhang,
    employer: actors.employerUser,
    school: actors.njsfStaff,
    province: actors.admin,
  }[area]
}

async function send(
  client: ApiClient,
  route: RouteInfo,
  url: string,
  fields: Record<string, unknown>
) {
  const actor = actorOf(route.area)
  let request =
    route.method === 'GET'
      ? client.get(url).qs(fields as any)
      : client
          .post(url)
          .withCsrfToken()
          .form(fields as any)
  request = request.header('host', hostOf(route.area)).redirects(0)
  if (actor) request = request.loginAs(actor)
  return request
}

test.group(
  '安全: 错误输入（空字符、超长、超大数字、数组）一律 4xx 并给出中文提示，绝不 500',
  (group) => {
    group.setup(async () => {
      // truncate() hands back the cleanup: the tables are emptied when the group ends.
      const truncate = await testUtils.db().truncate()
      actors = await twoSchools()
      await withModuleRecords(actors)
      return truncate
    })
    group.teardown(() => {
      console.log(
        `\nbad input: ${found.filled} routes filled in from a page, ${found.ids} id routes with a sample URL\n`
      )
    })

    async function reachOf(client: ApiClient, area: Area) {
      if (!reach.has(area)) reach.set(area, await crawl(client, area, actorOf(area)))
      return reach.get(area)!
    }

    for (const route of ROUTES) {
      const withForm = route.method === 'POST' || !route.params.length
      if (!withForm) continue
      test(`${route.method} ${route.pattern}: bad values in every field are refused in Chinese`, async ({
        client,
        assert,
      }) => {
        const { urls, forms } = await reachOf(client, route.area)
        const url = route.params.length ? concreteUrl(route, urls) : route.pattern
        if (!url) {
          // No page of the area links to it (nothing of that kind in the demo): nothing to fill in.
          return
        }
        if (route.params.length) found.filled++
        const form = forms.find((f) => f.method === route.method && f.action === url)
        if (route.method === 'GET' && !form) return // a page without query filters
        const fields = form ? Object.fromEntries(form.fields) : {}
        // A route without a form still gets an unknown field: it may be ignored, never a 500.
        const names = Object.keys(fields).length ? Object.keys(fields) : ['note']
        const isPost = route.method === 'POST'
        const long = isPost ? LONG : LONG_QUERY
        const failures: string[] = []
        for (const name of names) {
          const base = name.endsWith('[]') ? name.slice(0, -2) : name
          // What the user types must be refused when over-long or an array; a hidden field, a
          // checkbox or a select may ignore a value it does not know.
          const typed = isPost && Boolean(form?.typed.has(name))
          const probes: [string, Record<string, unknown>, boolean][] = [
            ['NUL', { ...fields, [name]: NUL }, true],
            ['10000 chars', { ...fields, [name]: long }, typed],
            ...HUGE.map(
              (n) => [`number ${n}`, { ...fields, [name]: n }, false] as [string, any, boolean]
            ),
            ['array', { ...fields, [name]: undefined, [`${base}[]`]: [long, long] }, typed],
          ]
          for (const [label, body, mustRefuse] of probes) {
            const response = await send(client, route, url, body)
            const status = response.status()
            if (status >= 500) failures.push(`${name}=${label}: ${status}`)
            else if (mustRefuse && !refused(response))
              failures.push(`${name}=${label}: not refused (${status})`)
            else if (refused(response) && !chineseMessage(response))
              failures.push(`${name}=${label}: refused without a Chinese message (${status})`)
          }
        }
        assert.isTrue(failures.length === 0, `${route.method} ${url}: ${failures.join('; ')}`)
      })
    }

    for (const route of ROUTES.filter((r) => r.params.some(isIdParam))) {
      test(`${route.method} ${route.pattern}: ids 99999999999, -1 and abc answer 404`, async ({
        client,
        assert,
      }) => {
        const { urls } = await reachOf(client, route.area)
        const sample = concreteUrl(route, urls)
        if (sample) found.ids++
        const sampleParts = sample?.split('/')
        for (const bad of ['99999999999', '-1', 'abc']) {
          for (const param of route.params.filter(isIdParam)) {
            const url = route.pattern
              .split('/')
              .map((part, i) => {
                if (part === `:${param}`) return bad
                if (part.startsWith(':')) return sampleParts?.[i] ?? '1'
                return part
              })
              .join('/')
            const response = await send(client, route, url, {})
            assert.equal(response.status(), 404, `${route.method} ${url}`)
            assert.match(String(response.text() ?? ''), CHINESE)
          }
        }
      })
    }
  }
)

/** The rules behind the generated probes, each on a record that is otherwise valid. */
test.group('安全: 错误输入的具体规则', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  const local = (dt: DateTime) => dt.setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm")
  function fairForm(overrides: Record<string, string> = {}) {
    const start = DateTime.now().plus({ days: 10 }).set({ hour: 9, minute: 0 })
    return {
      title: '春季双选会',
      mode: 'offline',
      city: '南京市',
      place: '体育馆',
      starts_at: local(start),
      ends_at: local(start.plus({ hours: 6 })),
      registration_starts_at: local(DateTime.now().minus({ hours: 1 })),
      registration_ends_at: local(start.minus({ days: 1 })),
      capacity: '200',
      description: '欢迎参加',
      ...overrides,
    }
  }

  test('签约邀请的薪酬待遇、工作地点、合同期限、试用期、签约联系人不超过 50 个字符（列宽）', async ({
    client,
    assert,
  }) => {
    const cast = await twoSchools()
    const tooLong = '长'.repeat(51)
    const fields = ['salary', 'work_city', 'contract_term', 'probation', 'contact_name']
    const response = await as(client, cast.employerUser).postForm('/employer/procedures/signing', {
      mode: 'identity',
      school_id: cast.njsf.id,
      student_number: '2026000001',
      name: '张三',
      job_title: '软件开发工程师',
      contact_phone: '025-88880000',
      deadline: local(DateTime.now().plus({ days: 7 })),
      ...Object.fromEntries(fields.map((f) => [f, tooLong])),
    })
    response.assertStatus(302)
    const bag = (response.flashMessages().errorsBag ?? {}) as Record<string, string>
    for (const field of fields) assert.equal(bag[field], '不能超过 50 个字符', field)
    assert.equal(Number((await db.from('signing_invitations').count('* as n'))[0].n), 0)
  })

  test('签约邀请的求职者和学校 id 超出整数范围时按无此人处理，不是 500', async ({ client }) => {
    const cast = await twoSchools()
    for (const form of [
      { mode: 'applicant', applicant_user_id: '9999999999' },
      { mode: 'identity', school_id: '9999999999', student_number: '2026000001', name: '张三' },
    ]) {
      const response = await as(client, cast.employerUser).postForm(
        '/employer/procedures/signing',
        { ...form, job_title: '开发', salary: '1万', work_city: '南京', contact_name: '刘' }
      )
      response.assertStatus(302)
      const bag = (response.flashMessages().errorsBag ?? {}) as Record<string, string>
      if (!Object.values(bag).some((m) => CHINESE.test(String(m))))
        throw new Error(`no Chinese field error for ${JSON.stringify(form)}`)
    }
  })

  test('学校不能创建过去日期（如 2020 年）的招聘会，提示写在开始时间旁', async ({
    client,
    assert,
  }) => {
    const cast = await twoSchools()
    const response = await as(client, cast.njsfStaff, { site: 'njsf' }).postForm('/school/events', {
      ...fairForm({
        starts_at: '2020-05-01T09:00',
        ends_at: '2020-05-01T15:00',
        registration_starts_at: '2020-04-01T09:00',
        registration_ends_at: '2020-04-30T09:00',
      }),
      kind: 'fair',
    })
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', { starts_at: '开始时间须晚于当前时间' })
    assert.equal(Number((await db.from('recruitment_events').count('* as n'))[0].n), 0)
  })

  test('添加参展单位时 employer_id 为超大数字或 1e309 时给出中文提示，不是 500', async ({
    client,
  }) => {
    const cast = await twoSchools()
    const create = await as(client, cast.njsfStaff, { site: 'njsf' }).postForm('/school/events', {
      ...fairForm(),
      kind: 'fair',
    })
    const location = create.header('location')
    for (const employerId of ['99999999999999999999', '1e309', '2147483648']) {
      const response = await as(client, cast.njsfStaff, { site: 'njsf' }).postForm(
        `${location}/exhibitors`,
        { employer_id: employerId, booth_no: 'A1' }
      )
      if (response.status() >= 500) throw new Error(`employer_id=${employerId}: 500`)
      const flash = JSON.stringify(response.flashMessages() ?? {})
      if (!CHINESE.test(flash)) throw new Error(`employer_id=${employerId}: no Chinese message`)
    }
  })

  test('空字符在登录表单与职位搜索中被拒绝，并给出中文提示', async ({ client, assert }) => {
    await world.mainSite()
    const search = await client.get('/jobs').qs({ keyword: 'a\u0000b' })
    search.assertStatus(400)
    assert.include(search.text(), '空字符')
    const login = await client
      .post('/admin/login')
      .withCsrfToken()
      .form({ account: 'admin\u0000', password: 'x' })
      .redirects(0)
    login.assertStatus(302)
    login.assertFlashMessage('error', NUL_MESSAGE)
  })

  test('列表筛选只接受选项中的值：超大届别、学校 id 按未筛选处理（不是 500，也不是空列表）', async ({
    client,
    assert,
  }) => {
    const cast = await twoSchools()
    for (const year of ['99999999999999999999', '1e309', '2147483648']) {
      const list = await as(client, cast.njsfStaff, { site: 'njsf' })
        .visit('/school/graduates')
        .qs({ f_graduationYear: year })
      list.assertStatus(200)
      assert.include(list.text(), cast.zhangsan.studentNumber, `f_graduationYear=${year}`)
    }
    const admins = await as(client, cast.admin)
      .visit('/province/school-admins')
      .qs({ f_school: '99999999999' })
    admins.assertStatus(200)
    assert.include(admins.text(), cast.njsfStaff.username)
    assert.equal(queryInt('2147483648'), null)
    assert.equal(queryInt('1e309'), null)
    assert.equal(queryInt(['5']), null)
    assert.equal(queryInt('2026'), 2026)
  })

  test('就业统计的届别与学校参数超出整数范围时按未选择处理', async ({ client, assert }) => {
    const cast = await twoSchools()
    const stats = await as(client, cast.admin)
      .visit('/province/procedures/stats')
      .qs({ year: '1e309', school_id: '99999999999' })
    stats.assertStatus(200)
    assert.notInclude(stats.text(), 'Infinity')
    assert.match(stats.text(), /全省\s*毕业生去向统计/)
  })

  test('生源信息变更申请的原因为数组时在原因旁提示，不是 500', async ({ client, assert }) => {
    const cast = await twoSchools()
    await sourceRecord(cast.zhangsan)
    const response = await as(client, cast.studentZhang, { site: 'njsf' }).postForm(
      '/student/procedures/source/change',
      { 'new_major': '计算机科学与技术', 'reason[]': ['a', 'b'] }
    )
    response.assertStatus(302)
    const bag = (response.flashMessages().errorsBag ?? {}) as Record<string, string>
    assert.match(bag.reason ?? '', CHINESE)
    assert.equal(Number((await db.from('source_change_requests').count('* as n'))[0].n), 0)
  })

  test('招聘公告的发布时间不存在（2026-02-30、99999-01-01）时在字段旁提示', async ({
    client,
    assert,
  }) => {
    const cast = await twoSchools()
    for (const publishedAt of ['2026-02-30T10:00', '99999-01-01T10:00', '2026-13-01T10:00']) {
      const response = await as(client, cast.njsfStaff, { site: 'njsf' }).postForm(
        '/school/announcements',
        { title: '春季招聘公告', body: '正文', publishedAt }
      )
      response.assertStatus(422)
      assert.include(response.text(), '请选择正确的发布时间', publishedAt)
    }
    assert.equal(
      Number((await db.from('announcements').where('title', '春季招聘公告').count('* as n'))[0].n),
      0
    )
  })

  test('生源库同一新学号同时提交两次：只建一条，另一次提示该学号已存在，不是 500', async ({
    client,
    assert,
  }) => {
    const cast = await twoSchools()
    const submit = () =>
      as(client, cast.njsfStaff, { site: 'njsf' }).postForm('/school/graduates', {
        studentNumber: '2026999001',
        name: '赵六',
        graduationYear: '2026',
      })
    const responses = await Promise.all([submit(), submit(), submit()])
    const statuses = responses.map((r) => r.status())
    assert.notInclude(statuses, 500)
    assert.equal(statuses.filter((s) => s === 302).length, 1, JSON.stringify(statuses))
    for (const r of responses.filter((x) => x.status() === 422))
      assert.match(r.text(), /该学号已存在|本校已有该学号的生源记录/)
    const rows = await db.from('graduates').where('student_number', '2026999001')
    assert.lengthOf(rows, 1)
  })

  test('数据库唯一键冲突在两种数据库上都被识别（一个 isUniqueViolation）', async ({ assert }) => {
    const cast = await twoSchools()
    const error = await db
      .table('graduates')
      .insert({
        school_id: cast.njsf.id,
        student_number: cast.zhangsan.studentNumber,
        name: '重复',
        created_at: new Date(),
        updated_at: new Date(),
      })
      .catch((e) => e)
    assert.isTrue(isUniqueViolation(error))
    assert.isFalse(isUniqueViolation(new Error('NOT NULL constraint failed: graduates.name')))
  })

  test('id 超过 2^31-1 的地址答 404，不是 500', async ({ client }) => {
    await world.mainSite()
    for (const url of ['/jobs/2147483648', '/announcements/99999999999', '/fairs/2147483648']) {
      const response = await client.get(url)
      response.assertStatus(404)
    }
  })
})
