import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { seedCore } from '#database/demo/core'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import Announcement from '#core/announcements/models/announcement'

const NJSF = 'njsf.localhost'

test.group(
  'Admin resources: staff of school A never see or change school B (PRODUCT: student data belongs to the school)',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('list: 南京示范大学 staff see their own registry and not 苏州示范学院 students', async ({
      client,
    }) => {
      const { njsfStaff } = await seedCore()
      const response = await client.get('/school/graduates').header('host', NJSF).loginAs(njsfStaff)
      response.assertStatus(200)
      response.assertTextIncludes('张三')
      response.assertTextIncludes('2026000001')
      assertNotIncludes(response.text(), '王五')
      assertNotIncludes(response.text(), '2026100001')
    })

    test('keyword search cannot reach another school: searching 王五 finds nothing', async ({
      client,
    }) => {
      const { njsfStaff } = await seedCore()
      const response = await client
        .get('/school/graduates?q=王五')
        .header('host', NJSF)
        .loginAs(njsfStaff)
      response.assertStatus(200)
      response.assertTextIncludes('没有符合条件的记录')
      const byNumber = await client
        .get('/school/graduates?q=2026100001')
        .header('host', NJSF)
        .loginAs(njsfStaff)
      assertNotIncludes(byNumber.text(), '王五')
    })

    test('detail and edit of another school’s record answer 404', async ({ client }) => {
      const { njsfStaff, wangwu } = await seedCore()
      const detail = await client
        .get(`/school/graduates/${wangwu.id}`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
      detail.assertStatus(404)
      assertNotIncludes(detail.text(), '王五')
      const edit = await client
        .get(`/school/graduates/${wangwu.id}/edit`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
      edit.assertStatus(404)
    })

    test('posting an edit to another school’s record changes nothing', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, wangwu } = await seedCore()
      const response = await client
        .post(`/school/graduates/${wangwu.id}`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .form({ name: '被改名', signable: 'on' })
        .redirects(0)
      response.assertStatus(404)
      const fresh = await Graduate.findOrFail(wangwu.id)
      assert.equal(fresh.name, '王五')
      assert.isFalse(Boolean(fresh.signable))
      assert.equal(await auditCount('graduate', wangwu.id), 0)
    })

    test('row actions on another school’s record answer 404 and change nothing', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, wangwu } = await seedCore()
      const response = await client
        .post(`/school/graduates/${wangwu.id}/actions/mark-signable`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(404)
      assert.isFalse(Boolean((await Graduate.findOrFail(wangwu.id)).signable))
    })

    test('a bulk action that includes another school’s id is refused as a whole', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, wangwu, lisi } = await seedCore()
      const response = await client
        .post('/school/graduates/bulk/mark-signable')
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .form({ ids: [String(lisi.id), String(wangwu.id)] })
        .redirects(0)
      response.assertStatus(404)
      assert.isFalse(Boolean((await Graduate.findOrFail(lisi.id)).signable))
      assert.isFalse(Boolean((await Graduate.findOrFail(wangwu.id)).signable))
    })

    test('bulk 标记可签约 marks the school’s own students and writes the audit log', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, lisi } = await seedCore()
      const other = await Graduate.findByOrFail('student_number', '2026000003')
      const response = await client
        .post('/school/graduates/bulk/mark-signable')
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .form({ ids: [String(lisi.id), String(other.id)] })
        .redirects(0)
      response.assertStatus(302)
      response.assertFlashMessage('success', '已将 2 名学生标记为可签约')
      assert.isTrue(Boolean((await Graduate.findOrFail(lisi.id)).signable))
      assert.isTrue(Boolean((await Graduate.findOrFail(other.id)).signable))
      const log = await db
        .from('audit_logs')
        .where('subject_type', 'graduate')
        .where('subject_id', String(lisi.id))
        .first()
      assert.equal(log.actor_id, njsfStaff.id)
      assert.equal(log.action, 'graduate.mark-signable')
      const changes = JSON.parse(log.changes)
      assert.isFalse(Boolean(changes.signable[0]))
      assert.isTrue(changes.signable[1])
    })

    test('staff accounts and announcements of another school are out of reach', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, szsfStaff, szsfSite } = await seedCore()
      const list = await client.get('/school/staff').header('host', NJSF).loginAs(njsfStaff)
      list.assertStatus(200)
      list.assertTextIncludes('njsf-admin')
      assertNotIncludes(list.text(), 'szsf-admin')
      const detail = await client
        .get(`/school/staff/${szsfStaff.id}`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
      detail.assertStatus(404)
      const reset = await client
        .post(`/school/staff/${szsfStaff.id}`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .form({ name: 'x', password: 'Hacked@2026' })
        .redirects(0)
      reset.assertStatus(404)
      const fresh = await User.findOrFail(szsfStaff.id)
      assert.equal(fresh.password, szsfStaff.password)

      const notice = await Announcement.create({
        siteId: szsfSite.id,
        title: '苏州示范学院内部公告',
        body: '正文',
        publishedAt: DateTime.now(),
      })
      const announcements = await client
        .get('/school/announcements')
        .header('host', NJSF)
        .loginAs(njsfStaff)
      assertNotIncludes(announcements.text(), '苏州示范学院内部公告')
      const remove = await client
        .post(`/school/announcements/${notice.id}/delete`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .redirects(0)
      remove.assertStatus(404)
      assert.isNotNull(await Announcement.find(notice.id))
    })

    test('the school audit log shows only the school’s own entries', async ({ client }) => {
      const { njsfStaff, szsfStaff, wangwu } = await seedCore()
      await client
        .post(`/school/graduates/${wangwu.id}/actions/mark-signable`)
        .header('host', 'szsf.localhost')
        .loginAs(szsfStaff)
        .withCsrfToken()
        .redirects(0)
      const response = await client
        .get('/school/audit-logs')
        .header('host', NJSF)
        .loginAs(njsfStaff)
      response.assertStatus(200)
      assertNotIncludes(response.text(), '标记可签约')
      const own = await client
        .get('/school/audit-logs')
        .header('host', 'szsf.localhost')
        .loginAs(szsfStaff)
      own.assertTextIncludes('标记可签约')
    })

    test('school staff cannot open the province admin, province admins cannot use /school', async ({
      client,
    }) => {
      const { njsfStaff, admin } = await seedCore()
      ;(await client.get('/province/employers').loginAs(njsfStaff)).assertStatus(403)
      ;(await client.get('/school/graduates').loginAs(admin)).assertStatus(403)
    })
  }
)

test.group('Admin resources: a college-scoped teacher sees only their college', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  async function collegeTeacher(schoolId: number) {
    return User.create({
      kind: 'staff',
      loginKey: User.loginKeyFor('staff', 'cs-teacher', null),
      username: 'cs-teacher',
      password: 'Teacher@2026',
      name: '计算机学院辅导员',
      schoolId,
      college: '计算机学院',
      isActive: true,
    })
  }

  test('list, filters and detail are limited to 计算机学院', async ({ client }) => {
    const { njsf, lisi } = await seedCore()
    const teacher = await collegeTeacher(njsf.id)
    const list = await client.get('/school/graduates').header('host', NJSF).loginAs(teacher)
    list.assertStatus(200)
    list.assertTextIncludes('张三')
    list.assertTextIncludes('赵六')
    assertNotIncludes(list.text(), '李四')
    assertNotIncludes(list.text(), '经济管理学院')
    const detail = await client
      .get(`/school/graduates/${lisi.id}`)
      .header('host', NJSF)
      .loginAs(teacher)
    detail.assertStatus(404)
  })

  test('an edit cannot move a student out of the teacher’s college', async ({ client, assert }) => {
    const { njsf, zhangsan } = await seedCore()
    const teacher = await collegeTeacher(njsf.id)
    const response = await client
      .post(`/school/graduates/${zhangsan.id}`)
      .header('host', NJSF)
      .loginAs(teacher)
      .withCsrfToken()
      .form({ name: '张三', college: '经济管理学院', gender: '男', phone: '13800000001' })
      .redirects(0)
    response.assertStatus(302)
    const fresh = await Graduate.findOrFail(zhangsan.id)
    assert.equal(fresh.college, '计算机学院')
  })

  test('bulk actions with a student of another college are refused; staff accounts are not theirs to manage', async ({
    client,
    assert,
  }) => {
    const { njsf, zhangsan, lisi } = await seedCore()
    const teacher = await collegeTeacher(njsf.id)
    const response = await client
      .post('/school/graduates/bulk/unmark-signable')
      .header('host', NJSF)
      .loginAs(teacher)
      .withCsrfToken()
      .form({ ids: [String(zhangsan.id), String(lisi.id)] })
      .redirects(0)
    response.assertStatus(404)
    assert.isTrue(Boolean((await Graduate.findOrFail(zhangsan.id)).signable))
    ;(await client.get('/school/staff').header('host', NJSF).loginAs(teacher)).assertStatus(403)
    ;(await client.get('/school/modules').header('host', NJSF).loginAs(teacher)).assertStatus(403)
  })
})

test.group('Admin resources: forms validate beside the fields and write the audit log', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a wrong phone and ID number are named beside their fields (422), nothing saved', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, lisi } = await seedCore()
    const response = await client
      .post(`/school/graduates/${lisi.id}`)
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ name: '李四', phone: '12345', idNumber: '110105194912310021' })
    response.assertStatus(422)
    response.assertTextIncludes('手机号格式错误，应为 11 位且以 1 开头')
    response.assertTextIncludes('身份证号校验位错误（GB 11643）')
    assert.include(response.text(), 'data-error-for="phone"')
    assert.isNull((await Graduate.findOrFail(lisi.id)).phone)
  })

  test('an edit is saved and audited old → new with who did it', async ({ client, assert }) => {
    const { njsfStaff, lisi } = await seedCore()
    const response = await client
      .post(`/school/graduates/${lisi.id}`)
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({
        name: '李四',
        gender: '女',
        college: '经济管理学院',
        phone: '13900000002',
        idNumber: '320102200305052346',
      })
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/school/graduates/${lisi.id}`)
    assert.equal((await Graduate.findOrFail(lisi.id)).phone, '13900000002')
    const log = await db
      .from('audit_logs')
      .where('action', 'graduate.update')
      .where('subject_id', String(lisi.id))
      .first()
    assert.equal(log.actor_id, njsfStaff.id)
    assert.equal(log.school_id, lisi.schoolId)
    const changes = JSON.parse(log.changes)
    // Personal fields are stored masked in the audit log (the registry keeps the full number).
    assert.deepEqual(changes.phone, [null, '139****0002'])
    assert.notProperty(changes, 'name')
    const detail = await client
      .get(`/school/graduates/${lisi.id}`)
      .header('host', NJSF)
      .loginAs(njsfStaff)
    detail.assertTextIncludes('操作记录')
    detail.assertTextIncludes('139****0002')
    assert.notInclude(detail.text(), '13900000002')
  })

  test('a new graduate belongs to the staff’s school; a duplicate 学号 is refused', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, njsf } = await seedCore()
    const created = await client
      .post('/school/graduates')
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({
        studentNumber: '2026000099',
        name: '新同学',
        idNumber: '11010519491231002X',
        graduationYear: '2026',
      })
      .redirects(0)
    created.assertStatus(302)
    const g = await Graduate.findByOrFail('student_number', '2026000099')
    assert.equal(g.schoolId, njsf.id)
    const duplicate = await client
      .post('/school/graduates')
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({ studentNumber: '2026000099', name: '另一个' })
    duplicate.assertStatus(422)
    duplicate.assertTextIncludes('本校已有该学号的生源记录')
  })

  test('a school admin opens a college teacher account with a hashed password, who can then log in', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, njsf } = await seedCore()
    const response = await client
      .post('/school/staff')
      .header('host', NJSF)
      .loginAs(njsfStaff)
      .withCsrfToken()
      .form({
        username: 'jg-teacher',
        name: '经管学院辅导员',
        college: '经济管理学院',
        password: 'Teacher@2026',
        isActive: 'on',
      })
      .redirects(0)
    response.assertStatus(302)
    const teacher = await User.findByOrFail(
      'login_key',
      User.loginKeyFor('staff', 'jg-teacher', null)
    )
    assert.equal(teacher.schoolId, njsf.id)
    assert.equal(teacher.college, '经济管理学院')
    assert.notEqual(teacher.password, 'Teacher@2026')
    const log = await db.from('audit_logs').where('action', 'staff_user.create').first()
    assert.notInclude(log.changes, 'Teacher@2026')
    const login = await client
      .post('/admin/login')
      .form({ account: 'jg-teacher', password: 'Teacher@2026' })
      .withCsrfToken()
      .redirects(0)
    login.assertStatus(302)
    login.assertHeader('location', '/school')
  })
})

function assertNotIncludes(text: string, needle: string) {
  if (text.includes(needle)) throw new Error(`Expected the page not to include "${needle}"`)
}

async function auditCount(type: string, id: number) {
  const row = await db
    .from('audit_logs')
    .where('subject_type', type)
    .where('subject_id', String(id))
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}

test.group(
  'ID numbers: masked, a full view on request is audited (PRODUCT: Conventions)',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('the detail page masks the ID number; 查看完整身份证号 shows it once and records who looked', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, szsfStaff, zhangsan } = await seedCore()
      const detail = await client
        .get(`/school/graduates/${zhangsan.id}`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
      detail.assertTextIncludes('3201**********123X')
      assert.notInclude(detail.text(), '32010220030101123X')
      const reveal = await client
        .post(`/school/graduates/${zhangsan.id}/actions/reveal-id`)
        .header('host', NJSF)
        .loginAs(njsfStaff)
        .withCsrfToken()
        .redirects(0)
      reveal.assertFlashMessage(
        'success',
        '张三 的身份证号：32010220030101123X（本次查看已记入操作日志）'
      )
      const log = await db.from('audit_logs').where('action', 'graduate.reveal-id').first()
      assert.equal(log.actor_id, njsfStaff.id)
      assert.equal(log.subject_id, String(zhangsan.id))
      const foreign = await client
        .post(`/school/graduates/${zhangsan.id}/actions/reveal-id`)
        .header('host', 'szsf.localhost')
        .loginAs(szsfStaff)
        .withCsrfToken()
        .redirects(0)
      foreign.assertStatus(404)
    })
  }
)

test.group('Export (导出 CSV) stays inside the actor’s scope', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the registry export holds the school’s own filtered rows only and is audited', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, njsf } = await seedCore()
    const response = await client
      .get('/school/graduates/export.csv?f_college=计算机学院')
      .header('host', NJSF)
      .loginAs(njsfStaff)
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    const text = response.text()
    assert.include(text, '学号,姓名')
    assert.include(text, '2026000001,张三')
    assert.include(text, '2026000003,赵六')
    assert.notInclude(text, '李四')
    assert.notInclude(text, '王五')
    const all = await client
      .get('/school/graduates/export.csv')
      .header('host', NJSF)
      .loginAs(njsfStaff)
    assert.include(all.text(), '李四')
    assert.notInclude(all.text(), '王五')
    const log = await db.from('audit_logs').where('action', 'graduate.export').first()
    assert.equal(log.actor_id, njsfStaff.id)
    assert.equal(log.school_id, njsf.id)
  })

  test('a college-scoped teacher exports only their college', async ({ client, assert }) => {
    const { njsf } = await seedCore()
    const teacher = await User.create({
      kind: 'staff',
      loginKey: User.loginKeyFor('staff', 'cs-teacher', null),
      username: 'cs-teacher',
      password: 'Teacher@2026',
      name: '计算机学院辅导员',
      schoolId: njsf.id,
      college: '计算机学院',
      isActive: true,
    })
    const text = (
      await client.get('/school/graduates/export.csv').header('host', NJSF).loginAs(teacher)
    ).text()
    assert.include(text, '张三')
    assert.notInclude(text, '李四')
    assert.notInclude(text, '钱七')
  })
})

test.group('Admin menu follows the abilities', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a college-scoped teacher is not offered 教师账号, 功能模块 or 操作日志', async ({
    client,
    assert,
  }) => {
    const { njsf, njsfStaff } = await seedCore()
    const teacher = await User.create({
      kind: 'staff',
      loginKey: User.loginKeyFor('staff', 'cs-teacher', null),
      username: 'cs-teacher',
      password: 'Teacher@2026',
      name: '计算机学院辅导员',
      schoolId: njsf.id,
      college: '计算机学院',
      isActive: true,
    })
    const home = await client.get('/school').header('host', NJSF).loginAs(teacher)
    home.assertStatus(200)
    home.assertTextIncludes('href="/school/graduates"')
    for (const href of ['/school/staff', '/school/modules', '/school/audit-logs'])
      assert.notInclude(home.text(), `href="${href}"`)
    const full = await client.get('/school').header('host', NJSF).loginAs(njsfStaff)
    for (const href of ['/school/staff', '/school/modules', '/school/audit-logs'])
      assert.include(full.text(), `href="${href}"`)
  })
})
