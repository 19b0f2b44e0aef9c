import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { PASSWORD } from '#database/factories/core'
import messages from '#core/messages/services/message_service'
import Message from '#core/messages/models/message'

/** Two schools with subsites, a student and a staff account in each, a verified employer, the province. */
async function twoSchools() {
  const main = await world.mainSite()
  const { school: njsf, site: njsfSite } = await world.school({
    code: 'njsf',
    name: '南京示范大学',
  })
  const { school: szsf, site: szsfSite } = await world.school({
    code: 'szsf',
    name: '苏州示范学院',
  })
  const zhang = await world.student(njsf, { studentNumber: '2026000001', name: '张三' })
  const wang = await world.student(szsf, { studentNumber: '2026100001', name: '王五' })
  const njsfStaff = await world.staff(njsf, { username: 'njsf-admin' })
  await world.staff(szsf, { username: 'szsf-admin' })
  const admin = await world.provinceAdmin()
  const { employer, user: employerUser } = await world.employer()
  await world.announcement(main)
  return {
    main,
    njsf,
    szsf,
    njsfSite,
    szsfSite,
    studentZhang: zhang.user,
    studentWang: wang.user,
    njsfStaff,
    admin,
    company: employer,
    employerUser,
  }
}

test.group('Tenancy: main site and subsites', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the bare domain is the main site and <code>.localhost a school subsite', async ({
    client,
  }) => {
    await twoSchools()
    const main = await client.get('/').header('host', 'localhost:3333')
    main.assertStatus(200)
    main.assertTextIncludes('江苏省高校毕业生就业服务平台')
    const sub = await client.get('/').header('host', 'njsf.localhost:3333')
    sub.assertStatus(200)
    sub.assertTextIncludes('南京示范大学')
  })

  test('a custom domain reaches its subsite', async ({ client }) => {
    const { szsfSite } = await twoSchools()
    szsfSite.customHost = 'jy.szsf.edu.cn'
    await szsfSite.save()
    const response = await client.get('/login').header('host', 'jy.szsf.edu.cn')
    response.assertStatus(200)
    response.assertTextIncludes('苏州示范学院')
  })

  test('an unknown host gets a clear 404 page', async ({ client }) => {
    await twoSchools()
    const response = await client.get('/').header('host', 'nowhere.localhost')
    response.assertStatus(404)
    response.assertTextIncludes('站点不存在')
  })

  test('main-site login asks for the school; a subsite fixes it', async ({ client, assert }) => {
    await twoSchools()
    const main = await client.get('/login')
    main.assertTextIncludes('【选择学校】')
    main.assertTextIncludes('苏州示范学院')
    const sub = await client.get('/login').header('host', 'njsf.localhost')
    sub.assertTextIncludes('南京示范大学')
    assert.notInclude(sub.text(), '【选择学校】')
  })
})

test.group('Policies: refusals', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a student on another school’s subsite is refused', async ({ client }) => {
    const { studentZhang } = await twoSchools()
    const response = await client
      .get('/student')
      .header('host', 'szsf.localhost')
      .loginAs(studentZhang)
    response.assertStatus(403)
    response.assertTextIncludes('您的账号不属于本校')
  })

  test('a student uses the student centre on the main site too', async ({ client }) => {
    const { studentZhang } = await twoSchools()
    const response = await client.get('/student').loginAs(studentZhang)
    response.assertStatus(200)
  })

  test('a student cannot open or mark another student’s message', async ({ client, assert }) => {
    const { studentZhang, studentWang } = await twoSchools()
    await messages.send({ userId: studentWang.id, title: '王五的面试邀请' })
    const message = await Message.findByOrFail('user_id', studentWang.id)
    const response = await client
      .post(`/student/messages/${message.id}/read`)
      .loginAs(studentZhang)
      .withCsrfToken()
    response.assertStatus(404)
    await message.refresh()
    assert.isNull(message.readAt)
    const list = await client.get('/student/messages').loginAs(studentZhang)
    assert.notInclude(list.text(), '王五的面试邀请')
  })

  test('other actors cannot open the student centre', async ({ client }) => {
    const { njsfStaff, employerUser } = await twoSchools()
    ;(await client.get('/student').loginAs(njsfStaff)).assertStatus(403)
    ;(await client.get('/student').loginAs(employerUser)).assertStatus(403)
  })

  test('staff of one school cannot log in to another school’s admin', async ({ client }) => {
    await twoSchools()
    const response = await client
      .post('/admin/login')
      .header('host', 'szsf.localhost')
      .form({ account: 'njsf-admin', password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', {
      account: '该账号不能登录本校管理后台，请在所属站点登录',
    })
  })

  test('staff of one school are refused on another school’s subsite', async ({ client }) => {
    const { njsfStaff } = await twoSchools()
    const response = await client.get('/school').header('host', 'szsf.localhost').loginAs(njsfStaff)
    response.assertStatus(403)
  })

  test('a visitor is sent to log in and comes back to the same page', async ({ client }) => {
    const { njsf } = await twoSchools()
    const visit = await client.get('/student/messages').redirects(0)
    visit.assertHeader('location', '/login?redirect=%2Fstudent%2Fmessages')
    const login = await client
      .post('/login')
      .form({
        school_id: njsf.id,
        student_number: '2026000001',
        password: PASSWORD,
        redirect: '/student/messages',
      })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/student/messages')
  })

  test('login never redirects to another host', async ({ client }) => {
    const { njsf } = await twoSchools()
    const login = await client
      .post('/login')
      .form({
        school_id: njsf.id,
        student_number: '2026000001',
        password: PASSWORD,
        redirect: '//evil.example/x',
      })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/student')
  })
})

test.group('Login of employers, staff and province admins', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('employer logs in with e-mail or unified social credit code', async ({ client }) => {
    const { company } = await twoSchools()
    const byEmail = await client
      .post('/employer/login')
      .form({ account: company.contactEmail, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    byEmail.assertHeader('location', '/employer')
    const byCode = await client
      .post('/employer/login')
      .form({ account: company.uscc, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    byCode.assertHeader('location', '/employer')
  })

  test('school staff and province admin log in on 管理登录', async ({ client }) => {
    const { admin: province } = await twoSchools()
    const staff = await client
      .post('/admin/login')
      .header('host', 'njsf.localhost')
      .form({ account: 'njsf-admin', password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    staff.assertHeader('location', '/school')
    const admin = await client
      .post('/admin/login')
      .form({ account: province.username, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    admin.assertHeader('location', '/province')
  })

  test('wrong passwords are rate-limited with a clear message', async ({ client }) => {
    const { admin } = await twoSchools()
    const attempt = () =>
      client
        .post('/admin/login')
        .form({ account: admin.username, password: 'wrong-password-1' })
        .withCsrfToken()
        .redirects(0)
    for (let i = 0; i < 5; i++) await attempt()
    const blocked = await attempt()
    blocked.assertFlashMessage('errorsBag', { password: '登录失败次数过多，请 15 分钟后再试' })
    const right = await client
      .post('/admin/login')
      .form({ account: admin.username, password: PASSWORD })
      .withCsrfToken()
      .redirects(0)
    right.assertFlashMessage('errorsBag', { password: '登录失败次数过多，请 15 分钟后再试' })
  })
})

test.group('Core pages render completely', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('no Edge tag or missing translation is left on the public and student pages', async ({
    client,
    assert,
  }) => {
    const { studentZhang, njsfStaff, admin, employerUser } = await twoSchools()
    for (const [path, user] of [
      ['/school', njsfStaff],
      ['/province', admin],
      ['/employer', employerUser],
    ] as const) {
      const response = await client.get(path).loginAs(user)
      response.assertStatus(200)
      assert.notMatch(response.text(), /@!?[a-zA-Z_.]+\(|@end\b|translation missing/, path)
    }
    const pages = ['/', '/login', '/activate', '/employer/login', '/admin/login', '/announcements']
    for (const path of pages) {
      const response = await client.get(path).header('host', 'njsf.localhost')
      response.assertStatus(200)
      assert.notMatch(response.text(), /@!?[a-zA-Z_.]+\(|@end\b|translation missing/, path)
    }
    for (const path of ['/student', '/student/messages', '/student/schedule']) {
      const response = await client.get(path).loginAs(studentZhang)
      response.assertStatus(200)
      assert.notMatch(response.text(), /@!?[a-zA-Z_.]+\(|@end\b|translation missing/, path)
    }
  })
})
