import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import smsSender from '#core/accounts/sms/sms_sender'
import User from '#core/accounts/models/user'
import { toDb } from '#core/database/time'
import { STEP_ONE_REFUSAL } from '#core/accounts/services/activation_service'

/**
 * PRODUCT.md rule 1: activation only against the registry; step 1 school + 学号 + 姓名 + agreement,
 * step 2 password (strength) + phone with an SMS code.
 */
test.group('Student activation (【账号注册】)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  /** 李四: in 南京示范大学's registry, no account yet, no phone on record; 张三 has activated. */
  async function registry() {
    const { school: njsf, site } = await world.school({ code: 'njsf', name: '南京示范大学' })
    const { school: szsf } = await world.school({ code: 'szsf', name: '苏州示范学院' })
    const lisi = await world.graduate(njsf, {
      studentNumber: '2026000002',
      name: '李四',
      phone: null,
    })
    await world.student(njsf, { studentNumber: '2026000001', name: '张三' })
    return { njsf, szsf, site, lisi }
  }

  async function stepOne(client: any, form: Record<string, unknown>, host?: string) {
    const request = client
      .post(await route('student.activate'))
      .form(form)
      .withCsrfToken()
      .redirects(0)
    if (host) request.header('host', host)
    return request
  }

  test('李四 activates on the main site: registry check, code, password, then login', async ({
    client,
    assert,
  }) => {
    const { njsf, lisi } = await registry()
    const first = await stepOne(client, {
      school_id: njsf.id,
      student_number: '2026000002',
      name: '李四',
      agreement: 'on',
    })
    first.assertStatus(302)
    first.assertHeader('location', '/activate/password')
    assert.equal(first.session().activation_graduate_id, lisi.id)

    const codeResponse = await client
      .post('/activate/code')
      .withSession({ activation_graduate_id: lisi.id })
      .form({ phone: '13900000002' })
      .withCsrfToken()
    codeResponse.assertStatus(200)
    codeResponse.assertTextIncludes('验证码已发送')
    const code = smsSender.lastCode('13900000002')
    assert.match(code!, /^\d{6}$/)

    const second = await client
      .post('/activate/password')
      .withSession({ activation_graduate_id: lisi.id })
      .form({
        password: 'Lisi@2026',
        password_confirmation: 'Lisi@2026',
        phone: '13900000002',
        code,
      })
      .withCsrfToken()
      .redirects(0)
    second.assertStatus(302)
    assert.include(second.header('location'), '/login')
    second.assertFlashMessage('success', '账号激活成功，请使用学号和密码登录')

    const user = await User.findByOrFail('graduate_id', lisi.id)
    assert.equal(user.kind, 'student')
    assert.equal(user.phone, '13900000002')
    assert.notEqual(user.password, 'Lisi@2026')

    const login = await client
      .post('/login')
      .form({ school_id: njsf.id, student_number: '2026000002', password: 'Lisi@2026' })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/student')
  })

  test('on a subsite the school is fixed and not asked', async ({ client }) => {
    await registry()
    const response = await stepOne(
      client,
      { student_number: '2026000002', name: '李四', agreement: 'on' },
      'njsf.localhost'
    )
    response.assertHeader('location', '/activate/password')
  })

  // Issue 9 item 10: unknown 学号, another school's 学号, a wrong 姓名 and an activated account get
  // one answer, so that step 1 does not tell which 学号 exist or who has not activated yet.
  test('refused with the one step-1 answer: {rule}')
    .with([
      {
        rule: 'the student number is not in the registry',
        school: 'njsf',
        number: '2099999999',
        name: '李四',
      },
      {
        rule: 'the registry record belongs to another school',
        school: 'szsf',
        number: '2026000002',
        name: '李四',
      },
      {
        rule: 'the name does not match the registry',
        school: 'njsf',
        number: '2026000002',
        name: '李思',
      },
      { rule: 'already activated', school: 'njsf', number: '2026000001', name: '张三' },
    ] as const)
    .run(async ({ client }, row) => {
      const schools = await registry()
      const response = await stepOne(client, {
        school_id: schools[row.school].id,
        student_number: row.number,
        name: row.name,
        agreement: 'on',
      })
      response.assertFlashMessage('errorsBag', { student_number: STEP_ONE_REFUSAL })
    })

  test('refused: the service agreement was not accepted', async ({ client }) => {
    const { njsf } = await registry()
    const response = await stepOne(client, {
      school_id: njsf.id,
      student_number: '2026000002',
      name: '李四',
    })
    response.assertStatus(302)
    response.assertFlashMessage('inputErrorsBag', { agreement: ['请阅读并同意服务协议'] })
  })

  test('refused: wrong code, and nothing typed is lost but the password', async ({
    client,
    assert,
  }) => {
    const { lisi } = await registry()
    await client
      .post('/activate/code')
      .withSession({ activation_graduate_id: lisi.id })
      .form({ phone: '13900000002' })
      .withCsrfToken()
    const code = smsSender.lastCode('13900000002')!
    const wrong = code === '000000' ? '111111' : '000000'
    const response = await client
      .post('/activate/password')
      .withSession({ activation_graduate_id: lisi.id })
      .form({
        password: 'Lisi@2026',
        password_confirmation: 'Lisi@2026',
        phone: '13900000002',
        code: wrong,
      })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { code: '验证码错误' })
    response.assertFlashMessage('phone', '13900000002')
    assert.isNull(await User.findBy('graduate_id', lisi.id))
  })

  test('refused: expired code', async ({ client, assert }) => {
    const { lisi } = await registry()
    await client
      .post('/activate/code')
      .withSession({ activation_graduate_id: lisi.id })
      .form({ phone: '13900000002' })
      .withCsrfToken()
    await db
      .from('verification_codes')
      .where('phone', '13900000002')
      .update({ expires_at: toDb(DateTime.now().minus({ minutes: 1 })) })
    const response = await client
      .post('/activate/password')
      .withSession({ activation_graduate_id: lisi.id })
      .form({
        password: 'Lisi@2026',
        password_confirmation: 'Lisi@2026',
        phone: '13900000002',
        code: smsSender.lastCode('13900000002'),
      })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { code: '验证码已过期，请重新获取' })
    assert.isNull(await User.findBy('graduate_id', lisi.id))
  })

  test('refused: weak password', async ({ client, assert }) => {
    const { lisi } = await registry()
    const response = await client
      .post('/activate/password')
      .withSession({ activation_graduate_id: lisi.id })
      .form({
        password: 'abcdefgh',
        password_confirmation: 'abcdefgh',
        phone: '13900000002',
        code: '123456',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('inputErrorsBag', {
      password: ['密码须为 8-32 位，且同时包含字母和数字'],
    })
    assert.isNull(await User.findBy('graduate_id', lisi.id))
  })

  test('refused: a second code for the same phone within a minute', async ({ client }) => {
    const { lisi } = await registry()
    const send = () =>
      client
        .post('/activate/code')
        .withSession({ activation_graduate_id: lisi.id })
        .form({ phone: '13900000009' })
        .withCsrfToken()
    ;(await send()).assertStatus(200)
    const again = await send()
    again.assertStatus(429)
    again.assertTextIncludes('验证码已发送，请')
  })

  test('获取验证码 answers the seconds until the next code, so the button counts down', async ({
    client,
    assert,
  }) => {
    const { lisi } = await registry()
    const send = () =>
      client
        .post('/activate/code')
        .header('hx-request', 'true')
        .withSession({ activation_graduate_id: lisi.id })
        .form({ phone: '13900000008' })
        .withCsrfToken()
    const first = await send()
    first.assertStatus(200)
    const firstWait = Number(first.header('retry-after'))
    assert.isAbove(firstWait, 50)
    assert.isAtMost(firstWait, 60)
    assert.include(first.text(), `data-resend-after="${firstWait}"`)
    const again = await send()
    again.assertStatus(429)
    const wait = Number(again.header('retry-after'))
    assert.isAbove(wait, 0)
    assert.isAtMost(wait, 60)
    // The refusal names the same seconds that the button counts down.
    assert.include(again.text(), `请 ${wait} 秒后再试`)
    assert.include(again.text(), `data-resend-after="${wait}"`)
    const page = await client
      .get('/activate/password')
      .withSession({ activation_graduate_id: lisi.id })
    assert.match(page.text(), /id="send-code" data-countdown/)
  })

  test('refused: a bad phone number gets a clear message', async ({ client }) => {
    const { lisi } = await registry()
    const response = await client
      .post('/activate/code')
      .withSession({ activation_graduate_id: lisi.id })
      .form({ phone: '2390000000' })
      .withCsrfToken()
    response.assertStatus(422)
    response.assertTextIncludes('请输入正确的 11 位手机号码')
  })

  test('step two without step one goes back to step one', async ({ client }) => {
    await registry()
    const response = await client.get('/activate/password').redirects(0)
    response.assertHeader('location', '/activate')
  })
})
