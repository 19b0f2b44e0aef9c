import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import dictionaries from '#modules/job_seeking/services/dictionaries'

function directives(csp: string | undefined) {
  const map = new Map<string, string>()
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/)
    if (name) map.set(name, values.join(' '))
  }
  return map
}

function decodeHtml(value: string) {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

test.group('安全响应头', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('页面带 CSP（脚本仅限本站与 nonce，object-src none，禁止被嵌入，表单只提交本站）', async ({
    client,
    assert,
  }) => {
    await world.mainSite()
    const first = await client.get('/')
    first.assertStatus(200)
    const csp = directives(first.header('content-security-policy'))
    assert.match(csp.get('script-src')!, /^'self' 'nonce-[\w-]+' 'unsafe-eval'$/)
    assert.notInclude(csp.get('script-src')!, 'unsafe-inline')
    assert.equal(csp.get('object-src'), "'none'")
    assert.equal(csp.get('base-uri'), "'self'")
    assert.equal(csp.get('frame-ancestors'), "'none'")
    assert.equal(csp.get('form-action'), "'self'")
    assert.equal(csp.get('default-src'), "'self'")
    assert.equal(first.header('referrer-policy'), 'strict-origin-when-cross-origin')
    assert.include(first.header('permissions-policy'), 'microphone=()')
    assert.include(first.header('permissions-policy'), 'geolocation=()')
    const second = await client.get('/')
    assert.notEqual(
      directives(second.header('content-security-policy')).get('script-src'),
      csp.get('script-src'),
      'a fresh nonce per response'
    )
  })

  test('404 页面同样带安全响应头', async ({ client, assert }) => {
    await world.mainSite()
    const response = await client.get('/no-such-page-anywhere')
    response.assertStatus(404)
    response.assertTextIncludes('页面')
    assert.include(response.header('content-security-policy'), "frame-ancestors 'none'")
    assert.equal(response.header('x-frame-options'), 'DENY')
    assert.equal(response.header('x-content-type-options'), 'nosniff')
    assert.equal(response.header('referrer-policy'), 'strict-origin-when-cross-origin')
    assert.include(response.header('permissions-policy'), 'camera=')
  })

  test('已登录用户的页面不被缓存（Cache-Control: no-store），公开页面不受影响', async ({
    client,
    assert,
  }) => {
    const { school } = await world.school()
    const { user: studentZhang } = await world.student(school)
    const { user: employerUser } = await world.employer()
    const personal = await client.get('/student').loginAs(studentZhang)
    personal.assertStatus(200)
    assert.equal(personal.header('cache-control'), 'no-store')
    const employer = await client.get('/employer').loginAs(employerUser)
    assert.equal(employer.header('cache-control'), 'no-store')
    const visitor = await client.get('/')
    assert.notEqual(visitor.header('cache-control'), 'no-store')
  })
})

test.group('请求被拒时的中文提示', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('CSRF 令牌失效：表单提交回到原页并提示“页面已过期”', async ({ client, assert }) => {
    const { school } = await world.school()
    const { graduate } = await world.student(school)
    const response = await client
      .post('/login')
      .header('referer', '/login')
      .form({ school_id: school.id, student_number: graduate.studentNumber, password: PASSWORD })
      .redirects(0)
    response.assertStatus(302)
    assert.equal(response.header('location'), '/login')
    response.assertFlashMessage('error', '页面已过期，请刷新页面后重试')
    // The form keeps what was typed (except the password).
    assert.equal(response.flashMessage('student_number'), graduate.studentNumber)
    assert.isUndefined(response.flashMessage('password'))
  })

  test('CSRF 令牌失效：htmx 请求得到中文提示（toast）和安全响应头', async ({ client, assert }) => {
    const { school } = await world.school()
    const { user: studentZhang } = await world.student(school)
    const response = await client
      .post('/student/intention')
      .loginAs(studentZhang)
      .header('hx-request', 'true')
      .form({ type: 'employment' })
    response.assertStatus(403)
    const trigger = JSON.parse(response.header('hx-trigger') ?? '{}')
    assert.deepEqual(trigger.toast, { message: '页面已过期，请刷新页面后重试', type: 'error' })
    assert.include(response.header('content-security-policy'), "object-src 'none'")
    assert.equal(response.header('x-frame-options'), 'DENY')
  })

  test('超过 20 MB 的上传：中文提示，而不是英文开发者错误页', async ({ client, assert }) => {
    await world.mainSite()
    const big = Buffer.alloc(25 * 1024 * 1024, 0x41)
    const form = await client
      .post('/employer/register')
      .header('referer', '/employer/register')
      .field('company_name', '某公司')
      .file('licence', big, { filename: 'licence.pdf' })
      .redirects(0)
    form.assertStatus(302)
    assert.equal(form.header('location'), '/employer/register')
    assert.include(form.flashMessage('error'), '提交的内容过大')

    const page = await client
      .post('/employer/register')
      .accept('html')
      .file('licence', big, { filename: 'licence.pdf' })
      .redirects(0)
      .header('hx-request', 'true')
    page.assertStatus(413)
    assert.include(JSON.parse(page.header('hx-trigger') ?? '{}').toast.message, '提交的内容过大')
    assert.notInclude(page.text(), 'E_REQUEST_ENTITY_TOO_LARGE')
  })

  test('求职意向表单被拒后回显的 type 不会作为脚本执行（x-data 用 JSON 编码）', async ({
    client,
    assert,
  }) => {
    const { school } = await world.school()
    const { user: studentZhang } = await world.student(school)
    await dictionaries.ensureSeeded() // the form's 城市 / 职位类别 options
    const payload = `'+(globalThis.__intentionXss=1)+'"</form><b>x</b>`
    const response = await client
      .get('/student/intention')
      .loginAs(studentZhang)
      .withFlashMessages({ type: payload })
    response.assertStatus(200)
    const xData = response.text().match(/<form[^>]*x-data="([^"]*)"[^>]*id="intention-form"/)?.[1]
    assert.exists(xData)
    // Evaluate the attribute as Alpine would: the value must come back as plain data.
    const state = new Function(`return (${decodeHtml(xData!)})`)()
    assert.equal(state.type, payload)
    assert.isUndefined((globalThis as any).__intentionXss)
  })
})
