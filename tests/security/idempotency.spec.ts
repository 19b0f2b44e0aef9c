/**
 * Idempotent create forms (issue 9, item 7): every create form carries a one-time token
 * (`_form`, issued when the form renders). Two identical submits — at once (double click) or one
 * after the other (resent, back button) — create exactly one record; the second is sent to what
 * the first created with 请勿重复提交，已为您保留第一次提交的结果.
 */
import { test } from '@japa/runner'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { sourceRecord, twoSchools, type Cast } from '#tests/helpers/cast'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'
import { DUPLICATE_SUBMIT_MESSAGE } from '#core/http/form_token'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { registration, uploads, clearStorage } from '#tests/functional/employer/helpers'

type World = Cast
const NJSF = 'njsf.localhost'
const local = (dt: DateTime) => dt.setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm")

interface Kind {
  name: string
  actor: (w: World) => any
  host?: string
  /** The page whose form issues the token, and the form's action. */
  page: (w: World) => Promise<string> | string
  action: (w: World) => Promise<string> | string
  fields: (w: World) => Record<string, unknown>
  multipart?: boolean
  count: (w: World) => Promise<number>
}

async function countOf(table: string, where: Record<string, unknown> = {}) {
  return Number((await db.from(table).where(where).count('* as n'))[0].n)
}

function fairFields() {
  const start = DateTime.now().plus({ days: 10 }).set({ hour: 9, minute: 0 })
  return {
    kind: 'fair',
    title: '重复提交测试双选会',
    mode: 'offline',
    city: '南京市',
    place: '体育馆',
    starts_at: local(start),
    ends_at: local(start.plus({ hours: 6 })),
    registration_starts_at: local(DateTime.now().minus({ hours: 1 })),
    registration_ends_at: local(start.minus({ days: 1 })),
    capacity: '200',
    description: '欢迎参加',
  }
}

/** A published fair of the school (for booth applications). */
async function fairOf(w: World) {
  const existing = await RecruitmentEvent.findBy('title', '参展用双选会')
  if (existing) return existing.id
  const fair = await RecruitmentEventFactory.merge({
    title: '参展用双选会',
    siteId: w.njsfSite.id,
    schoolId: w.njsf.id,
  }).create()
  return fair.id
}

const KINDS: Kind[] = [
  {
    name: '发布职位（用人单位）',
    actor: (w) => w.employerUser,
    page: () => '/employer/jobs/new',
    action: () => '/employer/jobs',
    fields: () => ({
      title: '重复提交测试工程师',
      category: '软件开发',
      nature: '全职',
      city: '南京市',
      salary_min: '10000',
      salary_max: '16000',
      description: '负责后端服务的设计与开发。',
    }),
    count: () => countOf('jobs', { title: '重复提交测试工程师' }),
  },
  {
    name: '发布招聘会（学校）',
    actor: (w) => w.njsfStaff,
    host: NJSF,
    page: () => '/school/events/new?kind=fair',
    action: () => '/school/events',
    fields: fairFields,
    count: () => countOf('recruitment_events', { title: '重复提交测试双选会' }),
  },
  {
    name: '发布招聘会（省级）',
    actor: (w) => w.admin,
    page: () => '/province/events/new?kind=fair',
    action: () => '/province/events',
    fields: fairFields,
    count: () => countOf('recruitment_events', { title: '重复提交测试双选会' }),
  },
  {
    name: '申请参展（用人单位）',
    actor: (w) => w.employerUser,
    page: async (w) => (await fairOf(w), '/employer/events/fairs'),
    action: async (w) => `/employer/events/fairs/${await fairOf(w)}/apply`,
    fields: () => ({ note: '需要两张桌子' }),
    count: (w) => countOf('event_exhibitors', { employer_id: w.company.id }),
  },
  {
    name: '申请宣讲会（用人单位）',
    actor: (w) => w.employerUser,
    page: () => '/employer/events/sessions/new',
    action: () => '/employer/events/sessions',
    fields: (w) => {
      const start = DateTime.now().plus({ days: 8 }).set({ hour: 14, minute: 0 })
      return {
        school_id: String(w.njsf.id),
        title: '重复提交测试宣讲会',
        mode: 'offline',
        city: '南京市',
        room_wish: '200 人报告厅',
        starts_at: local(start),
        ends_at: local(start.plus({ hours: 2 })),
        description: '公司介绍与岗位解读，现场答疑。',
      }
    },
    count: () => countOf('recruitment_events', { title: '重复提交测试宣讲会' }),
  },
  {
    name: '发布招聘公告（后台资源表单）',
    actor: (w) => w.njsfStaff,
    host: NJSF,
    page: () => '/school/announcements/new',
    action: () => '/school/announcements',
    fields: () => ({ title: '重复提交测试公告', body: '公告正文' }),
    count: () => countOf('announcements', { title: '重复提交测试公告' }),
  },
  {
    name: '发送签约邀请（用人单位）',
    actor: (w) => w.employerUser,
    page: () => '/employer/procedures/signing/new',
    action: () => '/employer/procedures/signing',
    fields: (w) => ({
      mode: 'manual',
      school_id: w.njsf.id,
      student_number: w.zhangsan.studentNumber,
      name: w.zhangsan.name,
      job_title: '重复提交测试岗位',
      salary: '10000-12000元/月',
      work_city: '南京市',
      contract_term: '3年',
      probation: '3个月',
      contact_name: '刘经理',
      contact_phone: '025-88880000',
      // 2023+ (去向登记) mode, the default, asks the 工作职位类别 instead of 报到证 fields.
      position_category: '工程技术人员',
      deadline: local(DateTime.now().plus({ days: 7 })),
    }),
    count: () => countOf('signing_invitations', { job_title: '重复提交测试岗位' }),
  },
  {
    name: '新建简历（学生）',
    actor: (w) => w.studentZhang,
    host: NJSF,
    page: () => '/student/resumes',
    action: () => '/student/resumes',
    fields: () => ({ title: '重复提交测试简历' }),
    count: () => countOf('resumes', { title: '重复提交测试简历' }),
  },
  {
    name: '单位注册',
    actor: () => null,
    page: () => '/employer/register',
    action: () => '/employer/register',
    fields: () => registration(),
    multipart: true,
    count: () => countOf('employers', { uscc: '91350100M000100Y43' }),
  },
]

/** The `_form` token of the page's form posting to `action`. */
async function tokenOf(client: ApiClient, kind: Kind, w: World) {
  const actor = kind.actor(w)
  let request = client.get(await kind.page(w)).header('host', kind.host ?? 'localhost')
  if (actor) request = request.loginAs(actor)
  const page = await request
  page.assertStatus(200)
  const action = await kind.action(w)
  for (const m of page.text().matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/gi)) {
    if (!m[1].includes(`action="${action}"`)) continue
    const token = m[2].match(/name="_form" value="([^"]+)"/)
    if (token) return token[1]
  }
  throw new Error(`no _form token in the form posting to ${action} on ${await kind.page(w)}`)
}

async function submit(client: ApiClient, kind: Kind, w: World, token: string) {
  const actor = kind.actor(w)
  const body = { ...kind.fields(w), _form: token }
  let request = client.post(await kind.action(w)).header('host', kind.host ?? 'localhost')
  request = kind.multipart
    ? request
        .fields(body as any)
        .file('licence', uploads.pdf, { filename: '营业执照.pdf', contentType: 'application/pdf' })
    : request.form(body as any)
  request = request.withCsrfToken().redirects(0)
  if (actor) request = request.loginAs(actor)
  return request
}

function isDuplicateAnswer(response: ApiResponse) {
  const flash = JSON.stringify(response.flashMessages() ?? {})
  return response.status() === 302 && flash.includes(DUPLICATE_SUBMIT_MESSAGE)
}

test.group('安全: 创建表单重复提交只创建一次（一次性表单令牌）', (group) => {
  let world: World
  group.each.setup(async () => {
    clearStorage()
    // truncate() returns the cleanup that empties the tables after each test.
    const truncate = await testUtils.db().truncate()
    world = await twoSchools()
    await dictionaries.ensureSeeded() // 职位类别 / 城市 the job form checks against
    await sourceRecord(world.zhangsan) // approved: 张三 can be invited to sign
    return truncate
  })
  group.teardown(() => clearStorage())

  for (const kind of KINDS) {
    test(`${kind.name}：同一表单同时提交两次，只创建一条记录`, async ({ client, assert }) => {
      const token = await tokenOf(client, kind, world)
      const responses = await Promise.all([
        submit(client, kind, world, token),
        submit(client, kind, world, token),
      ])
      for (const r of responses) assert.isBelow(r.status(), 500, `${kind.name}: ${r.status()}`)
      assert.equal(await kind.count(world), 1)
      assert.equal(
        responses.filter(isDuplicateAnswer).length,
        1,
        'one of the two is told 请勿重复提交'
      )
    })

    test(`${kind.name}：同一表单先后提交两次，第二次不再创建并回到第一次的结果`, async ({
      client,
      assert,
    }) => {
      const token = await tokenOf(client, kind, world)
      const first = await submit(client, kind, world, token)
      assert.oneOf(first.status(), [302, 303])
      assert.isFalse(isDuplicateAnswer(first))
      const second = await submit(client, kind, world, token)
      assert.isTrue(isDuplicateAnswer(second), `${kind.name}: ${second.status()}`)
      assert.equal(await kind.count(world), 1)
      const claim = await db.from('form_submissions').where('token', token).firstOrFail()
      assert.equal(second.header('location'), claim.result_url)
    })
  }

  test('表单校验未通过时令牌不作废：改正后用同一令牌提交可以创建', async ({ client, assert }) => {
    const kind = KINDS.find((k) => k.name.startsWith('发布招聘公告'))!
    const token = await tokenOf(client, kind, world)
    const refused = await client
      .post('/school/announcements')
      .header('host', NJSF)
      .loginAs(world.njsfStaff)
      .withCsrfToken()
      .form({ title: '重', body: '公告正文', _form: token })
      .redirects(0)
    refused.assertStatus(422)
    const created = await submit(client, kind, world, token)
    created.assertStatus(302)
    assert.isFalse(isDuplicateAnswer(created))
    assert.equal(await kind.count(world), 1)
  })

  test('不同用户的令牌互不影响；没有令牌的提交照常创建', async ({ client, assert }) => {
    const kind = KINDS.find((k) => k.name.startsWith('新建简历'))!
    const token = await tokenOf(client, kind, world)
    const plain = await client
      .post('/student/resumes')
      .header('host', NJSF)
      .loginAs(world.studentZhang)
      .withCsrfToken()
      .form({ title: '重复提交测试简历' })
      .redirects(0)
    plain.assertStatus(302)
    const withToken = await submit(client, kind, world, token)
    assert.isFalse(isDuplicateAnswer(withToken))
    assert.equal(await kind.count(world), 2)
  })
})
