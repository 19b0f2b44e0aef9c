import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import User from '#core/accounts/models/user'
import { tokenFor } from '#tests/functional/api/token'

const NJSF = 'njsf.localhost'
const SZSF = 'szsf.localhost'
const MAIN = 'localhost'

test.group('API 学生登录: school + 学号 + 密码 → access token', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('on the school subsite 学号 + 密码 give a 30-day token with abilities', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const response = await client
      .post('/api/v1/auth/token')
      .header('host', NJSF)
      .json({ student_number: '2026000001', password: 'Student@2026' })
    response.assertStatus(200)
    const data = response.body().data
    assert.equal(data.type, 'bearer')
    assert.match(data.token, /^sep_/)
    assert.sameMembers(data.abilities, ['student:read', 'student:write'])
    assert.match(data.expires_at, /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/)
    const days = DateTime.fromISO(data.expires_at).diffNow('days').days
    assert.approximately(days, 30, 0.1)
    const me = await client
      .get('/api/v1/me')
      .header('host', NJSF)
      .header('authorization', `Bearer ${data.token}`)
    me.assertStatus(200)
    assert.equal(me.body().data.id, world.studentZhang.id)
  })

  test('on the main site the school is required, and the 学号 counts only in that school', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const none = await client
      .post('/api/v1/auth/token')
      .header('host', MAIN)
      .json({ student_number: '2026000001', password: 'Student@2026' })
    none.assertStatus(422)
    assert.equal(none.body().error.fields.school_id, '请选择学校')
    const wrongSchool = await client
      .post('/api/v1/auth/token')
      .header('host', MAIN)
      .json({ school_id: world.szsf.id, student_number: '2026000001', password: 'Student@2026' })
    wrongSchool.assertStatus(401)
    assert.equal(wrongSchool.body().error.code, 'invalid_credentials')
    const ok = await client
      .post('/api/v1/auth/token')
      .header('host', MAIN)
      .json({ school_id: world.njsf.id, student_number: '2026000001', password: 'Student@2026' })
    ok.assertStatus(200)
  })

  test('a wrong password is refused in Chinese with the attempts left; the page limit applies', async ({
    client,
    assert,
  }) => {
    await seedCore()
    let last
    for (let i = 0; i < 4; i++) {
      last = await client
        .post('/api/v1/auth/token')
        .header('host', NJSF)
        .json({ student_number: '2026000001', password: 'wrong-password' })
    }
    last!.assertStatus(401)
    assert.equal(last!.body().error.message, '账号或密码错误，还可尝试 1 次')
    assert.equal(last!.body().error.fields.password, '账号或密码错误，还可尝试 1 次')
    const fifth = await client
      .post('/api/v1/auth/token')
      .header('host', NJSF)
      .json({ student_number: '2026000001', password: 'wrong-password' })
    fifth.assertStatus(429)
    // Now even the right password waits, as on the page.
    const blocked = await client
      .post('/api/v1/auth/token')
      .header('host', NJSF)
      .json({ student_number: '2026000001', password: 'Student@2026' })
    blocked.assertStatus(429)
    assert.equal(blocked.body().error.code, 'too_many_attempts')
    assert.include(blocked.body().error.message, '登录失败次数过多')
    // The page shares the counters: the login form is blocked too.
    const page = await client
      .post('/login')
      .header('host', NJSF)
      .form({ student_number: '2026000001', password: 'Student@2026' })
      .withCsrfToken()
      .redirects(0)
    assert.equal(page.status(), 302)
    assert.notEqual(page.header('location'), '/student')
  })

  test('an inactive account gets no token (该账号已停用)', async ({ client, assert }) => {
    const world = await seedCore()
    await User.query().where('id', world.studentZhang.id).update({ is_active: false })
    const response = await client
      .post('/api/v1/auth/token')
      .header('host', NJSF)
      .json({ student_number: '2026000001', password: 'Student@2026' })
    response.assertStatus(403)
    assert.equal(response.body().error.code, 'account_inactive')
    assert.equal(response.body().error.message, '该账号已停用，请联系管理员')
  })

  test('a token is refused once revoked, expired, deactivated, or on another school’s site', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const token = await tokenFor(world.studentZhang)
    const other = await client.get('/api/v1/me').header('host', SZSF).header('authorization', token)
    other.assertStatus(403)
    assert.equal(other.body().error.code, 'wrong_school')
    const main = await client.get('/api/v1/me').header('host', MAIN).header('authorization', token)
    main.assertStatus(200)

    const revoke = await client
      .delete('/api/v1/auth/token')
      .header('host', NJSF)
      .header('authorization', token)
    revoke.assertStatus(200)
    assert.isTrue(revoke.body().data.revoked)
    const after = await client.get('/api/v1/me').header('host', NJSF).header('authorization', token)
    after.assertStatus(401)
    assert.equal(after.body().error.code, 'unauthenticated')
    assert.include(after.body().error.message, '请先登录')

    const expired = await tokenFor(world.studentZhang)
    await db
      .from('auth_access_tokens')
      .update({ expires_at: DateTime.now().minus({ minutes: 1 }).toJSDate() })
    const late = await client
      .get('/api/v1/me')
      .header('host', NJSF)
      .header('authorization', expired)
    late.assertStatus(401)

    const fresh = await tokenFor(world.studentZhang)
    await User.query().where('id', world.studentZhang.id).update({ is_active: false })
    const inactive = await client
      .get('/api/v1/me')
      .header('host', NJSF)
      .header('authorization', fresh)
    inactive.assertStatus(401)
    assert.equal(inactive.body().error.code, 'account_inactive')
  })

  test('a read-only token cannot write; no token at all is 401 JSON, never a login redirect', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const readOnly = await tokenFor(world.studentZhang, ['student:read'])
    const read = await client
      .get('/api/v1/me/messages')
      .header('host', NJSF)
      .header('authorization', readOnly)
    read.assertStatus(200)
    const write = await client
      .post('/api/v1/me/messages/1/read')
      .header('host', NJSF)
      .header('authorization', readOnly)
    write.assertStatus(403)
    assert.equal(write.body().error.code, 'missing_ability')
    const anonymous = await client.get('/api/v1/me').header('host', NJSF).redirects(0)
    anonymous.assertStatus(401)
    assert.equal(anonymous.body().error.code, 'unauthenticated')
  })

  test('a staff or employer token is refused on student endpoints', async ({ client, assert }) => {
    const world = await seedCore()
    const staff = await tokenFor(world.njsfStaff)
    const response = await client
      .get('/api/v1/me')
      .header('host', NJSF)
      .header('authorization', staff)
    response.assertStatus(403)
    assert.equal(response.body().error.message, '当前账号无权使用学生接口')
  })
})
