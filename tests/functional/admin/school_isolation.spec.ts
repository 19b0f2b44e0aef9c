import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import type { ApiClient } from '@japa/api-client'
import { as, guest } from '#tests/helpers/requests'
import type School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import Announcement from '#core/announcements/models/announcement'

/**
 * 南京示范大学 and 苏州示范学院, each with its school admin; 南京示范大学's registry spans three
 * colleges (张三 activated and signable, 赵六 in 计算机学院; 李四 in 经济管理学院 without a phone;
 * 钱七 in 外国语学院), 苏州示范学院's holds 王五.
 */
async function twoSchools() {
  const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
  const { school: szsf, site: szsfSite } = await world.school({
    code: 'szsf',
    name: '苏州示范学院',
  })
  const { graduate: zhangsan } = await world.student(njsf, {
    studentNumber: '2026000001',
    name: '张三',
    idNumber: '32010220030101123X',
    college: '计算机学院',
    signable: true,
  })
  const lisi = await world.graduate(njsf, {
    studentNumber: '2026000002',
    name: '李四',
    gender: '女',
    idNumber: '320102200305052346',
    college: '经济管理学院',
    major: '会计学',
    phone: null,
    email: null,
  })
  await world.graduate(njsf, { studentNumber: '2026000003', name: '赵六', college: '计算机学院' })
  await world.graduate(njsf, { studentNumber: '2026000004', name: '钱七', college: '外国语学院' })
  const wangwu = await world.graduate(szsf, { studentNumber: '2026100001', name: '王五' })
  return {
    njsf,
    szsfSite,
    zhangsan,
    lisi,
    wangwu,
    njsfStaff: await world.staff(njsf, { username: 'njsf-admin' }),
    szsfStaff: await world.staff(szsf, { username: 'szsf-admin' }),
  }
}

/** A 计算机学院 teacher of the school (college-scoped staff). */
function collegeTeacher(school: School) {
  return world.staff(school, { college: '计算机学院' })
}

/** Requests made on a school's subsite. */
const onNjsf = (client: ApiClient, user: User) => as(client, user, { site: 'njsf' })
const onSzsf = (client: ApiClient, user: User) => as(client, user, { site: 'szsf' })

test.group(
  'Admin resources: staff of school A never see or change school B (PRODUCT: student data belongs to the school)',
  (group) => {
    group.each.setup(() => testUtils.db().truncate())

    test('list: 南京示范大学 staff see their own registry and not 苏州示范学院 students', async ({
      client,
    }) => {
      const { njsfStaff } = await twoSchools()
      const response = await onNjsf(client, njsfStaff).visit('/school/graduates')
      response.assertStatus(200)
      response.assertTextIncludes('张三')
      response.assertTextIncludes('2026000001')
      assertNotIncludes(response.text(), '王五')
      assertNotIncludes(response.text(), '2026100001')
    })

    test('keyword search cannot reach another school: searching 王五 finds nothing', async ({
      client,
    }) => {
      const { njsfStaff } = await twoSchools()
      const response = await onNjsf(client, njsfStaff).visit('/school/graduates?q=王五')
      response.assertStatus(200)
      response.assertTextIncludes('没有符合条件的记录')
      const byNumber = await onNjsf(client, njsfStaff).visit('/school/graduates?q=2026100001')
      assertNotIncludes(byNumber.text(), '王五')
    })

    test('detail and edit of another school’s record answer 404', async ({ client }) => {
      const { njsfStaff, wangwu } = await twoSchools()
      const detail = await onNjsf(client, njsfStaff).visit(`/school/graduates/${wangwu.id}`)
      detail.assertStatus(404)
      assertNotIncludes(detail.text(), '王五')
      const edit = await onNjsf(client, njsfStaff).visit(`/school/graduates/${wangwu.id}/edit`)
      edit.assertStatus(404)
    })

    test('posting an edit to another school’s record changes nothing', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, wangwu } = await twoSchools()
      const response = await onNjsf(client, njsfStaff).postForm(`/school/graduates/${wangwu.id}`, {
        name: '被改名',
        signable: 'on',
      })
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
      const { njsfStaff, wangwu } = await twoSchools()
      const response = await onNjsf(client, njsfStaff).postForm(
        `/school/graduates/${wangwu.id}/actions/mark-signable`
      )
      response.assertStatus(404)
      assert.isFalse(Boolean((await Graduate.findOrFail(wangwu.id)).signable))
    })

    test('a bulk action that includes another school’s id is refused as a whole', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, wangwu, lisi } = await twoSchools()
      const response = await onNjsf(client, njsfStaff).postForm(
        '/school/graduates/bulk/mark-signable',
        { ids: [String(lisi.id), String(wangwu.id)] }
      )
      response.assertStatus(404)
      assert.isFalse(Boolean((await Graduate.findOrFail(lisi.id)).signable))
      assert.isFalse(Boolean((await Graduate.findOrFail(wangwu.id)).signable))
    })

    test('bulk 标记可签约 marks the school’s own students and writes the audit log', async ({
      client,
      assert,
    }) => {
      const { njsfStaff, lisi } = await twoSchools()
      const other = await Graduate.findByOrFail('student_number', '2026000003')
      const response = await onNjsf(client, njsfStaff).postForm(
        '/school/graduates/bulk/mark-signable',
        { ids: [String(lisi.id), String(other.id)] }
      )
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
      const { njsfStaff, szsfStaff, szsfSite } = await twoSchools()
      const list = await onNjsf(client, njsfStaff).visit('/school/staff')
      list.assertStatus(200)
      list.assertTextIncludes('njsf-admin')
      assertNotIncludes(list.text(), 'szsf-admin')
      const detail = await onNjsf(client, njsfStaff).visit(`/school/staff/${szsfStaff.id}`)
      detail.assertStatus(404)
      const reset = await onNjsf(client, njsfStaff).postForm(`/school/staff/${szsfStaff.id}`, {
        name: 'x',
        password: 'Hacked@2026',
      })
      reset.assertStatus(404)
      const fresh = await User.findOrFail(szsfStaff.id)
      assert.equal(fresh.password, szsfStaff.password)

      const notice = await world.announcement(szsfSite, { title: '苏州示范学院内部公告' })
      const announcements = await onNjsf(client, njsfStaff).visit('/school/announcements')
      assertNotIncludes(announcements.text(), '苏州示范学院内部公告')
      const remove = await onNjsf(client, njsfStaff).postForm(
        `/school/announcements/${notice.id}/delete`
      )
      remove.assertStatus(404)
      assert.isNotNull(await Announcement.find(notice.id))
    })

    test('the school audit log shows only the school’s own entries', async ({ client }) => {
      const { njsfStaff, szsfStaff, wangwu } = await twoSchools()
      await onSzsf(client, szsfStaff).postForm(
        `/school/graduates/${wangwu.id}/actions/mark-signable`
      )
      const response = await onNjsf(client, njsfStaff).visit('/school/audit-logs')
      response.assertStatus(200)
      assertNotIncludes(response.text(), '标记可签约')
      const own = await onSzsf(client, szsfStaff).visit('/school/audit-logs')
      own.assertTextIncludes('标记可签约')
    })

    test('school staff cannot open the province admin, province admins cannot use /school', async ({
      client,
    }) => {
      const { njsfStaff } = await twoSchools()
      const admin = await world.provinceAdmin()
      ;(await as(client, njsfStaff).visit('/province/employers')).assertStatus(403)
      ;(await as(client, admin).visit('/school/graduates')).assertStatus(403)
    })
  }
)

test.group('Admin resources: a college-scoped teacher sees only their college', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('list, filters and detail are limited to 计算机学院', async ({ client }) => {
    const { njsf, lisi } = await twoSchools()
    const teacher = await collegeTeacher(njsf)
    const list = await onNjsf(client, teacher).visit('/school/graduates')
    list.assertStatus(200)
    list.assertTextIncludes('张三')
    list.assertTextIncludes('赵六')
    assertNotIncludes(list.text(), '李四')
    assertNotIncludes(list.text(), '经济管理学院')
    const detail = await onNjsf(client, teacher).visit(`/school/graduates/${lisi.id}`)
    detail.assertStatus(404)
  })

  test('an edit cannot move a student out of the teacher’s college', async ({ client, assert }) => {
    const { njsf, zhangsan } = await twoSchools()
    const teacher = await collegeTeacher(njsf)
    const response = await onNjsf(client, teacher).postForm(`/school/graduates/${zhangsan.id}`, {
      name: '张三',
      college: '经济管理学院',
      gender: '男',
      phone: '13800000001',
    })
    response.assertStatus(302)
    const fresh = await Graduate.findOrFail(zhangsan.id)
    assert.equal(fresh.college, '计算机学院')
  })

  test('bulk actions with a student of another college are refused; staff accounts are not theirs to manage', async ({
    client,
    assert,
  }) => {
    const { njsf, zhangsan, lisi } = await twoSchools()
    const teacher = await collegeTeacher(njsf)
    const response = await onNjsf(client, teacher).postForm(
      '/school/graduates/bulk/unmark-signable',
      { ids: [String(zhangsan.id), String(lisi.id)] }
    )
    response.assertStatus(404)
    assert.isTrue(Boolean((await Graduate.findOrFail(zhangsan.id)).signable))
    ;(await onNjsf(client, teacher).visit('/school/staff')).assertStatus(403)
    ;(await onNjsf(client, teacher).visit('/school/modules')).assertStatus(403)
  })
})

test.group('Admin resources: forms validate beside the fields and write the audit log', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a wrong phone and ID number are named beside their fields (422), nothing saved', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, lisi } = await twoSchools()
    const response = await onNjsf(client, njsfStaff).postForm(`/school/graduates/${lisi.id}`, {
      name: '李四',
      phone: '12345',
      idNumber: '110105194912310021',
    })
    response.assertStatus(422)
    response.assertTextIncludes('手机号格式错误，应为 11 位且以 1 开头')
    response.assertTextIncludes('身份证号校验位错误（GB 11643）')
    assert.include(response.text(), 'data-error-for="phone"')
    assert.isNull((await Graduate.findOrFail(lisi.id)).phone)
  })

  test('an edit is saved and audited old → new with who did it', async ({ client, assert }) => {
    const { njsfStaff, lisi } = await twoSchools()
    const response = await onNjsf(client, njsfStaff).postForm(`/school/graduates/${lisi.id}`, {
      name: '李四',
      gender: '女',
      college: '经济管理学院',
      phone: '13900000002',
      idNumber: '320102200305052346',
    })
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
    const detail = await onNjsf(client, njsfStaff).visit(`/school/graduates/${lisi.id}`)
    detail.assertTextIncludes('操作记录')
    detail.assertTextIncludes('139****0002')
    assert.notInclude(detail.text(), '13900000002')
  })

  test('a new graduate belongs to the staff’s school; a duplicate 学号 is refused', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, njsf } = await twoSchools()
    const created = await onNjsf(client, njsfStaff).postForm('/school/graduates', {
      studentNumber: '2026000099',
      name: '新同学',
      idNumber: '11010519491231002X',
      graduationYear: '2026',
    })
    created.assertStatus(302)
    const g = await Graduate.findByOrFail('student_number', '2026000099')
    assert.equal(g.schoolId, njsf.id)
    const duplicate = await onNjsf(client, njsfStaff).postForm('/school/graduates', {
      studentNumber: '2026000099',
      name: '另一个',
    })
    duplicate.assertStatus(422)
    duplicate.assertTextIncludes('本校已有该学号的生源记录')
  })

  test('a school admin opens a college teacher account with a hashed password, who can then log in', async ({
    client,
    assert,
  }) => {
    const { njsfStaff, njsf } = await twoSchools()
    const response = await onNjsf(client, njsfStaff).postForm('/school/staff', {
      username: 'jg-teacher',
      name: '经管学院辅导员',
      college: '经济管理学院',
      password: 'Teacher@2026',
      isActive: 'on',
    })
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
    const login = await guest(client).postForm('/admin/login', {
      account: 'jg-teacher',
      password: 'Teacher@2026',
    })
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
      const { njsfStaff, szsfStaff, zhangsan } = await twoSchools()
      const detail = await onNjsf(client, njsfStaff).visit(`/school/graduates/${zhangsan.id}`)
      detail.assertTextIncludes('3201**********123X')
      assert.notInclude(detail.text(), '32010220030101123X')
      const reveal = await onNjsf(client, njsfStaff).postForm(
        `/school/graduates/${zhangsan.id}/actions/reveal-id`
      )
      reveal.assertFlashMessage(
        'success',
        '张三 的身份证号：32010220030101123X（本次查看已记入操作日志）'
      )
      const log = await db.from('audit_logs').where('action', 'graduate.reveal-id').first()
      assert.equal(log.actor_id, njsfStaff.id)
      assert.equal(log.subject_id, String(zhangsan.id))
      const foreign = await onSzsf(client, szsfStaff).postForm(
        `/school/graduates/${zhangsan.id}/actions/reveal-id`
      )
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
    const { njsfStaff, njsf } = await twoSchools()
    const response = await onNjsf(client, njsfStaff).visit(
      '/school/graduates/export.csv?f_college=计算机学院'
    )
    response.assertStatus(200)
    assert.include(response.header('content-type'), 'text/csv')
    const text = response.text()
    assert.include(text, '学号,姓名')
    assert.include(text, '2026000001,张三')
    assert.include(text, '2026000003,赵六')
    assert.notInclude(text, '李四')
    assert.notInclude(text, '王五')
    const all = await onNjsf(client, njsfStaff).visit('/school/graduates/export.csv')
    assert.include(all.text(), '李四')
    assert.notInclude(all.text(), '王五')
    const log = await db.from('audit_logs').where('action', 'graduate.export').first()
    assert.equal(log.actor_id, njsfStaff.id)
    assert.equal(log.school_id, njsf.id)
  })

  test('a college-scoped teacher exports only their college', async ({ client, assert }) => {
    const { njsf } = await twoSchools()
    const teacher = await collegeTeacher(njsf)
    const text = (await onNjsf(client, teacher).visit('/school/graduates/export.csv')).text()
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
    const { njsf, njsfStaff } = await twoSchools()
    const teacher = await collegeTeacher(njsf)
    const home = await onNjsf(client, teacher).visit('/school')
    home.assertStatus(200)
    home.assertTextIncludes('href="/school/graduates"')
    for (const href of ['/school/staff', '/school/modules', '/school/audit-logs'])
      assert.notInclude(home.text(), `href="${href}"`)
    const full = await onNjsf(client, njsfStaff).visit('/school')
    for (const href of ['/school/staff', '/school/modules', '/school/audit-logs'])
      assert.include(full.text(), `href="${href}"`)
  })
})
