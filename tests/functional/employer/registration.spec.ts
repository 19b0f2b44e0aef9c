import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { seedCore } from '#database/demo/core'
import Employer from '#core/accounts/models/employer'
import User from '#core/accounts/models/user'
import StoredFile from '#core/files/models/stored_file'
import files from '#core/files/file_service'
import { registrationLimiter } from '#core/employer/controllers/registration_controller'
import { clearStorage, registration, uploads } from '#tests/functional/employer/helpers'

function storedFileCount() {
  const walk = (dir: string): number =>
    existsSync(dir)
      ? readdirSync(dir, { withFileTypes: true }).reduce(
          (n, e) => n + (e.isDirectory() ? walk(join(dir, e.name)) : 1),
          0
        )
      : 0
  return walk(files.root())
}

test.group('单位注册 (/employer/register)', (group) => {
  group.each.setup(async () => {
    clearStorage()
    const truncate = await testUtils.db().truncate()
    await seedCore()
    return truncate
  })
  group.teardown(() => clearStorage())

  test('a valid registration creates a pending employer, its login and a private licence, and shows 审核中', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration())
      .file('licence', uploads.pdf, { filename: '营业执照.pdf', contentType: 'application/pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/employer')

    const employer = await Employer.findByOrFail('uscc', '91350100M000100Y43')
    assert.equal(employer.status, 'pending')
    assert.equal(employer.name, '江苏新测科技有限公司')
    const user = await User.findByOrFail('employerId', employer.id)
    assert.equal(user.kind, 'employer')
    assert.equal(user.username, 'hr@xince.example')
    assert.notEqual(user.password, 'Hello2026x')
    const licence = await StoredFile.findOrFail(employer.licenceFileId!)
    assert.equal(licence.mime, 'application/pdf')
    assert.equal(licence.ownerId, user.id)
    assert.equal(licence.originalName, '营业执照.pdf')
    assert.isTrue(existsSync(files.absolutePath(licence)))
    assert.notInclude(files.absolutePath(licence), '/public/')

    // The province is told there is something to review.
    const world = await User.findByOrFail('kind', 'admin')
    assert.isOk(
      await db
        .from('messages')
        .where('user_id', world.id)
        .where('title', '新单位注册待审核')
        .first()
    )

    const home = await client.get('/employer').loginAs(user)
    home.assertStatus(200)
    home.assertTextIncludes('审核中')
    home.assertTextIncludes('91350100M000100Y43')
  })

  test('the new account logs in with its e-mail and lands on the 审核中 page', async ({
    client,
  }) => {
    await client
      .post('/employer/register')
      .fields(registration())
      .file('licence', uploads.png, { filename: 'licence.png', contentType: 'image/png' })
      .withCsrfToken()
      .redirects(0)
    const login = await client
      .post('/employer/login')
      .form({ account: 'hr@xince.example', password: 'Hello2026x' })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/employer')
  })

  test('a bad credit code is refused beside the field, other inputs come back, nothing is created', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration({ uscc: '91350100M000100Y44' }))
      .file('licence', uploads.pdf, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', {
      uscc: '统一社会信用代码校验位不正确，请核对后重新输入',
    })
    response.assertFlashMessage('company_name', '江苏新测科技有限公司')
    response.assertFlashMessage('email', 'hr@xince.example')
    response.assertFlashMessage('mobile', '13912345678')
    assert.notProperty(response.flashMessages(), 'password')
    assert.lengthOf(await Employer.query().where('uscc', '91350100M000100Y44'), 0)
    assert.equal(storedFileCount(), 0)
  })

  test('a bad mobile number is refused with its Chinese message', async ({ client }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration({ mobile: '2391234567' }))
      .file('licence', uploads.pdf, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { mobile: '请输入正确的 11 位手机号码' })
    response.assertFlashMessage('uscc', '91350100M000100Y43')
  })

  test('a weak password is refused with the student password rule', async ({ client, assert }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration({ password: 'abcdefgh', password_confirmation: 'abcdefgh' }))
      .file('licence', uploads.pdf, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { password: '密码须为 8-32 位，且同时包含字母和数字' })
    assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
  })

  test('a file named .pdf whose content is not a PDF/JPG/PNG is refused by its content', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration())
      .file('licence', uploads.textPretendingToBePdf, {
        filename: 'licence.pdf',
        contentType: 'application/pdf',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', {
      licence: '营业执照只能是 PDF、JPG、PNG 文件（按文件内容识别）',
    })
    response.assertFlashMessage('company_name', '江苏新测科技有限公司')
    assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
    assert.lengthOf(await StoredFile.all(), 0)
    assert.equal(storedFileCount(), 0)
  })

  test('a file with a wrong extension (.exe) is refused', async ({ client }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration())
      .file('licence', uploads.exe, { filename: 'licence.exe' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { licence: '营业执照只能是 PDF、JPG 或 PNG 文件' })
  })

  test('a licence over 5 MB is refused', async ({ client }) => {
    const big = Buffer.concat([uploads.pdf, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)])
    const response = await client
      .post('/employer/register')
      .fields(registration())
      .file('licence', big, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { licence: '营业执照不能超过 5 MB' })
  })

  test('a missing licence is refused', async ({ client }) => {
    const response = await client
      .post('/employer/register')
      .fields(registration())
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { licence: '请上传营业执照' })
  })

  test('a credit code or an e-mail already registered is refused', async ({ client }) => {
    const takenCode = await client
      .post('/employer/register')
      .fields(registration({ uscc: '91320100MA1888880G' }))
      .file('licence', uploads.pdf, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    takenCode.assertFlashMessage('errorsBag', {
      uscc: '该统一社会信用代码已注册，请直接登录或联系省级管理员',
    })
    const takenEmail = await client
      .post('/employer/register')
      .fields(registration({ email: 'HR@demo-tech.example' }))
      .file('licence', uploads.pdf, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    takenEmail.assertFlashMessage('errorsBag', { email: '该邮箱已注册单位账号，请直接登录' })
  })

  test('a sixth registration from one address within an hour is refused', async ({
    client,
    assert,
  }) => {
    const throttle = registrationLimiter()
    for (let i = 0; i < 5; i++) await throttle.increment('employer-register:127.0.0.1')
    const response = await client
      .post('/employer/register')
      .fields(registration())
      .file('licence', uploads.pdf, { filename: 'licence.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { company_name: '注册过于频繁，请 60 分钟后再试' })
    assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
  })

  test('the form shows a flashed error beside its field and keeps the other inputs', async ({
    client,
  }) => {
    const page = await client.get('/employer/register').withFlashMessages({
      errorsBag: { uscc: '统一社会信用代码校验位不正确，请核对后重新输入' },
      company_name: '江苏新测科技有限公司',
      uscc: '91350100M000100Y44',
    })
    page.assertStatus(200)
    page.assertTextIncludes(
      '<div class="field-error" data-error-for="uscc">统一社会信用代码校验位不正确，请核对后重新输入</div>'
    )
    page.assertTextIncludes('value="江苏新测科技有限公司"')
    page.assertTextIncludes('value="91350100M000100Y44"')
  })
})
