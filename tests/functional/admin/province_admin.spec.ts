import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { seedCore } from '#database/demo/core'
import Employer from '#core/accounts/models/employer'
import User from '#core/accounts/models/user'
import School from '#core/tenancy/models/school'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'

async function pendingEmployer() {
  const employer = await Employer.create({
    name: '待审科技有限公司',
    uscc: '91320100MA1999990X',
    contactName: '王经理',
    status: 'pending',
  })
  const user = await User.create({
    kind: 'employer',
    loginKey: User.loginKeyFor('employer', 'hr@pending.example', null),
    username: 'hr@pending.example',
    password: 'Employer@2026',
    name: '王经理',
    employerId: employer.id,
    isActive: true,
  })
  return { employer, user }
}

test.group(
  'Province admin: employer verification (pending → verified / rejected with a reason)',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('approving verifies the employer, tells its users by 站内消息 and records who and when', async ({
      client,
      assert,
    }) => {
      const { admin } = await seedCore()
      const { employer, user } = await pendingEmployer()
      const list = await client.get('/province/employers?f_status=pending').loginAs(admin)
      list.assertTextIncludes('待审科技有限公司')
      assert.notInclude(list.text(), '示范科技有限公司')
      const detail = await client.get(`/province/employers/${employer.id}`).loginAs(admin)
      detail.assertTextIncludes('id="review-dialog"')

      const response = await client
        .post(`/province/employers/${employer.id}/review`)
        .loginAs(admin)
        .withCsrfToken()
        .form({ decision: 'approve' })
        .redirects(0)
      response.assertFlashMessage('success', '已审核通过')
      await employer.refresh()
      assert.equal(employer.status, 'verified')
      assert.isNotNull(employer.verifiedAt)
      const message = await db.from('messages').where('user_id', user.id).first()
      assert.equal(message.title, '单位认证已通过')
      const log = await db.from('audit_logs').where('action', 'employer.approve').first()
      assert.equal(log.actor_id, admin.id)
      assert.isNotNull(log.created_at)
      assert.deepEqual(JSON.parse(log.changes).status, ['pending', 'verified'])

      const again = await client
        .post(`/province/employers/${employer.id}/review`)
        .loginAs(admin)
        .withCsrfToken()
        .form({ decision: 'return', comment: 'x' })
        .redirects(0)
      again.assertFlashMessage('error', '该记录已审核，不能重复审核')
      await employer.refresh()
      assert.equal(employer.status, 'verified')
    })

    test('rejecting needs a reason; the reason is stored, shown and sent to the employer', async ({
      client,
      assert,
    }) => {
      const { admin } = await seedCore()
      const { employer, user } = await pendingEmployer()
      const noReason = await client
        .post(`/province/employers/${employer.id}/review`)
        .loginAs(admin)
        .withCsrfToken()
        .form({ decision: 'return', comment: '  ' })
        .redirects(0)
      noReason.assertFlashMessage('error', '请填写退回原因')
      await employer.refresh()
      assert.equal(employer.status, 'pending')

      const response = await client
        .post(`/province/employers/${employer.id}/review`)
        .loginAs(admin)
        .withCsrfToken()
        .form({ decision: 'return', comment: '营业执照不清晰，请重新上传' })
        .redirects(0)
      response.assertFlashMessage('success', '已退回')
      await employer.refresh()
      assert.equal(employer.status, 'rejected')
      assert.equal(employer.rejectReason, '营业执照不清晰，请重新上传')
      const message = await db.from('messages').where('user_id', user.id).first()
      assert.equal(message.title, '单位认证未通过')
      assert.include(message.body, '营业执照不清晰，请重新上传')
      const log = await db.from('audit_logs').where('action', 'employer.return').first()
      assert.equal(JSON.parse(log.changes).__note, '营业执照不清晰，请重新上传')
      const detail = await client.get(`/province/employers/${employer.id}`).loginAs(admin)
      detail.assertTextIncludes('营业执照不清晰，请重新上传')
      detail.assertTextIncludes('省就业管理员')
    })

    test('school staff and employers cannot review employers', async ({ client, assert }) => {
      const { njsfStaff } = await seedCore()
      const { employer, user } = await pendingEmployer()
      ;(
        await client
          .post(`/province/employers/${employer.id}/review`)
          .loginAs(njsfStaff)
          .withCsrfToken()
          .form({ decision: 'approve' })
          .redirects(0)
      ).assertStatus(403)
      ;(
        await client
          .post(`/province/employers/${employer.id}/review`)
          .loginAs(user)
          .withCsrfToken()
          .form({ decision: 'approve' })
          .redirects(0)
      ).assertStatus(403)
      await employer.refresh()
      assert.equal(employer.status, 'pending')
    })
  }
)

test.group('Province admin: schools and subsites, announcements, audit log', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('creating a school creates its subsite, reachable at <code>.localhost and its custom host', async ({
    client,
    assert,
  }) => {
    const { admin } = await seedCore()
    const response = await client
      .post('/province/schools')
      .loginAs(admin)
      .withCsrfToken()
      .form({ code: 'yzsf', name: '扬州示范大学', customHost: 'jy.yzsf.example.edu.cn' })
      .redirects(0)
    response.assertStatus(302)
    const school = await School.findByOrFail('code', 'yzsf')
    const site = await Site.findByOrFail('school_id', school.id)
    assert.equal(site.code, 'yzsf')
    assert.equal(site.name, '扬州示范大学')
    assert.equal(site.customHost, 'jy.yzsf.example.edu.cn')
    ;(await client.get('/').header('host', 'yzsf.localhost')).assertTextIncludes('扬州示范大学')
    ;(await client.get('/').header('host', 'jy.yzsf.example.edu.cn')).assertTextIncludes(
      '扬州示范大学'
    )
    const log = await db.from('audit_logs').where('action', 'school.create').first()
    assert.equal(log.actor_id, admin.id)
  })

  test('a taken school code and a bad host are named beside their fields', async ({ client }) => {
    const { admin } = await seedCore()
    const response = await client
      .post('/province/schools')
      .loginAs(admin)
      .withCsrfToken()
      .form({ code: 'njsf', name: '重复', customHost: 'not a host' })
    response.assertStatus(422)
    response.assertTextIncludes('该学校代码已被使用')
    response.assertTextIncludes('请输入正确的域名')
  })

  test('a custom host under the platform domain is refused (it could never be reached)', async ({
    client,
    assert,
  }) => {
    const { admin } = await seedCore()
    const response = await client
      .post('/province/schools')
      .loginAs(admin)
      .withCsrfToken()
      .form({ code: 'xnew', name: '新开示范大学', customHost: 'jy.localhost' })
    response.assertStatus(422)
    response.assertTextIncludes('自定义域名不能是本平台域名（localhost）或其子域名')
    assert.isNull(await School.findBy('code', 'xnew'))
  })

  test('province announcements are published on the main site for everyone', async ({
    client,
    assert,
  }) => {
    const { admin, main } = await seedCore()
    const response = await client
      .post('/province/announcements')
      .loginAs(admin)
      .withCsrfToken()
      .form({ title: '全省春季双选会通知', body: '各高校毕业生：……' })
      .redirects(0)
    response.assertStatus(302)
    const notice = await Announcement.findByOrFail('title', '全省春季双选会通知')
    assert.equal(notice.siteId, main.id)
    assert.equal(notice.authorId, admin.id)
    ;(await client.get('/announcements').header('host', 'szsf.localhost')).assertTextIncludes(
      '全省春季双选会通知'
    )
  })

  test('school announcements go to the school’s own subsite only', async ({ client, assert }) => {
    const { njsfStaff, njsfSite } = await seedCore()
    await client
      .post('/school/announcements')
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ title: '南京示范大学宣讲安排', body: '见附件' })
      .redirects(0)
    const notice = await Announcement.findByOrFail('title', '南京示范大学宣讲安排')
    assert.equal(notice.siteId, njsfSite.id)
    assert.notInclude(
      (await client.get('/announcements').header('host', 'szsf.localhost')).text(),
      '南京示范大学宣讲安排'
    )
  })

  test('the audit log viewer lists who did what, filterable by school', async ({ client }) => {
    const { admin, njsfStaff, lisi, njsf } = await seedCore()
    await client
      .post(`/school/graduates/${lisi.id}/actions/mark-signable`)
      .header('host', 'njsf.localhost')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .redirects(0)
    const response = await client.get(`/province/audit-logs?f_schoolId=${njsf.id}`).loginAs(admin)
    response.assertStatus(200)
    // In Chinese (操作日志只说中文), not `graduate.mark-signable` / `signable：`.
    response.assertTextIncludes('标记可签约')
    response.assertTextIncludes('南京示范大学就业指导中心')
    response.assertTextIncludes('可签约：否 → 是')
  })

  test('dashboards show counts and to-dos within the actor’s scope', async ({ client }) => {
    const { admin, njsfStaff } = await seedCore()
    await pendingEmployer()
    const province = await client.get('/province').loginAs(admin)
    province.assertTextIncludes('待审核的用人单位')
    province.assertTextIncludes('/province/employers?f_status=pending')
    const school = await client.get('/school').header('host', 'njsf.localhost').loginAs(njsfStaff)
    school.assertTextIncludes('生源总数')
    school.assertTextIncludes('未标记可签约的学生')
  })
})

test.group('Province admin: employer accounts', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('停用单位账号 blocks every account of the employer from logging in; 恢复 lets them back', async ({
    client,
    assert,
  }) => {
    const { admin, company, employerUser } = await seedCore()
    const off = await client
      .post(`/province/employers/${company.id}/actions/suspend-accounts`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    off.assertFlashMessage('success', '已停用 示范科技有限公司 的单位账号')
    assert.isFalse(Boolean((await User.findOrFail(employerUser.id)).isActive))
    const login = await client
      .post('/employer/login')
      .form({ account: 'hr@demo-tech.example', password: 'Employer@2026' })
      .withCsrfToken()
      .redirects(0)
    login.assertFlashMessage('errorsBag', { account: '该账号已停用，请联系管理员' })
    const log = await db.from('audit_logs').where('action', 'employer.suspend-accounts').first()
    assert.equal(log.actor_id, admin.id)
    const on = await client
      .post(`/province/employers/${company.id}/actions/restore-accounts`)
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    on.assertFlashMessage('success', '已恢复 示范科技有限公司 的单位账号')
    assert.isTrue(Boolean((await User.findOrFail(employerUser.id)).isActive))
  })
})
