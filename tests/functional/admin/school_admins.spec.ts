import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { as, guest } from '#tests/helpers/requests'
import School from '#core/tenancy/models/school'
import User from '#core/accounts/models/user'

test.group('Province: a new school gets its first staff account (学校管理员账号)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the province opens a new school and its first admin, who then logs in on the subsite', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    await as(client, admin).postForm('/province/schools', { code: 'xnew', name: '新开示范大学' })
    const school = await School.findByOrFail('code', 'xnew')

    const form = await as(client, admin).visit('/province/school-admins/new')
    form.assertStatus(200)
    form.assertTextIncludes('新开示范大学')

    const created = await as(client, admin).postForm('/province/school-admins', {
      schoolId: String(school.id),
      username: 'xnew-admin',
      name: '就业指导中心',
      password: 'School@2026x',
      isActive: '1',
    })
    created.assertStatus(302)
    const staff = await User.findByOrFail('login_key', User.loginKeyFor('staff', 'xnew-admin'))
    assert.equal(staff.schoolId, school.id)
    assert.isNull(staff.college)
    const log = await db
      .from('audit_logs')
      .where('subject_type', 'staff_user')
      .where('subject_id', String(staff.id))
      .first()
    assert.equal(log.actor_id, admin.id)
    assert.notInclude(JSON.stringify(log), 'School@2026x')

    const login = await guest(client, { site: 'xnew' }).postForm('/admin/login', {
      account: 'xnew-admin',
      password: 'School@2026x',
    })
    login.assertStatus(302)
    login.assertHeader('location', '/school')
  })

  test('refused: no school chosen, a taken login name', async ({ client, assert }) => {
    const admin = await world.provinceAdmin()
    const { school } = await world.school({ code: 'njsf', name: '南京示范大学' })
    await world.staff(school, { username: 'njsf-admin' })
    const response = await as(client, admin).postForm('/province/school-admins', {
      username: 'njsf-admin',
      name: 'x',
      password: 'School@2026x',
    })
    response.assertStatus(422)
    response.assertTextIncludes('请选择学校')
    response.assertTextIncludes('该登录账号已被使用')
    assert.equal(
      await db
        .from('users')
        .where('username', 'njsf-admin')
        .count('* as n')
        .first()
        .then((r) => Number(r.n)),
      1
    )
  })

  test('a school staff account cannot open the province page', async ({ client, assert }) => {
    const { school } = await world.school({ code: 'njsf' })
    const staff = await world.staff(school)
    const response = await as(client, staff, { site: 'njsf' })
      .visit('/province/school-admins')
      .redirects(0)
    assert.include([403, 404], response.status())
  })
})
