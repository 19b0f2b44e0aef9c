import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { test } from '@japa/runner'
import type { ApiClient } from '@japa/api-client'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { as, guest } from '#tests/helpers/requests'
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

type Licence = { content: Buffer; filename: string; contentType?: string }

/** Posts the 单位注册 form (multipart) with a licence file, as a guest on the main site. */
function register(
  client: ApiClient,
  fields: Record<string, string> = {},
  licence: Licence | null = { content: uploads.pdf, filename: 'licence.pdf' }
) {
  const request = client.post(route('employer.register')).fields(registration(fields))
  if (licence)
    request.file('licence', licence.content, {
      filename: licence.filename,
      contentType: licence.contentType,
    })
  return request.withCsrfToken().redirects(0)
}

test.group('单位注册 (/employer/register)', (group) => {
  group.each.setup(async () => {
    clearStorage()
    const truncate = await testUtils.db().truncate()
    // The province reviews new registrations (and is told about them).
    await world.provinceAdmin()
    return truncate
  })
  group.teardown(() => clearStorage())

  test('a valid registration creates a pending employer, its login and a private licence, and shows 审核中', async ({
    client,
    assert,
  }) => {
    const response = await register(
      client,
      {},
      {
        content: uploads.pdf,
        filename: '营业执照.pdf',
        contentType: 'application/pdf',
      }
    )
    response.assertStatus(302)
    response.assertHeader('location', route('employer.home'))

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
    const province = await User.findByOrFail('kind', 'admin')
    assert.isOk(
      await db
        .from('messages')
        .where('user_id', province.id)
        .where('title', '新单位注册待审核')
        .first()
    )

    const home = await as(client, user).visit(route('employer.home'))
    home.assertStatus(200)
    home.assertTextIncludes('审核中')
    home.assertTextIncludes('91350100M000100Y43')
  })

  test('the new account logs in with its e-mail and lands on the 审核中 page', async ({
    client,
  }) => {
    await register(
      client,
      {},
      { content: uploads.png, filename: 'licence.png', contentType: 'image/png' }
    )
    const login = await guest(client).postForm(route('employer.login'), {
      account: 'hr@xince.example',
      password: 'Hello2026x',
    })
    login.assertHeader('location', route('employer.home'))
  })

  test('a bad credit code is refused beside the field, other inputs come back, nothing is created', async ({
    client,
    assert,
  }) => {
    const response = await register(client, { uscc: '91350100M000100Y44' })
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

  test('refused beside the field, the credit code kept, nothing created: {rule}')
    .with([
      {
        rule: 'a bad mobile number',
        fields: { mobile: '2391234567' },
        errors: { mobile: '请输入正确的 11 位手机号码' },
      },
      {
        rule: 'a weak password (the student password rule)',
        fields: { password: 'abcdefgh', password_confirmation: 'abcdefgh' },
        errors: { password: '密码须为 8-32 位，且同时包含字母和数字' },
      },
    ] as { rule: string; fields: Record<string, string>; errors: Record<string, string> }[])
    .run(async ({ client, assert }, row) => {
      const response = await register(client, row.fields)
      response.assertFlashMessage('errorsBag', row.errors)
      response.assertFlashMessage('uscc', '91350100M000100Y43')
      assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
    })

  test('a file named .pdf whose content is not a PDF/JPG/PNG is refused by its content', async ({
    client,
    assert,
  }) => {
    const response = await register(
      client,
      {},
      {
        content: uploads.textPretendingToBePdf,
        filename: 'licence.pdf',
        contentType: 'application/pdf',
      }
    )
    response.assertFlashMessage('errorsBag', {
      licence: '营业执照只能是 PDF、JPG、PNG 文件（按文件内容识别）',
    })
    response.assertFlashMessage('company_name', '江苏新测科技有限公司')
    assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
    assert.lengthOf(await StoredFile.all(), 0)
    assert.equal(storedFileCount(), 0)
  })

  test('the licence is refused: {rule}')
    .with([
      {
        rule: 'a wrong extension (.exe)',
        licence: { content: uploads.exe, filename: 'licence.exe' },
        message: '营业执照只能是 PDF、JPG 或 PNG 文件',
      },
      {
        rule: 'over 5 MB',
        licence: {
          content: Buffer.concat([uploads.pdf, Buffer.alloc(5 * 1024 * 1024 + 10, 0x20)]),
          filename: 'licence.pdf',
        },
        message: '营业执照不能超过 5 MB',
      },
      { rule: 'missing', licence: null, message: '请上传营业执照' },
    ])
    .run(async ({ client }, row) => {
      const response = await register(client, {}, row.licence)
      response.assertFlashMessage('errorsBag', { licence: row.message })
    })

  test('already registered is refused: {rule}')
    .with([
      {
        rule: 'the credit code',
        fields: (taken: Employer) => ({ uscc: taken.uscc }),
        errors: { uscc: '该统一社会信用代码已注册，请直接登录或联系省级管理员' },
      },
      {
        rule: 'the e-mail (in any case)',
        fields: (taken: Employer) => ({ email: taken.contactEmail!.toUpperCase() }),
        errors: { email: '该邮箱已注册单位账号，请直接登录' },
      },
    ])
    .run(async ({ client }, row) => {
      const { employer: taken } = await world.employer({ contactEmail: 'hr@demo-tech.example' })
      const response = await register(client, row.fields(taken))
      response.assertFlashMessage('errorsBag', row.errors)
    })

  test('a sixth registration from one address within an hour is refused', async ({
    client,
    assert,
  }) => {
    const throttle = registrationLimiter()
    for (let i = 0; i < 5; i++) await throttle.increment('employer-register:127.0.0.1')
    const response = await register(client)
    response.assertFlashMessage('errorsBag', { company_name: '注册过于频繁，请 60 分钟后再试' })
    assert.isNull(await Employer.findBy('uscc', '91350100M000100Y43'))
  })

  test('the form shows a flashed error beside its field and keeps the other inputs', async ({
    client,
  }) => {
    const page = await guest(client)
      .visit(route('employer.register'))
      .withFlashMessages({
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
