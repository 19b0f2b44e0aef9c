import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import { NJSF, eventsWorld, makeEvent, registered } from '#modules/events/tests/helpers'
import { as, guest } from '#tests/helpers/requests'
import { route } from '#tests/helpers/urls'
import { world as factories } from '#tests/helpers/world'

type World = Awaited<ReturnType<typeof eventsWorld>>

const local = (dt: DateTime) => dt.setZone('Asia/Shanghai').toFormat("yyyy-MM-dd'T'HH:mm")

/** An open job of the employer (the job-seeking module's factory; only for test data). */
async function openJob(employerId: number, title: string) {
  return (await JobFactory.merge({ employerId, title }).create()).id
}

type Actor = ReturnType<typeof as>

/** 申请参展: the employer's application for a booth at the fair (its fairs page posts it). */
function applyForBooth(employer: Actor, fairId: number, form: Record<string, string> = {}) {
  return employer.postForm(`/employer/events/fairs/${fairId}/apply`, form)
}

/** The organiser's decision on a booth application (its row on the fair's record page). */
function reviewBooth(staff: Actor, exhibitorId: number, form: Record<string, string>) {
  return staff.postForm(route('school.exhibitors.review', [exhibitorId]), form)
}

/** 示范科技有限公司's 宣讲会 application awaiting 南京示范大学's review. */
function pendingSession(world: World, overrides: Partial<RecruitmentEvent> = {}) {
  return makeEvent(world, {
    kind: 'session',
    employerId: world.company.id,
    status: 'pending',
    ...overrides,
  })
}

async function messagesOf(userId: number) {
  return db.from('messages').where('user_id', userId).orderBy('id').select('title', 'body')
}

function fairForm(overrides: Record<string, string> = {}) {
  const start = DateTime.now().plus({ days: 10 }).set({ hour: 9, minute: 0 })
  return {
    kind: 'fair',
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

test.group('招聘活动管理 and the employer side', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('school staff publish a fair of their school, recorded with the organising site', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const response = await as(client, world.njsfStaff, NJSF).postForm('/school/events', fairForm())
    response.assertStatus(302)
    const event = await RecruitmentEvent.findByOrFail('title', '春季双选会')
    assert.equal(event.schoolId, world.njsf.id)
    assert.equal(event.siteId, world.njsfSite.id)
    assert.equal(event.capacity, 200)
    assert.equal(event.status, 'published')
    assert.equal(response.header('location'), `/school/events/${event.id}`)
  })

  test('an offline event without place, seats or window is refused beside each field', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const response = await as(client, world.njsfStaff, NJSF).postForm(
      '/school/events',
      fairForm({ place: '', capacity: '', registration_starts_at: '' })
    )
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', {
      place: '线下活动须填写举办地点',
      registration_starts_at: '线下活动须填写报名开始时间',
      capacity: '线下活动须填写可报名人数',
    })
    assert.equal(
      await db
        .from('recruitment_events')
        .count('* as n')
        .first()
        .then((r: any) => Number(r.n)),
      0
    )
  })

  test('the province publishes province-wide fairs on the main site', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const response = await as(client, world.admin).postForm(
      '/province/events',
      fairForm({ title: '全省大型招聘会' })
    )
    response.assertStatus(302)
    const event = await RecruitmentEvent.findByOrFail('title', '全省大型招聘会')
    assert.isNull(event.schoolId)
    assert.equal(event.siteId, world.main.id)
  })

  test('staff edit their fair but cannot lower the seats below those taken', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const staff = as(client, world.njsfStaff, NJSF)
    const event = await makeEvent(world, { capacity: 10, taken: 5 })
    const form = fairForm({ title: '改名后的双选会', capacity: '4' })
    const refused = await staff.postForm(`/school/events/${event.id}`, form)
    refused.assertFlashMessage('errorsBag', { capacity: '可报名人数不能少于已报名人数（5）' })
    const ok = await staff.postForm(`/school/events/${event.id}`, { ...form, capacity: '50' })
    ok.assertStatus(302)
    await event.refresh()
    assert.equal(event.title, '改名后的双选会')
    assert.equal(event.capacity, 50)
  })

  test('booth: the employer applies, the organiser approves with a booth number, the employer gets a 站内消息', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const employer = as(client, world.employerUser)
    const staff = as(client, world.njsfStaff, NJSF)
    const fair = await makeEvent(world, { title: '春季双选会' })
    const apply = await applyForBooth(employer, fair.id, {
      note: '需要两张桌子',
    })
    apply.assertStatus(302)
    const exhibitor = await Exhibitor.query()
      .where('event_id', fair.id)
      .where('employer_id', world.company.id)
      .firstOrFail()
    assert.equal(exhibitor.status, 'pending')
    const twice = await applyForBooth(employer, fair.id)
    twice.assertFlashMessage('error', '已提交参展申请，请等待主办方审核')

    // Not yet listed publicly.
    ;(await client.get(`/fairs/${fair.id}`)).assertTextIncludes('参展单位正在确认中')

    // 参展申请 is reviewed on the exhibitor (the child table of the fair's record page), back there.
    const approve = await reviewBooth(staff, exhibitor.id, {
      decision: 'approve',
      booth_no: 'A08',
      back: `/school/events/${fair.id}`,
    })
    approve.assertStatus(302)
    assert.equal(approve.header('location'), `/school/events/${fair.id}`)
    approve.assertFlashMessage('success', '已通过参展申请，已通知单位')
    await exhibitor.refresh()
    assert.equal(exhibitor.status, 'approved')
    assert.equal(exhibitor.boothNo, 'A08')
    const inbox = await messagesOf(world.employerUser.id)
    assert.equal(inbox.length, 1)
    assert.include(inbox[0].title, '参展申请已通过')
    assert.include(inbox[0].body, 'A08')

    // Fair detail → 参展单位 → 投递简历 opens the company page.
    const page = await client.get(`/fairs/${fair.id}`)
    page.assertTextIncludes('示范科技有限公司')
    page.assertTextIncludes(`href="/companies/${world.company.id}"`)
    page.assertTextIncludes('展位 A08')
    page.assertTextIncludes('投递简历')

    const again = await reviewBooth(staff, exhibitor.id, {
      decision: 'approve',
      booth_no: 'B01',
    })
    again.assertFlashMessage('error', '该申请已处理，请刷新页面')
  })

  test('booth: a rejection carries the reason to the employer, who may apply again', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const employer = as(client, world.employerUser)
    const staff = as(client, world.njsfStaff, NJSF)
    const fair = await makeEvent(world)
    await applyForBooth(employer, fair.id)
    const exhibitor = await Exhibitor.findByOrFail('event_id', fair.id)
    const missing = await reviewBooth(staff, exhibitor.id, {
      decision: 'return',
      reason: '',
    })
    missing.assertFlashMessage('inputErrorsBag', { reason: ['请填写驳回原因'] })
    const rejected = await reviewBooth(staff, exhibitor.id, {
      decision: 'return',
      reason: '展位已满',
    })
    rejected.assertFlashMessage('success', '已驳回参展申请，已通知单位')
    await exhibitor.refresh()
    assert.equal(exhibitor.status, 'rejected')
    const inbox = await messagesOf(world.employerUser.id)
    assert.include(inbox[0].title, '参展申请未通过')
    assert.include(inbox[0].body, '展位已满')
    const page = await employer.visit('/employer/events/fairs')
    page.assertTextIncludes('原因：展位已满')
    await applyForBooth(employer, fair.id, { note: '补充材料' })
    await exhibitor.refresh()
    assert.equal(exhibitor.status, 'pending')
  })

  test('staff of another school cannot review booth applications', async ({ client, assert }) => {
    const world = await eventsWorld()
    const otherStaff = as(client, world.szsfStaff, { site: 'szsf' })
    const fair = await makeEvent(world)
    await applyForBooth(as(client, world.employerUser), fair.id)
    const exhibitor = await Exhibitor.findByOrFail('event_id', fair.id)
    const response = await reviewBooth(otherStaff, exhibitor.id, {
      decision: 'approve',
      booth_no: 'X1',
    })
    response.assertStatus(404)
    // Nor open the fair's record page with its exhibitors.
    const page = await otherStaff.visit(route('school.events.show', [fair.id]))
    page.assertStatus(404)
    await exhibitor.refresh()
    assert.equal(exhibitor.status, 'pending')
  })

  test('info session: the employer applies with its jobs, the school approves with a room, the session lists the jobs', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const employer = as(client, world.employerUser)
    const staff = as(client, world.njsfStaff, NJSF)
    const jobId = await openJob(world.company.id, '软件开发工程师')
    const { employer: otherEmployer } = await factories.employer({ name: '别家公司' })
    const foreignJob = await openJob(otherEmployer.id, '别家的职位')
    const start = DateTime.now().plus({ days: 8 }).set({ hour: 14, minute: 0 })
    const form = {
      'school_id': String(world.njsf.id),
      'title': '示范科技宣讲会',
      'mode': 'offline',
      'city': '南京市',
      'room_wish': '200 人报告厅',
      'starts_at': local(start),
      'ends_at': local(start.plus({ hours: 2 })),
      'description': '公司介绍与岗位解读，现场答疑。',
      'job_ids[]': [String(jobId)],
    }
    const foreign = await employer.postForm('/employer/events/sessions', {
      ...form,
      'job_ids[]': [String(foreignJob)],
    })
    foreign.assertFlashMessage('errorsBag', { job_ids: '只能选择贵单位正在招聘的职位' })

    const apply = await employer.postForm('/employer/events/sessions', form)
    apply.assertStatus(302)
    const session = await RecruitmentEvent.findByOrFail('title', '示范科技宣讲会')
    assert.equal(session.status, 'pending')
    assert.equal(session.employerId, world.company.id)
    assert.equal(session.schoolId, world.njsf.id)
    ;(await client.get(`/sessions/${session.id}`)).assertStatus(404)

    const pending = await staff.visit('/school/events?tab=pending')
    pending.assertTextIncludes('示范科技宣讲会')
    assert.match(pending.text(), /<span class="tag tag-orange"[^>]*>待审核<\/span>/)
    const employerView = await employer.visit('/employer/events/sessions')
    assert.match(employerView.text(), /<span class="tag tag-orange"[^>]*>待审核<\/span>/)

    const approve = await staff.postForm(route('school.events.review', [session.id]), {
      decision: 'approve',
      place: '图书馆报告厅',
      capacity: '150',
      registration_starts_at: local(DateTime.now().minus({ hours: 1 })),
      registration_ends_at: local(start.minus({ hours: 3 })),
    })
    approve.assertStatus(302)
    assert.equal(approve.header('location'), `/school/events/${session.id}`)
    approve.assertFlashMessage('success', '已通过宣讲会申请，已通知单位')
    await session.refresh()
    assert.equal(session.status, 'published')
    assert.equal(session.place, '图书馆报告厅')
    assert.equal(session.capacity, 150)
    const inbox = await messagesOf(world.employerUser.id)
    assert.include(inbox[0].title, '宣讲会申请已通过')

    // Session detail → job list → job detail (job-seeking module's URLs).
    const page = await client.get(`/sessions/${session.id}`)
    page.assertStatus(200)
    page.assertTextIncludes('软件开发工程师')
    page.assertTextIncludes(`href="/jobs/${jobId}"`)
    page.assertTextIncludes('单位简介')
    page.assertTextIncludes('学生报名参加')
  })

  test('info session: a rejection with a reason reaches the employer', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const session = await pendingSession(world, {
      title: '待审宣讲会',
    })
    const response = await as(client, world.njsfStaff, NJSF).postForm(
      route('school.events.review', [session.id]),
      { decision: 'return', reason: '该时段教室已满', back: '/school/events?tab=pending' }
    )
    response.assertStatus(302)
    assert.equal(response.header('location'), '/school/events?tab=pending')
    await session.refresh()
    assert.equal(session.status, 'rejected')
    assert.equal(session.rejectReason, '该时段教室已满')
    const inbox = await messagesOf(world.employerUser.id)
    assert.include(inbox[0].body, '该时段教室已满')
    ;(await as(client, world.employerUser).visit('/employer/events/sessions')).assertTextIncludes(
      '原因：该时段教室已满'
    )
  })

  test('an unverified employer cannot apply', async ({ client, assert }) => {
    const world = await eventsWorld()
    await world.company.merge({ status: 'pending' }).save()
    const fair = await makeEvent(world)
    const response = await applyForBooth(as(client, world.employerUser), fair.id)
    response.assertStatus(302)
    // Refused by the employer area itself or by the events module (whichever answers first).
    const flash = JSON.stringify(response.flashMessages())
    assert.isTrue(
      flash.includes('单位通过认证后才能申请参展或宣讲') ||
        flash.includes('审核通过后才能使用此功能'),
      flash
    )
    assert.equal(
      await db
        .from('event_exhibitors')
        .count('* as n')
        .first()
        .then((r: any) => Number(r.n)),
      0
    )
  })
})

test.group('招聘会 / 宣讲会 lists, widgets and company page', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  async function fixtures(world: World) {
    const inDays = (d: number) => DateTime.now().plus({ days: d })
    await makeEvent(world, {
      title: '省级南京招聘会',
      siteId: world.main.id,
      schoolId: null,
      startsAt: inDays(2),
      endsAt: inDays(2).plus({ hours: 5 }),
      registrationEndsAt: inDays(1),
    })
    await makeEvent(world, {
      title: '南京示范大学双选会',
      startsAt: inDays(6),
      endsAt: inDays(6).plus({ hours: 5 }),
    })
    await makeEvent(world, {
      title: '苏州线上招聘会',
      siteId: world.szsfSite.id,
      schoolId: world.szsf.id,
      city: '苏州市',
      mode: 'online',
      capacity: null,
      startsAt: inDays(3),
      endsAt: inDays(3).plus({ hours: 5 }),
    })
    await makeEvent(world, {
      title: '去年的招聘会',
      startsAt: inDays(-30),
      endsAt: inDays(-30).plus({ hours: 5 }),
      registrationStartsAt: inDays(-40),
      registrationEndsAt: inDays(-31),
    })
    await makeEvent(world, { title: '未发布的招聘会', status: 'pending' })
  }

  test('upcoming and past tabs; unpublished events never show', async ({ client, assert }) => {
    const world = await eventsWorld()
    await fixtures(world)
    const upcoming = (await client.get('/fairs')).text()
    assert.include(upcoming, '省级南京招聘会')
    assert.notInclude(upcoming, '去年的招聘会')
    assert.notInclude(upcoming, '未发布的招聘会')
    const past = (await client.get('/fairs?tab=past')).text()
    assert.include(past, '去年的招聘会')
    assert.notInclude(past, '省级南京招聘会')
  })

  test('filter {filter}: lists {shows}, not {hides}')
    .with([
      {
        filter: 'city',
        query: () => ({ city: '苏州市' }),
        shows: '苏州线上招聘会',
        hides: '南京示范大学双选会',
      },
      {
        filter: 'school',
        query: (world: World) => ({ school: world.njsf.id }),
        shows: '南京示范大学双选会',
        hides: '省级南京招聘会',
      },
      {
        filter: 'school=province',
        query: () => ({ school: 'province' }),
        shows: '省级南京招聘会',
        hides: '南京示范大学双选会',
      },
      {
        filter: 'mode=online',
        query: () => ({ mode: 'online' }),
        shows: '苏州线上招聘会',
        hides: '省级南京招聘会',
      },
      {
        filter: 'date',
        query: () => ({
          date: DateTime.now().plus({ days: 6 }).setZone('Asia/Shanghai').toFormat('yyyy-MM-dd'),
        }),
        shows: '南京示范大学双选会',
        hides: '省级南京招聘会',
      },
    ])
    .run(async ({ client, assert }, { query, shows, hides }) => {
      const world = await eventsWorld()
      await fixtures(world)
      const html = (await client.get('/fairs').qs(query(world))).text()
      assert.include(html, shows)
      assert.notInclude(html, hides)
    })

  test('filters are kept in the URL and switching tab; htmx gets the fragment; none found says so', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    await fixtures(world)
    const online = (await client.get('/fairs?mode=online')).text()
    // Switching tab keeps the filters.
    assert.include(online, `href="/fairs?tab=past&amp;mode=online"`)
    const fragment = await client.get('/fairs?mode=online').header('hx-request', 'true')
    assert.notInclude(fragment.text(), '<html')
    assert.include(fragment.text(), '苏州线上招聘会')
    const none = await client.get('/fairs?city=不存在的城市')
    none.assertTextIncludes('暂无符合条件的招聘会')
  })

  test("a subsite shows its own school's events first, the main site all by time", async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    await fixtures(world)
    const main = (await client.get('/fairs')).text()
    assert.isBelow(main.indexOf('省级南京招聘会'), main.indexOf('南京示范大学双选会'))
    const subsite = (await guest(client, NJSF).visit('/fairs')).text()
    assert.isBelow(subsite.indexOf('南京示范大学双选会'), subsite.indexOf('省级南京招聘会'))
    assert.include(subsite, '苏州线上招聘会')
  })

  test('paging keeps the filters in the links', async ({ client, assert }) => {
    const world = await eventsWorld()
    for (let i = 0; i < 12; i++)
      await makeEvent(world, {
        title: `分页招聘会${i}`,
        startsAt: DateTime.now().plus({ days: 3, hours: i }),
        endsAt: DateTime.now().plus({ days: 4 }),
      })
    const first = (await client.get('/fairs?mode=offline')).text()
    assert.include(first, 'page=2')
    assert.include(first, 'mode=offline')
    const second = (await client.get('/fairs?mode=offline&page=2')).text()
    assert.include(second, '分页招聘会11')
    assert.notInclude(second, '分页招聘会0<')
  })

  test('student home: 待参加活动 count and the latest 招聘会 and 宣讲会 with 更多; portal lists them too', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    await fixtures(world)
    const event = await RecruitmentEvent.findByOrFail('title', '南京示范大学双选会')
    await registered(client, world.studentZhang, event.id)
    const home = await as(client, world.studentZhang, NJSF).visit('/student')
    home.assertStatus(200)
    const text = home.text()
    assert.match(text, /待参加活动<\/div><div class="stat-value">1 <small>场<\/small>/)
    assert.include(text, 'href="/student/fairs">更多')
    assert.include(text, 'href="/student/sessions">更多')
    assert.include(text, '南京示范大学双选会')
    const portal = await guest(client, NJSF).visit('/')
    portal.assertTextIncludes('id="portal-fairs"')
    portal.assertTextIncludes('南京示范大学双选会')
  })

  test('student navigation has 招聘会, 宣讲会 and 我报名的活动; staff have 招聘活动管理 and 入场签到', async ({
    client,
  }) => {
    const world = await eventsWorld()
    const student = await as(client, world.studentZhang, NJSF).visit('/student/events')
    student.assertTextIncludes('href="/student/fairs"')
    student.assertTextIncludes('我报名的活动')
    const staff = await as(client, world.njsfStaff, NJSF).visit('/school/events')
    staff.assertTextIncludes('招聘活动管理')
    staff.assertTextIncludes('href="/school/checkin"')
    const employer = await as(client, world.employerUser).visit('/employer/events/fairs')
    employer.assertTextIncludes('招聘会参展')
    employer.assertTextIncludes('宣讲会申请')
  })

  test('a module switched off for the school hides the pages with 本校未开通此功能', async ({
    client,
  }) => {
    const world = await eventsWorld()
    const moduleSwitches = (await import('#core/modules/module_switches')).default
    await moduleSwitches.setEnabled(world.njsfSite, 'events', false)
    const response = await as(client, world.studentZhang, NJSF).visit('/student/events')
    response.assertStatus(404)
    response.assertTextIncludes('本校未开通此功能')
  })

  test("company page widget lists the company's fairs and upcoming sessions", async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const fair = await makeEvent(world, { title: '有示范科技参展的招聘会' })
    await Exhibitor.create({
      eventId: fair.id,
      employerId: world.company.id,
      boothNo: 'C3',
      status: 'approved',
    })
    await makeEvent(world, {
      kind: 'session',
      employerId: world.company.id,
      title: '示范科技专场宣讲会',
    })
    await makeEvent(world, {
      kind: 'session',
      employerId: world.company.id,
      title: '示范科技过去的宣讲会',
      startsAt: DateTime.now().minus({ days: 9 }),
      endsAt: DateTime.now().minus({ days: 9 }).plus({ hours: 2 }),
    })
    const response = await client.get(`/companies/${world.company.id}`)
    response.assertStatus(200)
    const text = response.text()
    assert.include(text, 'id="company-events"')
    assert.include(text, '有示范科技参展的招聘会')
    assert.include(text, '展位 C3')
    assert.include(text, '示范科技专场宣讲会')
    assert.notInclude(text, '示范科技过去的宣讲会')
  })
})

test.group('招聘活动管理: the admin resources of the organiser', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the list by tab (未举办, 已举办, 宣讲会申请待审核, 参展申请待审核) with the counts of what awaits review, own events only', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const upcoming = await makeEvent(world, { title: '本校未举办的招聘会' })
    await makeEvent(world, {
      title: '本校已举办的招聘会',
      startsAt: DateTime.now().minus({ days: 3 }),
      endsAt: DateTime.now().minus({ days: 3 }).plus({ hours: 5 }),
      registrationStartsAt: DateTime.now().minus({ days: 10 }),
      registrationEndsAt: DateTime.now().minus({ days: 4 }),
    })
    await pendingSession(world, { title: '待审核的宣讲会' })
    await makeEvent(world, { title: '省级招聘会', siteId: world.main.id, schoolId: null })
    await makeEvent(world, {
      title: '苏州的招聘会',
      siteId: world.szsfSite.id,
      schoolId: world.szsf.id,
    })
    await Exhibitor.create({
      eventId: upcoming.id,
      employerId: world.company.id,
      status: 'pending',
    })
    const visit = (qs: string) =>
      as(client, world.njsfStaff, NJSF).visit(`${route('school.events.index')}${qs}`)

    const list = await visit('')
    list.assertStatus(200)
    const html = list.text()
    assert.include(html, '本校未举办的招聘会')
    assert.include(html, '1 个参展申请待审核')
    for (const other of ['本校已举办的招聘会', '待审核的宣讲会', '省级招聘会', '苏州的招聘会'])
      assert.notInclude(html, other)
    assert.match(html, /data-tab="pending">宣讲会申请待审核\s*<span class="badge-count">1<\/span>/)
    assert.match(html, /data-tab="booths">参展申请待审核\s*<span class="badge-count">1<\/span>/)
    assert.include(html, `href="${route('events.school.create', [], { kind: 'session' })}"`)

    assert.include((await visit('?tab=past')).text(), '本校已举办的招聘会')
    const pending = (await visit('?tab=pending')).text()
    assert.include(pending, '待审核的宣讲会')
    assert.notInclude(pending, '本校未举办的招聘会')
    assert.include((await visit('?tab=booths')).text(), '本校未举办的招聘会')

    const province = await as(client, world.admin).visit(route('province.events.index'))
    province.assertStatus(200)
    province.assertTextIncludes('省级招聘会')
    assert.notInclude(province.text(), '本校未举办的招聘会')
    // 发布宣讲会 is the schools' (an employer's session is hosted by a school).
    assert.notInclude(province.text(), 'kind=session')
  })

  test('the record page: figures, the session review form, the exhibitors with their review forms and 添加参展单位', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const staff = as(client, world.njsfStaff, NJSF)
    const fair = await makeEvent(world, { title: '有参展申请的招聘会' })
    const exhibitor = await Exhibitor.create({
      eventId: fair.id,
      employerId: world.company.id,
      status: 'pending',
      note: '需要两张桌子',
    })
    const page = await staff.visit(route('school.events.show', [fair.id]))
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, '示范科技有限公司')
    assert.include(html, '需要两张桌子')
    assert.include(html, `action="${route('school.exhibitors.review', [exhibitor.id])}"`)
    assert.include(html, `action="${route('events.school.exhibitors.add', [fair.id])}"`)
    assert.include(html, `href="${route('events.school.edit', [fair.id])}"`)
    assert.notInclude(html, 'id="session-review"')

    const session = await pendingSession(world, { title: '待审核的宣讲会' })
    const review = (await staff.visit(route('school.events.show', [session.id]))).text()
    assert.include(review, 'id="session-review"')
    assert.include(review, `action="${route('school.events.review', [session.id])}"`)
  })

  test('a session approval without room and seats is refused beside the fields; a rejection needs a reason', async ({
    client,
    assert,
  }) => {
    const world = await eventsWorld()
    const session = await pendingSession(world)
    const post = (form: Record<string, string>) =>
      as(client, world.njsfStaff, NJSF).postForm(route('school.events.review', [session.id]), form)
    const approve = await post({ decision: 'approve', place: '', capacity: '' })
    approve.assertStatus(302)
    approve.assertFlashMessage('errorsBag', {
      place: '请安排宣讲地点（教室/场馆）',
      capacity: '请填写可报名人数',
      registration_starts_at: '请填写报名开始时间',
      registration_ends_at: '请填写报名截止时间',
    })
    const reject = await post({ decision: 'return', reason: '' })
    reject.assertFlashMessage('inputErrorsBag', { reason: ['请填写驳回原因'] })
    await session.refresh()
    assert.equal(session.status, 'pending')
  })
})
