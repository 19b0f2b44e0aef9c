import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import Employer from '#core/accounts/models/employer'
import type { seedCore } from '#database/demo/core'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import jobDirectory from '#modules/job_seeking/services/job_directory'

type World = Awaited<ReturnType<typeof seedCore>>

/**
 * Demo events of DEMO.md: an upcoming offline fair with 示范科技有限公司 among its exhibitors and
 * free seats (registration open now), an online fair, an upcoming offline info session by
 * 示范科技有限公司 at 南京示范大学, a past one, and a pending application to review. Idempotent.
 */
export async function seedEvents(world: World) {
  const now = DateTime.now().startOf('hour')
  const day = (days: number, hour: number) =>
    now.plus({ days }).setZone('Asia/Shanghai').set({ hour, minute: 0 }).toUTC()
  const upsert = async (title: string, values: Partial<RecruitmentEvent>) =>
    (await RecruitmentEvent.findBy('title', title)) ??
    (await RecruitmentEvent.create({ title, status: 'published', taken: 0, ...values }))

  const fair = await upsert('南京示范大学2026届毕业生春季双选会', {
    kind: 'fair',
    siteId: world.njsfSite.id,
    schoolId: world.njsf.id,
    mode: 'offline',
    city: '南京市',
    place: '南京示范大学仙林校区体育馆',
    startsAt: day(7, 9),
    endsAt: day(7, 16),
    registrationStartsAt: now.minus({ days: 1 }),
    registrationEndsAt: day(6, 18),
    capacity: 300,
    description:
      '本次双选会面向2026届毕业生，预计邀请100余家用人单位参会，涵盖信息技术、金融、教育、制造等行业。\n请携带简历，凭入场券签到入场。',
  })
  const provinceFair = await upsert('江苏省2026届高校毕业生春季大型招聘会', {
    kind: 'fair',
    siteId: world.main.id,
    schoolId: null,
    mode: 'offline',
    city: '南京市',
    place: '南京国际博览中心 3 号馆',
    startsAt: day(14, 9),
    endsAt: day(14, 17),
    registrationStartsAt: now.minus({ days: 2 }),
    registrationEndsAt: day(13, 18),
    capacity: 2000,
    description: '省就业管理部门主办的全省高校毕业生春季大型招聘会，欢迎全省各高校毕业生报名参加。',
  })
  await upsert('2026届江苏省高校毕业生网络双选会', {
    kind: 'fair',
    siteId: world.main.id,
    schoolId: null,
    mode: 'online',
    city: '南京市',
    onlineUrl: 'https://example.com/online-fair',
    startsAt: day(2, 9),
    endsAt: day(12, 18),
    description: '线上双选会：无需报名，在参展单位中点击“投递简历”即可在线投递。',
  })
  await upsert('苏州示范学院2026届毕业生专场招聘会', {
    kind: 'fair',
    siteId: world.szsfSite.id,
    schoolId: world.szsf.id,
    mode: 'offline',
    city: '苏州市',
    place: '苏州示范学院大学生活动中心',
    startsAt: day(10, 13),
    endsAt: day(10, 17),
    registrationStartsAt: now.minus({ days: 1 }),
    registrationEndsAt: day(9, 18),
    capacity: 150,
    description: '苏州示范学院校园专场招聘会。',
  })

  const others = await Employer.query()
    .where('status', 'verified')
    .whereNot('id', world.company.id)
    .orderBy('id')
    .limit(5)
  const booths: [RecruitmentEvent, Employer, string][] = [
    [fair, world.company, 'A01'],
    [provinceFair, world.company, 'B12'],
    ...others.map((e, i): [RecruitmentEvent, Employer, string] => [
      fair,
      e,
      `A${String(i + 2).padStart(2, '0')}`,
    ]),
  ]
  for (const [event, employer, boothNo] of booths) {
    await Exhibitor.firstOrCreate(
      { eventId: event.id, employerId: employer.id },
      { boothNo, status: 'approved', reviewedAt: DateTime.now() }
    )
  }

  // The company's offline sessions at 南京示范大学.
  const atNjsf = {
    kind: 'session',
    siteId: world.njsfSite.id,
    schoolId: world.njsf.id,
    employerId: world.company.id,
    mode: 'offline',
    city: '南京市',
  } as const
  const session = await upsert('示范科技有限公司2026届校园宣讲会（南京示范大学站）', {
    ...atNjsf,
    place: '南京示范大学图书馆报告厅',
    roomWish: '可容纳 200 人的报告厅',
    startsAt: day(5, 14),
    endsAt: day(5, 16),
    registrationStartsAt: now.minus({ days: 1 }),
    registrationEndsAt: day(5, 12),
    capacity: 120,
    description:
      '公司介绍、校招岗位解读、现场答疑与简历投递。宣讲人：示范科技有限公司人力资源部刘经理。',
  })
  await upsert('示范科技有限公司2025年秋季校园宣讲会', {
    ...atNjsf,
    place: '南京示范大学教学楼 A101',
    startsAt: day(-20, 14),
    endsAt: day(-20, 16),
    registrationStartsAt: now.minus({ days: 30 }),
    registrationEndsAt: day(-20, 12),
    capacity: 100,
    description: '已举办的宣讲会。',
  })
  await upsert('示范科技有限公司线上宣讲会', {
    kind: 'session',
    siteId: world.main.id,
    schoolId: null,
    employerId: world.company.id,
    mode: 'online',
    city: '南京市',
    onlineUrl: 'https://example.com/live/demo-tech',
    startsAt: day(3, 19),
    endsAt: day(3, 21),
    description: '线上宣讲，无需报名。',
  })
  await upsert('示范科技有限公司苏州示范学院宣讲会（待审核）', {
    kind: 'session',
    siteId: world.szsfSite.id,
    schoolId: world.szsf.id,
    employerId: world.company.id,
    mode: 'offline',
    city: '苏州市',
    roomWish: '100 人左右的教室',
    startsAt: day(12, 14),
    endsAt: day(12, 16),
    status: 'pending',
    description: '示范科技有限公司申请在苏州示范学院举办宣讲会，介绍软件开发、测试等校招岗位。',
  })

  const hasJobs = await db.from('event_session_jobs').where('event_id', session.id).first()
  if (!hasJobs) {
    const jobs = await jobDirectory.openJobsOf(world.company.id, 3)
    if (jobs.length) {
      await db
        .table('event_session_jobs')
        .multiInsert(jobs.map((j, position) => ({ event_id: session.id, job_id: j.id, position })))
    }
  }
  return { fair, provinceFair, session }
}
