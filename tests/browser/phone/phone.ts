import { DateTime } from 'luxon'
import { devices, type Browser, type BrowserContext } from 'playwright'
import { twoSchools, withModuleRecords } from '#tests/helpers/cast'
import interviews from '#modules/job_seeking/services/interviews'
import JobApplication from '#modules/job_seeking/models/job_application'
import registrations from '#modules/events/services/registration_service'
import signingService from '#modules/procedures/services/signing_service'
import Announcement from '#core/announcements/models/announcement'

/**
 * A phone-size touch context: Playwright's iPhone 13 descriptor (390 × 664 viewport, isMobile,
 * hasTouch, device scale 3) on the Chromium that @japa/browser-client launched. The descriptor's
 * defaultBrowserType (webkit) only tells Playwright's own runner which engine to pick, so it is dropped.
 * browser.newContext is decorated by the plugin: the context gets visit() and loginAs() like the default one.
 */
export async function phoneContext(browser: Browser) {
  const { defaultBrowserType: engine, ...iPhone } = devices['iPhone 13']
  void engine
  const context = (await browser.newContext({ ...iPhone, locale: 'zh-CN' })) as BrowserContext & {
    visit: (url: string) => Promise<import('playwright').Page>
    loginAs: (user: unknown) => Promise<void>
  }
  return context
}

/** Every student-facing state the pages can show: resumes, an application with an interview, a ticket, an invitation. */
export async function seedStudentWorld() {
  const world = await twoSchools()
  const records = await withModuleRecords(world)
  const application = await JobApplication.query()
    .where('user_id', world.studentZhang.id)
    .orderBy('id')
    .firstOrFail()
  const interview = await interviews.invite(
    application,
    {
      mode: 'onsite',
      starts_at: DateTime.now()
        .plus({ days: 3 })
        .setZone('Asia/Shanghai')
        .toFormat("yyyy-MM-dd'T'HH:mm"),
      place: '南京市鼓楼区示范大道 88 号 示范科技大厦 12 楼会议室',
      letter: '您好，感谢投递，诚邀您参加现场面试，请携带简历与学生证。',
    },
    { jobTitle: 'x', employerName: 'x' }
  )
  const registration = await registrations.register(world.studentZhang, records.fair.id)
  const invitation = await signingService.send(world.employerUser, {
    school_id: world.njsf.id,
    student_number: world.zhangsan.studentNumber,
    name: world.zhangsan.name,
    job_title: '软件开发工程师',
    salary: '10000-12000元/月',
    work_city: '南京市',
    contract_term: '3年',
    probation: '3个月',
    contact_name: '刘经理',
    contact_phone: '025-88880000',
    position_category: '工程技术人员',
    deadline: DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 7 })
      .toFormat("yyyy-MM-dd'T'HH:mm"),
  } as any)
  const announcement = await Announcement.query().orderBy('id').first()
  return {
    ...world,
    ...records,
    application,
    interview,
    registration,
    invitation,
    announcement,
  }
}
