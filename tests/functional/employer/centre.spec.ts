import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import type { ApiClient } from '@japa/api-client'
import { existsSync } from 'node:fs'
import { seedCore } from '#database/demo/core'
import Employer from '#core/accounts/models/employer'
import User from '#core/accounts/models/user'
import StoredFile from '#core/files/models/stored_file'
import files from '#core/files/file_service'
import { clearStorage, registration, uploads } from '#tests/functional/employer/helpers'

/** Registers an employer through the form (so it has a stored licence) and returns its login. */
async function registerPending(client: ApiClient, overrides: Record<string, string> = {}) {
  const data = registration(overrides)
  const response = await client
    .post('/employer/register')
    .fields(data)
    .file('licence', uploads.pdf, { filename: '营业执照.pdf' })
    .withCsrfToken()
    .redirects(0)
  response.assertHeader('location', '/employer')
  const employer = await Employer.findByOrFail('uscc', data.uscc)
  const user = await User.findByOrFail('employerId', employer.id)
  return { employer, user }
}

/** Every GET page that installed modules mount in the employer centre (core shell pages excluded). */
function moduleEmployerPages() {
  const core = [
    '/employer',
    '/employer/login',
    '/employer/register',
    '/employer/resubmit',
    '/employer/licence',
    '/employer/profile',
    // 站内消息 is open to a pending employer too: the verification result arrives there.
    '/employer/messages',
  ]
  const routes = Object.values(router.toJSON()).flat() as { pattern: string; methods: string[] }[]
  return [
    ...new Set(
      routes
        .filter(
          (r) =>
            r.methods.includes('GET') &&
            r.pattern.startsWith('/employer/') &&
            !r.pattern.includes(':')
        )
        .map((r) => r.pattern)
        .filter((p) => !core.includes(p))
    ),
  ]
}

test.group('单位中心: verification gate, profile, licence', (group) => {
  group.each.setup(async () => {
    clearStorage()
    const truncate = await testUtils.db().truncate()
    return truncate
  })
  group.teardown(() => clearStorage())

  test('a pending employer sees 审核中 and cannot reach any module page or 单位信息', async ({
    client,
    assert,
  }) => {
    await seedCore()
    const { user } = await registerPending(client)
    const home = await client.get('/employer').loginAs(user)
    home.assertStatus(200)
    home.assertTextIncludes('审核中')
    home.assertTextIncludes('修改注册信息')

    const pages = [...moduleEmployerPages(), '/employer/profile']
    assert.isAbove(pages.length, 1, 'installed modules mount employer pages')
    for (const url of pages) {
      const response = await client.get(url).loginAs(user).redirects(0)
      assert.equal(response.status(), 302, url)
      assert.equal(response.header('location'), '/employer', url)
    }
    const refused = await client.get(pages[0]).loginAs(user).redirects(0)
    refused.assertFlashMessage('info', '单位信息审核通过后才能使用此功能')
  })

  test('a verified employer reaches the module pages and sees their navigation on the home page', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    for (const url of moduleEmployerPages()) {
      const response = await client.get(url).loginAs(world.employerUser).redirects(0)
      assert.notEqual(response.header('location'), '/employer', url)
    }
    const home = await client.get('/employer').loginAs(world.employerUser)
    home.assertStatus(200)
    home.assertTextIncludes('示范科技有限公司')
    home.assertTextIncludes('href="/employer/profile"')
    // Every employer-area navigation entry of the installed modules is on the home page.
    const entries = moduleRegistry.navigation('employer')
    assert.isAbove(entries.length, 0)
    for (const entry of entries) home.assertTextIncludes(`href="${entry.href}"`)
    assert.notInclude(home.text(), '审核中')
  })

  test('a module switched off in the province disappears from the employer centre', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const [first] = moduleRegistry.navigation('employer')
    await moduleSwitches.setEnabled(world.main, first.moduleId, false)
    const home = await client.get('/employer').loginAs(world.employerUser)
    assert.notInclude(home.text(), `href="${first.href}"`)
    const page = await client.get(first.href).loginAs(world.employerUser).redirects(0)
    assert.notEqual(page.status(), 200)
  })

  test('a rejected employer sees the reason, corrects the registration and is back to 审核中', async ({
    client,
    assert,
  }) => {
    await seedCore()
    const { employer, user } = await registerPending(client)
    const oldLicence = await StoredFile.findOrFail(employer.licenceFileId!)
    employer.merge({ status: 'rejected', rejectReason: '营业执照不清晰' })
    await employer.save()

    const home = await client.get('/employer').loginAs(user)
    home.assertTextIncludes('审核未通过')
    home.assertTextIncludes('营业执照不清晰')
    home.assertTextIncludes('修改并重新提交')

    const bad = await client
      .post('/employer/resubmit')
      .loginAs(user)
      .fields({
        company_name: '江苏新测科技股份有限公司',
        uscc: '91350100M000100Y4X',
        contact_name: '王主任',
        mobile: '13912345678',
      })
      .withCsrfToken()
      .redirects(0)
    bad.assertFlashMessage('errorsBag', { uscc: '统一社会信用代码校验位不正确，请核对后重新输入' })

    const response = await client
      .post('/employer/resubmit')
      .loginAs(user)
      .fields({
        company_name: '江苏新测科技股份有限公司',
        uscc: '91350100M000100Y43',
        contact_name: '王主任',
        mobile: '13912345678',
      })
      .file('licence', uploads.png, { filename: '清晰版.png' })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/employer')
    await employer.refresh()
    assert.equal(employer.status, 'pending')
    assert.isNull(employer.rejectReason)
    assert.equal(employer.name, '江苏新测科技股份有限公司')
    assert.notEqual(employer.licenceFileId, oldLicence.id)
    assert.isFalse(existsSync(files.absolutePath(oldLicence)), 'the replaced licence is removed')
    assert.isNull(await StoredFile.find(oldLicence.id))
  })

  test('a verified employer cannot change its registration through resubmit', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const response = await client
      .post('/employer/resubmit')
      .loginAs(world.employerUser)
      .fields({
        company_name: '改名公司',
        uscc: '91350100M000100Y43',
        contact_name: '刘经理',
        mobile: '13912345678',
      })
      .file('licence', uploads.pdf, { filename: 'x.pdf' })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', { company_name: '单位已认证，注册信息不能再修改' })
    await world.company.refresh()
    assert.equal(world.company.name, '示范科技有限公司')
    assert.equal(world.company.status, 'verified')
  })

  test('单位信息 saves the company profile', async ({ client, assert }) => {
    const world = await seedCore()
    const form = await client.get('/employer/profile').loginAs(world.employerUser)
    form.assertStatus(200)
    form.assertTextIncludes('单位简介')

    const response = await client
      .post('/employer/profile')
      .loginAs(world.employerUser)
      .form({
        intro: '专注教育软件二十年。',
        industry: '教育',
        nature: '国有企业',
        scale: '1000-9999人',
        city: '苏州市',
        address: '苏州市工业园区星湖街 1 号',
        website: 'https://demo-tech.example',
        contact_name: '陈经理',
        contact_phone: '0512-66668888',
        contact_email: 'Campus@Demo-Tech.example',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/employer/profile')
    response.assertFlashMessage('success', '单位信息已保存')
    await world.company.refresh()
    assert.equal(world.company.intro, '专注教育软件二十年。')
    assert.equal(world.company.industry, '教育')
    assert.equal(world.company.scale, '1000-9999人')
    assert.equal(world.company.city, '苏州市')
    assert.equal(world.company.website, 'https://demo-tech.example')
    assert.equal(world.company.contactPhone, '0512-66668888')
    assert.equal(world.company.contactEmail, 'campus@demo-tech.example')
  })

  test('单位信息 refuses a bad phone, an unknown industry and a website without http(s)', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const response = await client
      .post('/employer/profile')
      .loginAs(world.employerUser)
      .form({
        industry: '炼金术',
        nature: '民营企业',
        scale: '50人以下',
        city: '南京市',
        website: 'javascript:alert(1)',
        contact_name: '刘经理',
        contact_phone: '12345',
      })
      .withCsrfToken()
      .redirects(0)
    response.assertFlashMessage('errorsBag', {
      industry: '请选择有效的所属行业',
      website: '单位网址格式不正确，应以 http:// 或 https:// 开头',
      contact_phone: '请输入正确的手机号码或固定电话（如 025-88880000）',
    })
    response.assertFlashMessage('city', '南京市')
    await world.company.refresh()
    assert.equal(world.company.industry, '信息传输、软件和信息技术服务业')
  })

  test('the licence is readable by its employer and the province, not found for other employers and students', async ({
    client,
    assert,
  }) => {
    const world = await seedCore()
    const { employer, user } = await registerPending(client)
    const url = `/files/${employer.licenceFileId}`

    const own = await client.get('/employer/licence').loginAs(user).redirects(0)
    own.assertHeader('location', url)
    const mine = await client.get(url).loginAs(user)
    mine.assertStatus(200)
    mine.assertHeader('content-type', 'application/pdf')
    mine.assertHeader('x-content-type-options', 'nosniff')
    assert.equal(Number(mine.header('content-length')), uploads.pdf.length)
    assert.include(mine.header('content-disposition'), 'inline')

    const admin = await client.get(url).loginAs(world.admin)
    admin.assertStatus(200)

    for (const other of [world.employerUser, world.studentZhang, world.njsfStaff]) {
      // A file one may not read answers like a missing one (ids cannot be told apart).
      const response = await client.get(url).loginAs(other)
      response.assertStatus(404)
    }
    const anonymous = await client.get(url).redirects(0)
    anonymous.assertStatus(403)
  })

  test('the province opens the uploaded 营业执照 from the verification page', async ({
    client,
  }) => {
    const world = await seedCore()
    const { employer } = await registerPending(client)
    const page = await client.get(`/province/employers/${employer.id}`).loginAs(world.admin)
    page.assertTextIncludes(`href="/files/${employer.licenceFileId}"`)
    page.assertTextIncludes('查看营业执照')
    const licence = await client.get(`/files/${employer.licenceFileId}`).loginAs(world.admin)
    licence.assertStatus(200)
    licence.assertHeader('content-type', 'application/pdf')
  })

  test('a signed link opens the file without login until it expires', async ({ client }) => {
    await seedCore()
    const { employer } = await registerPending(client)
    const signed = files.signedUrl(employer.licenceFileId!, '5m')
    const ok = await client.get(signed)
    ok.assertStatus(200)
    const tampered = await client.get(signed.replace(/signature=[^&]+/, 'signature=forged'))
    tampered.assertStatus(403)
  })
})
