import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { as, guest } from '#tests/helpers/requests'
import { PASSWORD } from '#database/factories/core'
import User from '#core/accounts/models/user'
import School from '#core/tenancy/models/school'
import Site from '#core/tenancy/models/site'
import Announcement from '#core/announcements/models/announcement'

/** An employer that registered and awaits verification, with its account. */
function pendingEmployer() {
  return world.employer({ verified: false, name: '待审科技有限公司', contactName: '王经理' })
}

/** 南京示范大学 with its subsite and its school admin (就业指导中心). */
async function njsfWithStaff() {
  const { school, site } = await world.school({ code: 'njsf', name: '南京示范大学' })
  return { njsf: school, njsfSite: site, njsfStaff: await world.staff(school) }
}

test.group(
  'Province admin: employer verification (pending → verified / rejected with a reason)',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('approving verifies the employer, tells its users by 站内消息 and records who and when', async ({
      client,
      assert,
    }) => {
      const admin = await world.provinceAdmin()
      await world.employer({ name: '示范科技有限公司' })
      const { employer, user } = await pendingEmployer()
      const list = await as(client, admin).visit('/province/employers?f_status=pending')
      list.assertTextIncludes('待审科技有限公司')
      assert.notInclude(list.text(), '示范科技有限公司')
      const detail = await as(client, admin).visit(`/province/employers/${employer.id}`)
      detail.assertTextIncludes('id="review-dialog"')

      const review = `/province/employers/${employer.id}/review`
      const response = await as(client, admin).postForm(review, { decision: 'approve' })
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

      const again = await as(client, admin).postForm(review, { decision: 'return', comment: 'x' })
      again.assertFlashMessage('error', '该记录已审核，不能重复审核')
      await employer.refresh()
      assert.equal(employer.status, 'verified')
    })

    test('rejecting needs a reason; the reason is stored, shown and sent to the employer', async ({
      client,
      assert,
    }) => {
      const admin = await world.provinceAdmin()
      const { employer, user } = await pendingEmployer()
      const review = `/province/employers/${employer.id}/review`
      const noReason = await as(client, admin).postForm(review, {
        decision: 'return',
        comment: '  ',
      })
      noReason.assertFlashMessage('error', '请填写退回原因')
      await employer.refresh()
      assert.equal(employer.status, 'pending')

      const response = await as(client, admin).postForm(review, {
        decision: 'return',
        comment: '营业执照不清晰，请重新上传',
      })
      response.assertFlashMessage('success', '已退回')
      await employer.refresh()
      assert.equal(employer.status, 'rejected')
      assert.equal(employer.rejectReason, '营业执照不清晰，请重新上传')
      const message = await db.from('messages').where('user_id', user.id).first()
      assert.equal(message.title, '单位认证未通过')
      assert.include(message.body, '营业执照不清晰，请重新上传')
      const log = await db.from('audit_logs').where('action', 'employer.return').first()
      assert.equal(JSON.parse(log.changes).__note, '营业执照不清晰，请重新上传')
      const detail = await as(client, admin).visit(`/province/employers/${employer.id}`)
      detail.assertTextIncludes('营业执照不清晰，请重新上传')
      detail.assertTextIncludes(admin.name)
    })

    test('{actor} cannot review employers')
      .with([
        { actor: 'school staff', make: async () => (await njsfWithStaff()).njsfStaff },
        { actor: 'the employer itself', make: null },
      ])
      .run(async ({ client, assert }, row) => {
        const { employer, user } = await pendingEmployer()
        const actor = row.make ? await row.make() : user
        const response = await as(client, actor).postForm(
          `/province/employers/${employer.id}/review`,
          { decision: 'approve' }
        )
        response.assertStatus(403)
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
    const admin = await world.provinceAdmin()
    const response = await as(client, admin).postForm('/province/schools', {
      code: 'yzsf',
      name: '扬州示范大学',
      customHost: 'jy.yzsf.example.edu.cn',
    })
    response.assertStatus(302)
    const school = await School.findByOrFail('code', 'yzsf')
    const site = await Site.findByOrFail('school_id', school.id)
    assert.equal(site.code, 'yzsf')
    assert.equal(site.name, '扬州示范大学')
    assert.equal(site.customHost, 'jy.yzsf.example.edu.cn')
    ;(await guest(client, { site: 'yzsf' }).visit('/')).assertTextIncludes('扬州示范大学')
    ;(await guest(client, { host: 'jy.yzsf.example.edu.cn' }).visit('/')).assertTextIncludes(
      '扬州示范大学'
    )
    const log = await db.from('audit_logs').where('action', 'school.create').first()
    assert.equal(log.actor_id, admin.id)
  })

  test('a taken school code and a bad host are named beside their fields', async ({ client }) => {
    const admin = await world.provinceAdmin()
    await world.school({ code: 'njsf' })
    const response = await as(client, admin).postForm('/province/schools', {
      code: 'njsf',
      name: '重复',
      customHost: 'not a host',
    })
    response.assertStatus(422)
    response.assertTextIncludes('该学校代码已被使用')
    response.assertTextIncludes('请输入正确的域名')
  })

  test('a custom host under the platform domain is refused (it could never be reached)', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const response = await as(client, admin).postForm('/province/schools', {
      code: 'xnew',
      name: '新开示范大学',
      customHost: 'jy.localhost',
    })
    response.assertStatus(422)
    response.assertTextIncludes('自定义域名不能是本平台域名（localhost）或其子域名')
    assert.isNull(await School.findBy('code', 'xnew'))
  })

  test('province announcements are published on the main site for everyone', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const main = await world.mainSite()
    await world.school({ code: 'szsf' })
    const response = await as(client, admin).postForm('/province/announcements', {
      title: '全省春季双选会通知',
      body: '各高校毕业生：……',
    })
    response.assertStatus(302)
    const notice = await Announcement.findByOrFail('title', '全省春季双选会通知')
    assert.equal(notice.siteId, main.id)
    assert.equal(notice.authorId, admin.id)
    ;(await guest(client, { site: 'szsf' }).visit('/announcements')).assertTextIncludes(
      '全省春季双选会通知'
    )
  })

  test('school announcements go to the school’s own subsite only', async ({ client, assert }) => {
    const { njsfStaff, njsfSite } = await njsfWithStaff()
    await world.school({ code: 'szsf' })
    await as(client, njsfStaff, { site: 'njsf' }).postForm('/school/announcements', {
      title: '南京示范大学宣讲安排',
      body: '见附件',
    })
    const notice = await Announcement.findByOrFail('title', '南京示范大学宣讲安排')
    assert.equal(notice.siteId, njsfSite.id)
    assert.notInclude(
      (await guest(client, { site: 'szsf' }).visit('/announcements')).text(),
      '南京示范大学宣讲安排'
    )
  })

  test('the audit log viewer lists who did what, filterable by school', async ({ client }) => {
    const admin = await world.provinceAdmin()
    const { njsf, njsfStaff } = await njsfWithStaff()
    const lisi = await world.graduate(njsf, { name: '李四' })
    await as(client, njsfStaff, { site: 'njsf' }).postForm(
      `/school/graduates/${lisi.id}/actions/mark-signable`
    )
    const response = await as(client, admin).visit(`/province/audit-logs?f_schoolId=${njsf.id}`)
    response.assertStatus(200)
    // In Chinese (操作日志只说中文), not `graduate.mark-signable` / `signable：`.
    response.assertTextIncludes('标记可签约')
    response.assertTextIncludes('南京示范大学就业指导中心')
    response.assertTextIncludes('可签约：否 → 是')
  })

  test('dashboards show counts and to-dos within the actor’s scope', async ({ client }) => {
    const admin = await world.provinceAdmin()
    const { njsf, njsfStaff } = await njsfWithStaff()
    await world.graduate(njsf, { name: '李四', signable: false })
    await pendingEmployer()
    const province = await as(client, admin).visit('/province')
    province.assertTextIncludes('待审核的用人单位')
    province.assertTextIncludes('/province/employers?f_status=pending')
    const school = await as(client, njsfStaff, { site: 'njsf' }).visit('/school')
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
    const admin = await world.provinceAdmin()
    const { employer: company, user: employerUser } = await world.employer({
      name: '示范科技有限公司',
    })
    const off = await as(client, admin).postForm(
      `/province/employers/${company.id}/actions/suspend-accounts`
    )
    off.assertFlashMessage('success', '已停用 示范科技有限公司 的单位账号')
    assert.isFalse(Boolean((await User.findOrFail(employerUser.id)).isActive))
    const login = await guest(client).postForm('/employer/login', {
      account: employerUser.username,
      password: PASSWORD,
    })
    login.assertFlashMessage('errorsBag', { account: '该账号已停用，请联系管理员' })
    const log = await db.from('audit_logs').where('action', 'employer.suspend-accounts').first()
    assert.equal(log.actor_id, admin.id)
    const on = await as(client, admin).postForm(
      `/province/employers/${company.id}/actions/restore-accounts`
    )
    on.assertFlashMessage('success', '已恢复 示范科技有限公司 的单位账号')
    assert.isTrue(Boolean((await User.findOrFail(employerUser.id)).isActive))
  })
})
