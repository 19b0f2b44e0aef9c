import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import { PeerClient } from '#tests/security/helpers/peer_client'

/**
 * Issue 9 item 1: X-Forwarded-* is honoured only from TRUSTED_PROXIES (.env.test trusts
 * 127.0.0.9, a stand-in load balancer; every other test connects from 127.0.0.1), and logins are
 * limited per account + address, per account, and per address; an employer is one account.
 */
const LIMITED = '登录失败次数过多'
const spoofed = (i: number) => `198.51.100.${i % 250}, 203.0.113.${i % 250}`

async function adminLogin(
  client: any,
  account: string,
  password: string,
  headers: Record<string, string> = {}
) {
  let request = client.post('/admin/login').form({ account, password })
  for (const [name, value] of Object.entries(headers)) request = request.header(name, value)
  return request.withCsrfToken().redirects(0)
}

function passwordError(response: any): string {
  return response.flashMessages()?.errorsBag?.password ?? ''
}

test.group('可信代理：只有 TRUSTED_PROXIES 可以设置 X-Forwarded-*', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('40 次错误的管理员密码、每次伪造新的 X-Forwarded-For：第 5 次起即被限制，正确密码也要等待', async ({
    client,
    assert,
  }) => {
    const { username } = await world.provinceAdmin()
    const answers: string[] = []
    for (let i = 0; i < 40; i++) {
      answers.push(
        passwordError(
          await adminLogin(client, username, `wrong-${i}x`, { 'x-forwarded-for': spoofed(i) })
        )
      )
    }
    assert.equal(answers[3], '账号或密码错误，还可尝试 1 次')
    assert.include(answers[4], LIMITED)
    assert.lengthOf(
      answers.filter((a) => a.includes(LIMITED)),
      36,
      'every attempt after the fifth is refused'
    )
    const right = await adminLogin(client, username, PASSWORD, { 'x-forwarded-for': '192.0.2.77' })
    assert.match(passwordError(right), /登录失败次数过多，请 \d+ 分钟后再试/)
    assert.notEqual(right.header('location'), '/province')
    // Nothing the client claimed reached the limiter's keys.
    const keys = (await db.from('rate_limits').select('key')).map((row) => String(row.key))
    assert.isTrue(keys.every((key) => !key.includes('198.51.100') && !key.includes('203.0.113')))
  })

  test('X-Forwarded-Host 不能切换站点（来自不可信地址）', async ({ assert }) => {
    await world.school({ code: 'njsf' })
    const direct = new PeerClient('127.0.0.1', 'localhost')
    const main = await direct.get('/login', { 'x-forwarded-host': 'njsf.localhost' })
    assert.equal(main.status, 200)
    assert.include(main.body, 'name="school_id"', 'still the main site: the school is asked')
    const unknown = await direct.get('/login', { 'x-forwarded-host': 'evil.example' })
    assert.equal(unknown.status, 200)
  })

  test('可信代理转发的客户端地址和站点被采用，客户端自己加的前几跳不被采用', async ({ assert }) => {
    await world.school({ code: 'njsf' })
    const { username } = await world.provinceAdmin()
    const proxy = new PeerClient('127.0.0.9', 'localhost')
    const subsite = await proxy.get('/login', { 'x-forwarded-host': 'njsf.localhost' })
    assert.equal(subsite.status, 200)
    assert.notInclude(subsite.body, 'name="school_id"', 'the proxy chose the njsf subsite')

    // The client wrote "198.51.100.1"; the proxy appended the address it saw, 203.0.113.7.
    const headers = { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' }
    await proxy.submit(
      '/admin/login',
      '/admin/login',
      { account: username, password: 'nope-123x' },
      headers
    )
    const keys = (await db.from('rate_limits').select('key')).map((row) => String(row.key))
    assert.isTrue(
      keys.some((key) => key.includes('|203.0.113.7')),
      keys.join(' ')
    )
    assert.isTrue(keys.every((key) => !key.includes('198.51.100.1')))
  })
})

test.group('登录限流：按账号、按地址、按账号+地址', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('同一账号从 12 个不同的真实地址各试一次：第 10 次起被限制（每个账号不论地址）', async ({
    assert,
  }) => {
    const { username } = await world.provinceAdmin()
    const answers: string[] = []
    for (let i = 0; i < 12; i++) {
      const peer = new PeerClient(`127.0.0.${20 + i}`)
      const page = await peer.submit('/admin/login', '/admin/login', {
        account: username,
        password: `guess-${i}x`,
      })
      answers.push(
        page.body.includes(LIMITED)
          ? 'limited'
          : page.body.includes('账号或密码错误')
            ? 'wrong'
            : '?'
      )
    }
    assert.deepEqual(answers, [...Array(9).fill('wrong'), 'limited', 'limited', 'limited'])
    const owner = await new PeerClient('127.0.0.40').submit('/admin/login', '/admin/login', {
      account: username,
      password: PASSWORD,
    })
    assert.include(owner.body, LIMITED)
  })

  test('一个地址对 6 个账号喷洒密码（共 24 次，每个账号 4 次）：第 20 次起被限制', async ({
    client,
    assert,
  }) => {
    const { school: njsf } = await world.school()
    const { school: szsf } = await world.school()
    const staff = [await world.provinceAdmin(), await world.staff(njsf), await world.staff(szsf)]
    const { user: hr } = await world.employer()
    const students = [await world.student(njsf), await world.student(szsf)]
    const tries: Array<() => any> = [
      ...staff.map(
        ({ username: account }) =>
          () =>
            client.post('/admin/login').form({ account, password: 'Spray2026x' })
      ),
      () => client.post('/employer/login').form({ account: hr.username, password: 'Spray2026x' }),
      ...students.map(
        ({ graduate }) =>
          () =>
            client.post('/login').form({
              school_id: graduate.schoolId,
              student_number: graduate.studentNumber,
              password: 'Spray2026x',
            })
      ),
    ]
    const answers: string[] = []
    for (let round = 0; round < 4; round++) {
      for (const attempt of tries) {
        const response = await attempt().withCsrfToken().redirects(0)
        answers.push(passwordError(response))
      }
    }
    assert.notInclude(answers.slice(0, 19).join(), LIMITED, 'no account reached its own limit')
    assert.isTrue(
      answers.slice(19).every((a) => a.includes(LIMITED)),
      answers.slice(19).join()
    )
  })

  test('单位用邮箱和统一社会信用代码交替登录：同一个计数（5 次）', async ({ client, assert }) => {
    const { employer } = await world.employer()
    const login = (account: string, password: string) =>
      client.post('/employer/login').form({ account, password }).withCsrfToken().redirects(0)
    const accounts = [employer.contactEmail!, employer.uscc]
    const answers: string[] = []
    for (let i = 0; i < 6; i++)
      answers.push(passwordError(await login(accounts[i % 2], `bad-${i}x`)))
    assert.equal(answers[3], '账号或密码错误，还可尝试 1 次')
    assert.include(answers[4], LIMITED)
    assert.include(answers[5], LIMITED)
    // The lower-case credit code and the upper-case e-mail are the same account too.
    const right = await login(employer.uscc.toLowerCase(), PASSWORD)
    assert.include(passwordError(right), LIMITED)
  })
})

test.group('操作日志记录的地址', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('伪造的 X-Forwarded-For 不会写入操作日志；可信代理转发的地址会', async ({
    client,
    assert,
  }) => {
    const { school } = await world.school({ code: 'njsf' })
    const zhangsan = await world.graduate(school)
    const njsfStaff = await world.staff(school)
    const reveal = await client
      .post(`/school/graduates/${zhangsan.id}/actions/reveal-id`)
      .header('host', 'njsf.localhost')
      .header('x-forwarded-for', '198.51.100.23')
      .loginAs(njsfStaff)
      .withCsrfToken()
      .redirects(0)
    reveal.assertStatus(302)
    const spoofedLog = await db.from('audit_logs').where('action', 'graduate.reveal-id').first()
    assert.equal(spoofedLog.ip, '127.0.0.1')

    await db.from('audit_logs').delete()
    const proxy = new PeerClient('127.0.0.9', 'njsf.localhost')
    const headers = { 'x-forwarded-for': '203.0.113.50' }
    const home = await proxy.submit(
      '/admin/login',
      '/admin/login',
      { account: njsfStaff.username, password: PASSWORD },
      headers
    )
    assert.equal(home.redirectedTo, '/school')
    await proxy.submit(
      `/school/graduates/${zhangsan.id}`,
      `/school/graduates/${zhangsan.id}/actions/reveal-id`,
      {},
      headers
    )
    const proxiedLog = await db.from('audit_logs').where('action', 'graduate.reveal-id').first()
    assert.equal(proxiedLog?.ip, '203.0.113.50')
  })
})
