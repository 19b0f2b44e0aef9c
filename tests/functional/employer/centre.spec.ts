import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import type { ApiClient } from '@japa/api-client'
import { existsSync } from 'node:fs'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { as, guest } from '#tests/helpers/requests'
import Employer from '#core/accounts/models/employer'
import User from '#core/accounts/models/user'
import StoredFile from '#core/files/models/stored_file'
import files from '#core/files/file_service'
import { clearStorage, registration, uploads } from '#tests/functional/employer/helpers'

/** Registers an employer through the form (so it has a stored licence) and returns its login. */
async function registerPending(client: ApiClient, overrides: Record<string, string> = {}) {
  const data = registration(overrides)
  const response = await client
    .post(route('employer.register'))
    .fields(data)
    .file('licence', uploads.pdf, { filename: '营业执照.pdf' })
    .withCsrfToken()
    .redirects(0)
  response.assertHeader('location', route('employer.home'))
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
    await world.mainSite()
    const { user } = await registerPending(client)
    const home = await as(client, user).visit(route('employer.home'))
    home.assertStatus(200)
    home.assertTextIncludes('审核中')
    home.assertTextIncludes('修改注册信息')

    const pages = [...moduleEmployerPages(), '/employer/profile']
    assert.isAbove(pages.length, 1, 'installed modules mount employer pages')
    for (const url of pages) {
      const response = await as(client, user).visit(url).redirects(0)
      assert.equal(response.status(), 302, url)
      assert.equal(response.header('location'), route('employer.home'), url)
    }
    const refused = await as(client, user).visit(pages[0]).redirects(0)
    refused.assertFlashMessage('info', '单位信息审核通过后才能使用此功能')
  })

  test('a verified employer reaches the module pages and sees their navigation on the home page', async ({
    client,
    assert,
  }) => {
    const { user: hr } = await world.employer({ name: '示范科技有限公司' })
    for (const url of moduleEmployerPages()) {
      const response = await as(client, hr).visit(url).redirects(0)
      assert.notEqual(response.header('location'), route('employer.home'), url)
    }
    const home = await as(client, hr).visit(route('employer.home'))
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
    const main = await world.mainSite()
    const { user: hr } = await world.employer()
    const [first] = moduleRegistry.navigation('employer')
    await moduleSwitches.setEnabled(main, first.moduleId, false)
    const home = await as(client, hr).visit(route('employer.home'))
    assert.notInclude(home.text(), `href="${first.href}"`)
    const page = await as(client, hr).visit(first.href).redirects(0)
    assert.notEqual(page.status(), 200)
  })

  test('a rejected employer sees the reason, corrects the registration and is back to 审核中', async ({
    client,
    assert,
  }) => {
    await world.mainSite()
    const { employer, user } = await registerPending(client)
    const oldLicence = await StoredFile.findOrFail(employer.licenceFileId!)
    employer.merge({ status: 'rejected', rejectReason: '营业执照不清晰' })
    await employer.save()

    const home = await as(client, user).visit(route('employer.home'))
    home.assertTextIncludes('审核未通过')
    home.assertTextIncludes('营业执照不清晰')
    home.assertTextIncludes('修改并重新提交')

    const bad = await client
      .post(route('employer.resubmit'))
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
      .post(route('employer.resubmit'))
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
    response.assertHeader('location', route('employer.home'))
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
    const { employer, user: hr } = await world.employer({ name: '示范科技有限公司' })
    const response = await client
      .post(route('employer.resubmit'))
      .loginAs(hr)
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
    await employer.refresh()
    assert.equal(employer.name, '示范科技有限公司')
    assert.equal(employer.status, 'verified')
  })

  test('单位信息 saves the company profile', async ({ client, assert }) => {
    const { employer, user: hr } = await world.employer()
    const form = await as(client, hr).visit(route('employer.profile'))
    form.assertStatus(200)
    form.assertTextIncludes('单位简介')

    const response = await as(client, hr).postForm(route('employer.profile'), {
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
    response.assertHeader('location', route('employer.profile'))
    response.assertFlashMessage('success', '单位信息已保存')
    await employer.refresh()
    assert.equal(employer.intro, '专注教育软件二十年。')
    assert.equal(employer.industry, '教育')
    assert.equal(employer.scale, '1000-9999人')
    assert.equal(employer.city, '苏州市')
    assert.equal(employer.website, 'https://demo-tech.example')
    assert.equal(employer.contactPhone, '0512-66668888')
    assert.equal(employer.contactEmail, 'campus@demo-tech.example')
  })

  test('单位信息 refuses {rule} beside the field and saves nothing')
    .with([
      {
        rule: 'a bad phone',
        field: 'contact_phone',
        value: '12345',
        message: '请输入正确的手机号码或固定电话（如 025-88880000）',
      },
      {
        rule: 'an unknown industry',
        field: 'industry',
        value: '炼金术',
        message: '请选择有效的所属行业',
      },
      {
        rule: 'a website without http(s)',
        field: 'website',
        value: 'javascript:alert(1)',
        message: '单位网址格式不正确，应以 http:// 或 https:// 开头',
      },
    ])
    .run(async ({ client, assert }, row) => {
      const { employer, user: hr } = await world.employer({ city: '南京市' })
      const response = await as(client, hr).postForm(route('employer.profile'), {
        industry: '信息传输、软件和信息技术服务业',
        nature: '民营企业',
        scale: '50人以下',
        city: '苏州市',
        website: 'https://demo-tech.example',
        contact_name: '刘经理',
        contact_phone: '025-88880000',
        [row.field]: row.value,
      })
      response.assertFlashMessage('errorsBag', { [row.field]: row.message })
      // What was typed comes back; nothing was saved.
      response.assertFlashMessage('city', '苏州市')
      await employer.refresh()
      assert.equal(employer.city, '南京市')
    })

  test('the licence is readable by its employer and the province, not found for other employers and students', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const { school: njsf } = await world.school()
    const { user: student } = await world.student(njsf)
    const staff = await world.staff(njsf)
    const { user: otherEmployer } = await world.employer()
    const { employer, user } = await registerPending(client)
    const url = `/files/${employer.licenceFileId}`

    const own = await as(client, user).visit(route('employer.licence')).redirects(0)
    own.assertHeader('location', url)
    const mine = await as(client, user).visit(url)
    mine.assertStatus(200)
    mine.assertHeader('content-type', 'application/pdf')
    mine.assertHeader('x-content-type-options', 'nosniff')
    assert.equal(Number(mine.header('content-length')), uploads.pdf.length)
    assert.include(mine.header('content-disposition'), 'inline')

    const province = await as(client, admin).visit(url)
    province.assertStatus(200)

    for (const other of [otherEmployer, student, staff]) {
      // A file one may not read answers like a missing one (ids cannot be told apart).
      const response = await as(client, other).visit(url)
      response.assertStatus(404)
    }
    const anonymous = await guest(client).visit(url).redirects(0)
    anonymous.assertStatus(403)
  })

  test('the province opens the uploaded 营业执照 from the verification page', async ({
    client,
  }) => {
    const admin = await world.provinceAdmin()
    const { employer } = await registerPending(client)
    const page = await as(client, admin).visit(route('province.employers.show', [employer.id]))
    page.assertTextIncludes(`href="/files/${employer.licenceFileId}"`)
    page.assertTextIncludes('查看营业执照')
    const licence = await as(client, admin).visit(`/files/${employer.licenceFileId}`)
    licence.assertStatus(200)
    licence.assertHeader('content-type', 'application/pdf')
  })

  test('a signed link opens the file without login until it expires', async ({ client }) => {
    await world.mainSite()
    const { employer } = await registerPending(client)
    const signed = files.signedUrl(employer.licenceFileId!, '5m')
    const ok = await client.get(signed)
    ok.assertStatus(200)
    const tampered = await client.get(signed.replace(/signature=[^&]+/, 'signature=forged'))
    tampered.assertStatus(403)
  })
})
