import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { PASSWORD } from '#database/factories/core'

/** PRODUCT.md rule 2 (【学生登录】): 学号 + 密码, the school fixed on its subsite, chosen on the main site. */
test.group('Student login (【学生登录】)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  async function student() {
    const { school, site } = await world.school()
    const { user, graduate } = await world.student(school)
    return { school, site, user, graduate, host: `${site.code}.localhost` }
  }

  async function logIn(client: any, form: Record<string, unknown>, host?: string) {
    const request = client
      .post(await route('student.login'))
      .form(form)
      .withCsrfToken()
      .redirects(0)
    if (host) request.header('host', host)
    return request
  }

  test('on a subsite the school is fixed and the student logs in with 学号 and 密码', async ({
    client,
  }) => {
    const { graduate, host } = await student()
    const response = await logIn(
      client,
      { student_number: graduate.studentNumber, password: PASSWORD },
      host
    )
    response.assertStatus(302)
    response.assertHeader('location', await route('student.home'))
  })

  test('on the main site the student must choose the school', async ({ client }) => {
    const { graduate } = await student()
    const response = await logIn(client, {
      student_number: graduate.studentNumber,
      password: PASSWORD,
    })
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', { school_id: '请选择学校' })
  })

  test('a wrong password is refused with the attempts left', async ({ client }) => {
    const { school, graduate } = await student()
    const response = await logIn(client, {
      school_id: school.id,
      student_number: graduate.studentNumber,
      password: 'wrong-pass1',
    })
    response.assertFlashMessage('errorsBag', { password: '账号或密码错误，还可尝试 4 次' })
  })

  test('an inactive account is refused on the form (not the 403 page), the 学号 kept, never the password', async ({
    client,
    assert,
  }) => {
    const { school, user, graduate } = await student()
    user.isActive = false
    await user.save()
    const response = await logIn(client, {
      school_id: school.id,
      student_number: graduate.studentNumber,
      password: PASSWORD,
    })
    response.assertStatus(302)
    response.assertFlashMessage('error', '该账号已停用，请联系管理员')
    response.assertFlashMessage('student_number', graduate.studentNumber)
    assert.notProperty(response.flashMessages(), 'password')
  })

  test('a logged-in student sees the home page widgets', async ({ client }) => {
    const { user, host } = await student()
    const response = await client
      .get(await route('student.home'))
      .header('host', host)
      .loginAs(user)
    response.assertStatus(200)
    response.assertTextIncludes('站内消息')
    response.assertTextIncludes('我的日程')
    response.assertTextIncludes('招聘公告')
  })
})
