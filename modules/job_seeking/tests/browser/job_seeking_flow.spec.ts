import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { siteUrl } from '#tests/helpers/urls'
import JobApplication from '#modules/job_seeking/models/job_application'
import { PASSWORD } from '#database/factories/core'
import { hiringWorld, makeJob } from '#modules/job_seeking/tests/helpers'

test.group('求职中心 in a browser', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('张三 subscribes, gets a pushed job, finds 软件开发工程师, applies with his second resume, favourites, accepts a video interview; 王五 cannot open his resume or application', async ({
    visit,
    assert,
  }) => {
    const world = await hiringWorld({ resumes: 2 })
    const other = await makeJob(world.company.id, '会计助理', { category: '财务会计' })

    // 1. 张三 logs in on his subsite and sets an intention with a subscription.
    const student = await visit(siteUrl('njsf', '/login'))
    student.on('dialog', (d) => d.accept())
    student.setDefaultTimeout(10000)
    await student.locator('input[name=student_number]').fill(world.zhang.username)
    await student.locator('input[name=password]').fill(PASSWORD)
    await student.getByRole('button', { name: '登录' }).click()
    await student.assertPath('/student')
    await student.goto(siteUrl('njsf', '/student/intention'))
    await student.getByLabel('拟就业').check()
    // 工作城市: the 省 → 市 picker (search for one, browse the province for the other).
    await student.getByRole('button', { name: '选择城市' }).click()
    await student.getByLabel('搜索城市').fill('南京')
    await student
      .locator('.city-results')
      .getByRole('button', { name: /南京市/ })
      .click()
    await student.getByLabel('搜索城市').fill('')
    await student.locator('.city-province', { hasText: '江苏省' }).click()
    await student
      .locator('.city-cities')
      .getByRole('button', { name: '苏州市', exact: true })
      .click()
    await student.getByRole('button', { name: '完成' }).click()
    await student.assertElementsCount('.city-chips .chip', 2)
    await student.locator('input[name=categories][value="软件开发"]').check()
    await student.locator('#f-subscribed').check()
    await student.locator('input[name=frequency][value=immediate]').check()
    await student.getByRole('button', { name: '【提交】' }).click()
    await student.assertTextContains('body', '求职意向已保存')

    // 2. The employer publishes a matching job; it is pushed to 张三's messages.
    const employer = await visit(siteUrl(null, '/employer/login'))
    employer.on('dialog', (d) => d.accept())
    employer.setDefaultTimeout(10000)
    await employer.locator('input[name=account]').fill(world.hr.username)
    await employer.locator('input[name=password]').fill(PASSWORD)
    await employer.getByRole('button', { name: '登录' }).click()
    await employer.goto(siteUrl(null, '/employer/jobs/new'))
    await employer.locator('input[name=title]').fill('云平台开发工程师')
    await employer.locator('select[name=category]').selectOption('软件开发')
    await employer.locator('select[name=city]').selectOption('南京市')
    await employer.locator('input[name=salary_min]').fill('10000')
    await employer.locator('input[name=salary_max]').fill('16000')
    await employer.locator('textarea[name=description]').fill('负责云平台后端服务的设计与开发。')
    await employer.getByRole('button', { name: '发布' }).click()
    await employer.assertTextContains('body', '职位「云平台开发工程师」已发布')
    await student.goto(siteUrl('njsf', '/student/messages'))
    await student.assertTextContains('body', '职位推荐：示范科技有限公司 · 云平台开发工程师')

    // 3. He finds 软件开发工程师 by keyword (htmx list) and applies with his second resume.
    await student.goto(siteUrl('njsf', '/student/jobs'))
    await student.locator('input[name=keyword]').fill('软件开发')
    await student.getByRole('button', { name: '搜索' }).click()
    await student.waitForURL(/keyword=/)
    await student.getByRole('link', { name: '软件开发工程师', exact: true }).first().click()
    await student.assertTextContains('h1', '软件开发工程师')
    await student.locator('#apply-button').click()
    await student
      .locator('select[name=resume_id]')
      .selectOption({ label: world.zhangResumes[1].title })
    await student.getByRole('button', { name: '投递简历' }).click()
    // The platform's in-page confirmation (not the browser's native box).
    await student.locator('#confirm-dialog-ok').click()
    await student.waitForURL(/\/student\/records/)
    await student.assertTextContains('body', '已投递「软件开发工程师」')
    await student.assertTextContains('#records', '软件开发工程师')
    const application = await JobApplication.query()
      .where('job_id', world.devJob.id)
      .where('user_id', world.zhang.id)
      .firstOrFail()
    assert.equal(application.resumeId, world.zhangResumes[1].id)

    // 4. He favourites another job (in place).
    await student.goto(siteUrl('njsf', `/jobs/${other.id}`))
    await student.getByRole('button', { name: '☆ 收藏职位' }).click()
    await student.assertTextContains('#job-actions', '已收藏')
    await student.goto(siteUrl('njsf', '/student/records?tab=favourites'))
    await student.assertTextContains('#records', '会计助理')

    // 5. The employer opens the application and invites him to a video interview.
    await employer.goto(siteUrl(null, `/employer/applications/${application.id}`))
    await employer.locator('input[name=mode][value=video]').check()
    await employer
      .locator('input[name=starts_at]')
      .fill(
        DateTime.now().setZone('Asia/Shanghai').plus({ days: 2 }).toFormat("yyyy-MM-dd'T'HH:mm")
      )
    await employer.locator('input[name=video_link]').fill('https://meeting.example.com/j/987654')
    await employer.getByRole('button', { name: '发送面试邀请' }).click()
    await employer.assertTextContains('body', '面试邀请已发送')

    // 6. He sees the invitation (no link yet), accepts, and then sees the link.
    await student.goto(siteUrl('njsf', '/student/records?tab=interviews'))
    await student.assertTextContains('#records', '接受邀请后显示视频面试链接')
    await student.getByRole('button', { name: '接受' }).click()
    await student.locator('#confirm-dialog-ok').click()
    await student.locator('.video-link').waitFor()
    await student.assertTextContains('.video-link', 'https://meeting.example.com/j/987654')

    // 7. 王五 (another student) cannot open 张三's resume or application.
    const wang = await visit(siteUrl('szsf', '/login'))
    await wang.locator('input[name=student_number]').fill(world.wang.username)
    await wang.locator('input[name=password]').fill(PASSWORD)
    await wang.getByRole('button', { name: '登录' }).click()
    await wang.assertPath('/student')
    const resumePage = await wang.goto(
      siteUrl('szsf', `/student/resumes/${world.zhangResumes[1].id}`)
    )
    assert.equal(resumePage?.status(), 404)
    const applicationPage = await wang.goto(
      siteUrl('szsf', `/student/applications/${application.id}`)
    )
    assert.equal(applicationPage?.status(), 404)
  }).timeout(120_000)
})
