import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import smsSender from '#core/accounts/sms/sms_sender'
import User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import { STEP_ONE_REFUSAL } from '#core/accounts/services/activation_service'
import { PASSWORD_MESSAGES, passwordProblem } from '#core/accounts/validation/password'
import { clearStorage, registration, uploads } from '#tests/functional/employer/helpers'

/** Issue 9 item 10 (accounts) and the activation / SMS / registration part of item 1. */
/** Step 1 of 账号注册: the school, 学号 and 姓名 (agreement ticked). */
const stepOne = (
  client: any,
  graduate: { schoolId: number; studentNumber: string; name: string }
) =>
  client
    .post('/activate')
    .form({
      school_id: graduate.schoolId,
      student_number: graduate.studentNumber,
      name: graduate.name,
      agreement: 'on',
    })
    .withCsrfToken()
    .redirects(0)

const stepTwo = (client: any, graduateId: number, form: Record<string, string>) =>
  client
    .post('/activate/password')
    .withSession({ activation_graduate_id: graduateId })
    .form(form)
    .withCsrfToken()
    .redirects(0)

const sendCode = (client: any, graduateId: number, form: Record<string, string> = {}) =>
  client
    .post('/activate/code')
    .withSession({ activation_graduate_id: graduateId })
    .form(form)
    .withCsrfToken()

/** 李四: a registry record of a school, not activated, without a phone in the registry. */
async function unactivated() {
  const { school } = await world.school()
  const lisi = await world.graduate(school, { name: '李四', phone: null })
  return { school, lisi }
}

test.group('密码不能是常见密码，也不能包含本人的标识', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('password1、aaaaaaa1、Password@2026 等常见密码被拒绝；正常密码通过', async ({ assert }) => {
    for (const weak of [
      'password1',
      'aaaaaaa1',
      'Password@2026',
      '1qaz2wsx',
      'woaini1314',
      'Qwerty123',
    ])
      assert.equal(passwordProblem(weak, []), 'commonPassword', weak)
    for (const fine of ['Lisi@2026', 'Hello2026x', 'tiger-Lake-93'])
      assert.isNull(
        passwordProblem(fine, ['2026000002', 'lisi.2026@example.com', '13900000002']),
        fine
      )
  })

  test('激活时设置 password1 被拒绝，提示在密码栏旁', async ({ client, assert }) => {
    const { lisi } = await unactivated()
    for (const password of ['password1', 'aaaaaaa1']) {
      const response = await stepTwo(client, lisi.id, {
        password,
        password_confirmation: password,
        phone: '13900000002',
        code: '123456',
      })
      response.assertFlashMessage('inputErrorsBag', {
        password: [PASSWORD_MESSAGES.commonPassword],
      })
    }
    assert.isNull(await User.findBy('graduate_id', lisi.id))
  })

  test('激活时密码包含学号或手机号被拒绝', async ({ client }) => {
    const { lisi } = await unactivated()
    for (const password of [`Ab${lisi.studentNumber}`, 'x13900000002']) {
      const response = await stepTwo(client, lisi.id, {
        password,
        password_confirmation: password,
        phone: '13900000002',
        code: '123456',
      })
      response.assertFlashMessage('inputErrorsBag', {
        password: [PASSWORD_MESSAGES.personalPassword],
      })
    }
  })

  test('单位注册：常见密码和包含登录邮箱的密码被拒绝', async ({ client, assert }) => {
    await world.mainSite()
    clearStorage()
    for (const [password, message] of [
      ['password1', PASSWORD_MESSAGES.commonPassword],
      ['xince2026hr', PASSWORD_MESSAGES.personalPassword],
    ]) {
      const response = await client
        .post('/employer/register')
        .fields(
          registration({
            email: 'xince2026@example.com',
            password,
            password_confirmation: password,
          })
        )
        .file('licence', uploads.pdf, { filename: 'licence.pdf' })
        .withCsrfToken()
        .redirects(0)
      response.assertFlashMessage('errorsBag', { password: message })
    }
    assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
    clearStorage()
  })

  test('教师账号：常见密码和包含登录账号的密码被拒绝', async ({ client, assert }) => {
    const { school } = await world.school({ code: 'njsf' })
    const njsfStaff = await world.staff(school)
    for (const [password, message] of [
      ['abc12345', PASSWORD_MESSAGES.commonPassword],
      ['jgteacher2026', PASSWORD_MESSAGES.personalPassword],
    ]) {
      const response = await as(client, njsfStaff, { site: 'njsf' }).postForm('/school/staff', {
        username: 'jgteacher',
        name: '经管老师',
        password,
        isActive: 'on',
      })
      // Admin forms re-render inline with the error beside the field.
      assert.equal(response.status(), 422, password)
      assert.include(response.text(), message, password)
    }
    assert.isNull(await User.findBy('username', 'jgteacher'))
  })
})

test.group('账号注册第一步：一种回答', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('未知学号、姓名不符、已激活得到完全相同的回答', async ({ client, assert }) => {
    const { school, lisi } = await unactivated()
    const { graduate: zhang } = await world.student(school, { name: '张三' })
    const answers = []
    for (const [number, name] of [
      ['2099999999', '李四'],
      [lisi.studentNumber, '李思'],
      [zhang.studentNumber, '张三'],
    ]) {
      const response = await stepOne(client, { schoolId: school.id, studentNumber: number, name })
      answers.push({
        status: response.status(),
        location: response.header('location'),
        errors: response.flashMessages().errorsBag,
      })
    }
    assert.deepEqual(answers[0].errors, { student_number: STEP_ONE_REFUSAL })
    assert.deepEqual(answers[1], answers[0])
    assert.deepEqual(answers[2], answers[0])
  })

  test('一个地址尝试 21 个不同学号：第 20 次错误后被限制（伪造 X-Forwarded-For 无效）', async ({
    client,
    assert,
  }) => {
    const { school } = await world.school()
    const errors: string[] = []
    for (let i = 0; i < 21; i++) {
      const response = await client
        .post('/activate')
        .header('x-forwarded-for', `198.51.100.${i + 1}`)
        .form({
          school_id: school.id,
          student_number: `20990000${10 + i}`,
          name: '某某',
          agreement: 'on',
        })
        .withCsrfToken()
        .redirects(0)
      errors.push((response.flashMessages().errorsBag as any)?.student_number ?? '')
    }
    assert.isTrue(errors.slice(0, 20).every((e) => e === STEP_ONE_REFUSAL))
    assert.match(errors[20], /尝试次数过多，请 \d+ 分钟后再试/)
  })
})

test.group('生源库登记了手机号时，验证码只发到该手机', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  /** 赵六, not activated; the registry holds his mobile. */
  async function registryStudent() {
    const { school } = await world.school()
    return world.graduate(school, { name: '赵六', phone: '13812340000' })
  }

  test('第二步显示打码的生源手机号，没有手机号输入框，也不出现完整号码', async ({
    client,
    assert,
  }) => {
    const zhao = await registryStudent()
    const first = await stepOne(client, zhao)
    first.assertHeader('location', '/activate/password')
    const page = await client
      .get('/activate/password')
      .withSession({ activation_graduate_id: zhao.id })
    page.assertStatus(200)
    page.assertTextIncludes('138****0000')
    assert.notInclude(page.text(), '13812340000')
    assert.notInclude(page.text(), 'name="phone"')
  })

  test('冒领者填写自己的手机号：验证码仍发到生源手机，账号绑定生源手机', async ({
    client,
    assert,
  }) => {
    const zhao = await registryStudent()
    const sent = await sendCode(client, zhao.id, { phone: '13999999999' })
    sent.assertStatus(200)
    sent.assertTextIncludes('138****0000')
    assert.notInclude(sent.text(), '13812340000')
    assert.isUndefined(smsSender.lastCode('13999999999') ?? undefined)
    const code = smsSender.lastCode('13812340000')!
    assert.match(code, /^\d{6}$/)

    // A code the claimant could have got on their own phone does not exist; the typed phone is ignored.
    const activated = await stepTwo(client, zhao.id, {
      password: 'Zhao#liu2026',
      password_confirmation: 'Zhao#liu2026',
      phone: '13999999999',
      code,
    })
    activated.assertStatus(302)
    assert.include(activated.header('location'), '/login')
    const user = await User.findByOrFail('graduate_id', zhao.id)
    assert.equal(user.phone, '13812340000')
  })

  test('生源库没有手机号时学生自己填写（李四）；同一账号换手机号也不能一分钟内再次获取', async ({
    client,
  }) => {
    const { lisi } = await unactivated()
    ;(await sendCode(client, lisi.id, { phone: '13900000002' })).assertStatus(200)
    const again = await sendCode(client, lisi.id, { phone: '13900000003' })
    again.assertStatus(429)
    again.assertTextIncludes('验证码已发送，请')
  })

  test('伪造 X-Forwarded-For 不能绕过每个地址每小时 10 条验证码', async ({ client, assert }) => {
    const { school } = await world.school()
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const graduate = await world.graduate(school, { phone: null })
      const response = await client
        .post('/activate/code')
        .header('x-forwarded-for', `198.51.100.${i + 1}`)
        .withSession({ activation_graduate_id: graduate.id })
        .form({ phone: `1370000${String(1000 + i)}` })
        .withCsrfToken()
      statuses.push(response.status())
      if (i === 10) response.assertTextIncludes('获取验证码过于频繁，请 60 分钟后再试')
    }
    assert.deepEqual(statuses, [...Array(10).fill(200), 429])
  })
})

test.group('单位注册限流：按信用代码、按地址', (group) => {
  group.each.setup(async () => {
    clearStorage()
    return testUtils.db().truncate()
  })
  group.teardown(() => clearStorage())

  test('同一信用代码反复提交（每次伪造新地址）：第 6 次被限制', async ({ client, assert }) => {
    const { employer } = await world.employer()
    const errors: string[] = []
    for (let i = 0; i < 6; i++) {
      const response = await client
        .post('/employer/register')
        .header('x-forwarded-for', `198.51.100.${i + 1}`)
        // A registered employer's code is taken: each attempt is refused, and each counts.
        .fields(registration({ uscc: employer.uscc, email: `probe${i}@example.com` }))
        .file('licence', uploads.pdf, { filename: 'licence.pdf' })
        .withCsrfToken()
        .redirects(0)
      const bag: Record<string, string> = (response.flashMessages().errorsBag as any) ?? {}
      errors.push(bag.company_name ?? bag.uscc ?? '')
    }
    assert.isTrue(
      errors.slice(0, 3).every((e) => e.includes('已注册')),
      errors.join()
    )
    assert.match(errors[5], /注册过于频繁，请 \d+ 分钟后再试/)
  })
})
