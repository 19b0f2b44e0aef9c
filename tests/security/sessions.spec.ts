import { test } from '@japa/runner'
import type { Group } from '@japa/runner/core'
import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { MessageBuilder } from '@adonisjs/core/helpers'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import User from '#core/accounts/models/user'
import type Graduate from '#core/registry/models/graduate'
import { PASSWORD } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { SESSION_META_KEY } from '#core/http/middleware/session_lifetime_middleware'

/**
 * These tests run the app's real session middleware with the `database` store (the production
 * and demo default) while the rest of the suite keeps the memory store for `loginAs`. They talk
 * HTTP with `fetch` and a cookie jar of their own, so what a browser keeps is exactly what counts.
 */
function useDatabaseStore(group: Group) {
  group.setup(async () => {
    const config = await configProvider.resolve<any>(app, app.config.get('session'))
    const emitter = await app.container.make('emitter')
    app.container.swap(
      SessionMiddleware,
      () => new SessionMiddleware({ ...config, store: 'database' }, emitter)
    )
    return () => app.container.restore(SessionMiddleware)
  })
  group.each.setup(() => testUtils.db().truncate())
}

class Browser {
  cookies = new Map<string, string>()
  lastSetCookieBytes = 0

  static base = `http://${process.env.HOST}:${process.env.PORT}`

  copy() {
    const other = new Browser()
    other.cookies = new Map(this.cookies)
    return other
  }

  async send(method: string, path: string, form?: Record<string, string | number>) {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    }
    let body: string | undefined
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded'
      body = new URLSearchParams(
        Object.entries(form).map(([k, v]): [string, string] => [k, String(v)])
      ).toString()
    }
    const response = await fetch(Browser.base + path, {
      method,
      headers,
      body,
      redirect: 'manual',
    })
    const setCookies = response.headers.getSetCookie()
    this.lastSetCookieBytes = Math.max(0, ...setCookies.map((c) => Buffer.byteLength(c)))
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';')
      const index = pair.indexOf('=')
      const name = pair.slice(0, index).trim()
      const value = pair.slice(index + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a)) || value === ''
      if (expired) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    return { response, text: await response.text() }
  }

  get(path: string) {
    return this.send('GET', path)
  }

  /** Posts a form with the CSRF token of the page it is on (as a browser would). */
  async submit(page: string, action: string, form: Record<string, string | number>) {
    const { text } = await this.get(page)
    const token = text.match(/name=['"]_csrf['"] value=['"]([^'"]+)['"]/)?.[1]
    if (!token) throw new Error(`no CSRF field on ${page}`)
    return this.send('POST', action, { ...form, _csrf: token })
  }
}

/** An activated student of a school (registry record + account). */
async function activatedStudent() {
  const { school } = await world.school()
  const { graduate, user } = await world.student(school)
  return { graduate, studentZhang: user }
}

async function studentLogin(graduate: Graduate) {
  const browser = new Browser()
  const { response } = await browser.submit('/login', '/login', {
    school_id: graduate.schoolId,
    student_number: graduate.studentNumber,
    password: PASSWORD,
  })
  if (response.headers.get('location') !== '/student') {
    throw new Error(`login failed: ${response.status} ${response.headers.get('location')}`)
  }
  return browser
}

async function isLoggedIn(browser: Browser) {
  const { response } = await browser.get('/student')
  return response.status === 200
}

/** Rewrites the lifetime stamp stored in the server-side session row (as time passing would). */
async function ageSession(userId: number, change: (meta: any) => void) {
  const rows = await db.from('sessions').where('user_id', String(userId))
  for (const row of rows) {
    const values = new MessageBuilder().verify<any>(row.data, row.id)
    change(values[SESSION_META_KEY])
    const data = new MessageBuilder().build(values, undefined, row.id)
    await db.from('sessions').where('id', row.id).update({ data })
  }
  return rows.length
}

test.group('会话保存在服务端 (database store, shared by every web process)', (group) => {
  useDatabaseStore(group)

  test('登录后会话存于服务端：Cookie 只带签名的会话号', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    const rows = await db.from('sessions').where('user_id', String(studentZhang.id))
    assert.lengthOf(rows, 1)
    assert.isBelow(browser.lastSetCookieBytes, 300)
    assert.notInclude(rows[0].data, PASSWORD)
    assert.isTrue(await isLoggedIn(browser))
  })

  test('被拒绝的长表单（3000 字职位描述）保留提示和输入，Set-Cookie 不超过 4 KB', async ({
    assert,
  }) => {
    const { user } = await world.employer()
    await dictionaries.ensureSeeded() // 职位类别 / 城市 of the job form
    const employer = new Browser()
    const login = await employer.submit('/employer/login', '/employer/login', {
      account: user.username,
      password: PASSWORD,
    })
    assert.equal(login.response.headers.get('location'), '/employer')

    const description = '负责政务软件的需求分析、设计与开发。'.repeat(167).slice(0, 3000)
    assert.lengthOf(description, 3000)
    const refused = await employer.submit('/employer/jobs/new', '/employer/jobs', {
      title: '', // refused: 职位名称 is required
      category: '软件开发',
      nature: '全职',
      city: '南京市',
      description,
    })
    assert.equal(refused.response.status, 302)
    assert.isBelow(employer.lastSetCookieBytes, 4096)

    const form = await employer.get('/employer/jobs/new')
    assert.equal(form.response.status, 200)
    assert.include(form.text, description)
    assert.match(form.text, /data-error-for="title">[^<]*职位名称/)
  })
})

test.group('退出登录与修改密码在服务端结束会话', (group) => {
  useDatabaseStore(group)

  test('退出登录后，复制的 Cookie 不再有效', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    const copied = browser.copy()
    assert.isTrue(await isLoggedIn(copied))

    const logout = await browser.submit('/student', '/logout', {})
    assert.equal(logout.response.status, 302)
    assert.isFalse(await isLoggedIn(browser))
    assert.isFalse(await isLoggedIn(copied), 'a replayed cookie must not work after logout')
    const rows = await db.from('sessions').where('user_id', String(studentZhang.id))
    assert.lengthOf(rows, 0)
  })

  test('退出登录结束该用户在其他设备上的全部会话', async ({ assert }) => {
    const { graduate } = await activatedStudent()
    const phone = await studentLogin(graduate)
    const laptop = await studentLogin(graduate)
    assert.isTrue(await isLoggedIn(phone))
    await laptop.submit('/student', '/logout', {})
    assert.isFalse(await isLoggedIn(phone))
    // Logging in again works normally.
    assert.isTrue(await isLoggedIn(await studentLogin(graduate)))
  })

  test('修改密码结束该用户的全部会话（学生、单位、学校管理员同一机制）', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    const user = await User.findOrFail(studentZhang.id)
    user.password = 'Changed@2026'
    await user.save()
    const { response } = await browser.get('/student')
    assert.equal(response.status, 302)
    const login = await browser.get(response.headers.get('location')!)
    assert.include(login.text, '修改了密码，请重新登录')
  })

  test('修改其他资料（不改密码）不影响会话', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    const user = await User.findOrFail(studentZhang.id)
    user.email = 'zhangsan@example.edu.cn'
    await user.save()
    assert.isTrue(await isLoggedIn(browser))
  })
})

test.group('会话超时在服务端强制执行', (group) => {
  useDatabaseStore(group)

  test('空闲超过 2 小时后会话失效', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    const aged = await ageSession(studentZhang.id, (meta) => {
      meta.seen -= 2 * 3600 * 1000 + 1000
    })
    assert.equal(aged, 1)
    const { response } = await browser.get('/student')
    assert.equal(response.status, 302)
    const login = await browser.get(response.headers.get('location')!)
    assert.include(login.text, '长时间未操作')
  })

  test('登录超过 12 小时后会话失效，即使一直在操作', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    await ageSession(studentZhang.id, (meta) => {
      meta.at -= 12 * 3600 * 1000 + 1000
    })
    const { response } = await browser.get('/student')
    assert.equal(response.status, 302)
    const login = await browser.get(response.headers.get('location')!)
    assert.include(login.text, '登录已超过 12 小时')
  })

  test('服务端会话行过期后即失效（Cookie 仍在也无用）', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    await db
      .from('sessions')
      .where('user_id', String(studentZhang.id))
      .update({ expires_at: new Date(Date.now() - 1000) })
    assert.isFalse(await isLoggedIn(browser))
  })

  test('活动中的会话保持有效（1 小时前的请求不算空闲超时）', async ({ assert }) => {
    const { graduate, studentZhang } = await activatedStudent()
    const browser = await studentLogin(graduate)
    await ageSession(studentZhang.id, (meta) => {
      meta.seen -= 3600 * 1000
      meta.at -= 3600 * 1000
    })
    assert.isTrue(await isLoggedIn(browser))
  })
})
