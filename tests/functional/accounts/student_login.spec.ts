import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'

test.group('Student login (【学生登录】)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('on a subsite the school is fixed and 张三 logs in with 学号 and 密码', async ({
    client,
  }) => {
    await seedCore()
    const response = await client
      .post('/login')
      .header('host', 'njsf.localhost')
      .form({ student_number: '2026000001', password: 'Student@2026' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/student')
  })

  test('on the main site the student must choose the school', async ({ client }) => {
    await seedCore()
    const response = await client
      .post('/login')
      .form({ student_number: '2026000001', password: 'Student@2026' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', { school_id: '请选择学校' })
  })

  test('a wrong password is refused with the attempts left', async ({ client }) => {
    const { njsf } = await seedCore()
    const response = await client
      .post('/login')
      .form({ school_id: njsf.id, student_number: '2026000001', password: 'wrong-pass1' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { password: '账号或密码错误，还可尝试 4 次' })
  })

  test('a logged-in student sees the home page widgets', async ({ client }) => {
    const { studentZhang } = await seedCore()
    const response = await client
      .get('/student')
      .header('host', 'njsf.localhost')
      .loginAs(studentZhang)
    response.assertStatus(200)
    response.assertTextIncludes('站内消息')
    response.assertTextIncludes('我的日程')
    response.assertTextIncludes('招聘公告')
  })
})
