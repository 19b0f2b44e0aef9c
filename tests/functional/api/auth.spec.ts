import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { api, guest } from '#tests/helpers/requests'
import { PASSWORD } from '#database/factories/core'
import User from '#core/accounts/models/user'
import { tokenFor } from '#tests/functional/api/token'

/** 张三 (学号 2026000001) at 南京示范大学, its staff, and 苏州示范学院 beside it. */
async function twoSchools() {
  const { school: njsf } = await world.school({ code: 'njsf', name: '南京示范大学' })
  const { school: szsf } = await world.school({ code: 'szsf', name: '苏州示范学院' })
  const { user: zhang } = await world.student(njsf, { studentNumber: '2026000001', name: '张三' })
  const njsfStaff = await world.staff(njsf)
  return { njsf, szsf, zhang, njsfStaff }
}

const login = (password = PASSWORD) => ({ student_number: '2026000001', password })

test.group('API 学生登录: school + 学号 + 密码 → access token', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('on the school subsite 学号 + 密码 give a 30-day token with abilities', async ({
    client,
    assert,
  }) => {
    const { zhang } = await twoSchools()
    const response = await api(client, { site: 'njsf' }).post(route('api.auth.token'), login())
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.type, 'bearer')
    assert.match(data.token, /^sep_/)
    assert.sameMembers(data.abilities, ['student:read', 'student:write'])
    assert.match(data.expires_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
    const days = DateTime.fromISO(data.expires_at).diffNow('days').days
    assert.approximately(days, 30, 0.1)
    const me = await api(client, { site: 'njsf', token: `Bearer ${data.token}` }).get(
      route('api.me')
    )
    me.assertStatus(200)
    assert.equal(me.body().data.id, zhang.id)
  })

  test('on the main site the school is required, and the 学号 counts only in that school', async ({
    client,
    assert,
  }) => {
    const { njsf, szsf } = await twoSchools()
    const main = api(client, { host: 'localhost' })
    const none = await main.post(route('api.auth.token'), login())
    none.assertStatus(422)
    assert.equal(none.body().error.fields.school_id, '请选择学校')
    const wrongSchool = await main.post(route('api.auth.token'), {
      school_id: szsf.id,
      ...login(),
    })
    wrongSchool.assertStatus(401)
    assert.equal(wrongSchool.body().error.code, 'invalid_credentials')
    const ok = await main.post(route('api.auth.token'), { school_id: njsf.id, ...login() })
    ok.assertStatus(200)
  })

  test('a wrong password is refused in Chinese with the attempts left; the page limit applies', async ({
    client,
    assert,
  }) => {
    await twoSchools()
    const njsfApi = api(client, { site: 'njsf' })
    let last
    for (let i = 0; i < 4; i++) {
      last = await njsfApi.post(route('api.auth.token'), login('wrong-password'))
    }
    last!.assertStatus(401)
    assert.equal(last!.body().error.message, '账号或密码错误，还可尝试 1 次')
    assert.equal(last!.body().error.fields.password, '账号或密码错误，还可尝试 1 次')
    const fifth = await njsfApi.post(route('api.auth.token'), login('wrong-password'))
    fifth.assertStatus(429)
    // Now even the right password waits, as on the page.
    const blocked = await njsfApi.post(route('api.auth.token'), login())
    blocked.assertStatus(429)
    assert.equal(blocked.body().error.code, 'too_many_attempts')
    assert.include(blocked.body().error.message, '登录失败次数过多')
    // The page shares the counters: the login form is blocked too.
    const page = await guest(client, { site: 'njsf' }).postForm(route('student.login'), login())
    assert.equal(page.status(), 302)
    assert.notEqual(page.header('location'), route('student.home'))
  })

  test('an inactive account gets no token (该账号已停用)', async ({ client, assert }) => {
    const { zhang } = await twoSchools()
    await User.query().where('id', zhang.id).update({ is_active: false })
    const response = await api(client, { site: 'njsf' }).post(route('api.auth.token'), login())
    response.assertStatus(403)
    assert.equal(response.body().error.code, 'account_inactive')
    assert.equal(response.body().error.message, '该账号已停用，请联系管理员')
  })

  test('a token is refused once revoked, expired, deactivated, or on another school’s site', async ({
    client,
    assert,
  }) => {
    const { zhang } = await twoSchools()
    const token = await tokenFor(zhang)
    const other = await api(client, { site: 'szsf', token }).get(route('api.me'))
    other.assertStatus(403)
    assert.equal(other.body().error.code, 'wrong_school')
    const main = await api(client, { host: 'localhost', token }).get(route('api.me'))
    main.assertStatus(200)

    const revoke = await api(client, { site: 'njsf', token }).delete(route('api.auth.revoke'))
    revoke.assertStatus(200)
    assert.isTrue(revoke.body().data.revoked)
    const after = await api(client, { site: 'njsf', token }).get(route('api.me'))
    after.assertStatus(401)
    assert.equal(after.body().error.code, 'unauthenticated')
    assert.include(after.body().error.message, '请先登录')

    const expired = await tokenFor(zhang)
    await db
      .from('auth_access_tokens')
      .update({ expires_at: DateTime.now().minus({ minutes: 1 }).toJSDate() })
    const late = await api(client, { site: 'njsf', token: expired }).get(route('api.me'))
    late.assertStatus(401)

    const fresh = await tokenFor(zhang)
    await User.query().where('id', zhang.id).update({ is_active: false })
    const inactive = await api(client, { site: 'njsf', token: fresh }).get(route('api.me'))
    inactive.assertStatus(401)
    assert.equal(inactive.body().error.code, 'account_inactive')
  })

  test('a read-only token cannot write; no token at all is 401 JSON, never a login redirect', async ({
    client,
    assert,
  }) => {
    const { zhang } = await twoSchools()
    const readOnly = api(client, { site: 'njsf', token: await tokenFor(zhang, ['student:read']) })
    const read = await readOnly.get(route('api.me.messages'))
    read.assertStatus(200)
    const write = await readOnly.post(route('api.me.messages.read', [1]))
    write.assertStatus(403)
    assert.equal(write.body().error.code, 'missing_ability')
    const anonymous = await api(client, { site: 'njsf' }).get(route('api.me')).redirects(0)
    anonymous.assertStatus(401)
    assert.equal(anonymous.body().error.code, 'unauthenticated')
  })

  test('a staff or employer token is refused on student endpoints', async ({ client, assert }) => {
    const { njsfStaff } = await twoSchools()
    const staff = await tokenFor(njsfStaff)
    const response = await api(client, { site: 'njsf', token: staff }).get(route('api.me'))
    response.assertStatus(403)
    assert.equal(response.body().error.message, '当前账号无权使用学生接口')
  })
})
