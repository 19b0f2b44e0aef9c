import { mkdirSync } from 'node:fs'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import { PASSWORD } from '#database/factories/core'
import { siteUrl } from '#tests/helpers/urls'
import { phoneContext, seedStudentWorld } from '#tests/browser/phone/phone'

/** Areas that are not the student's: their own pages, files and machine endpoints. */
const NOT_STUDENT =
  /^\/(school|province|employer|admin|api|web|files|vendor|queue)(\/|$)|^\/favicon|^\/hello-public$/

/** GET routes that are not pages: file downloads and the 91job-compatible redirect links (need their query). */
const NOT_PAGES = new Set([
  '/student/resumes/:id/pdf',
  '/student/resumes/:id/attachment',
  '/sub-station/lectureDetail',
  '/recruitment/meetingDetail',
])

type World = Awaited<ReturnType<typeof seedStudentWorld>>

/** The seeded record behind each route parameter; a new student route with a parameter must be added here. */
function idsFor(w: World): Record<string, number | undefined> {
  return {
    '/jobs/:id': w.devJob.id,
    '/companies/:id': w.devJob.employerId,
    '/announcements/:id': w.announcement?.id,
    '/fairs/:id': w.fair.id,
    '/sessions/:id': w.session.id,
    '/student/jobs/:id/apply': w.jobs.find((j) => j.title === '会计助理')!.id,
    '/student/jobs/:id/favourite': w.devJob.id,
    '/student/applications/:id': w.application.id,
    '/student/interviews/:id': w.interview.id,
    '/student/resumes/:id': w.zhangResumes[0].id,
    '/student/resumes/:id/preview': w.zhangResumes[0].id,
    '/student/fairs/:id': w.fair.id,
    '/student/sessions/:id': w.session.id,
    '/student/registrations/:id/ticket': w.registration.id,
    '/student/procedures/signing/:id': w.invitation.id,
  }
}

/** Every GET page a student (or a visitor before activation) opens, from the router's own list. */
function studentPages(w: World) {
  const ids = idsFor(w)
  const patterns = new Set<string>()
  for (const routes of Object.values(router.toJSON())) {
    for (const r of routes) {
      if (!r.methods.includes('GET') || NOT_STUDENT.test(r.pattern) || NOT_PAGES.has(r.pattern))
        continue
      patterns.add(r.pattern)
    }
  }
  const missing: string[] = []
  const pages: { pattern: string; path: string }[] = []
  for (const pattern of patterns) {
    if (!pattern.includes(':')) {
      pages.push({ pattern, path: pattern })
      continue
    }
    const id = ids[pattern]
    if (id === undefined) missing.push(pattern)
    else pages.push({ pattern, path: pattern.replace(/:[a-z_]+/, String(id)) })
  }
  return { pages, missing }
}

test.group('Phone (iPhone 13, 390 px): no student page scrolls sideways', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.timeout(180_000)

  test('every student GET page fits 390 px: document.scrollWidth <= innerWidth (screenshots of failures in tmp/phone-overflow/)', async ({
    browser,
    assert,
  }) => {
    const w = await seedStudentWorld()
    const { pages, missing } = studentPages(w)
    assert.deepEqual(missing, [], 'student routes with a parameter but no seeded id in idsFor()')
    assert.isAbove(pages.length, 25)

    const context = await phoneContext(browser)
    const page = await context.newPage()
    page.setDefaultTimeout(15_000)
    const outDir = app.makePath('tmp', 'phone-overflow')
    mkdirSync(outDir, { recursive: true })

    // Visitors' pages first (activation comes before login), then log in as 张三 on his subsite.
    const publicPages = pages.filter((p) => !p.pattern.startsWith('/student'))
    const studentOnly = pages.filter((p) => p.pattern.startsWith('/student'))
    const failures: string[] = []
    const checked: string[] = []
    const check = async (path: string) => {
      // Downloads (PDF, attachment) and JSON answers are not pages.
      let type = ''
      let status = 0
      try {
        const response = await page.goto(siteUrl('njsf', path), { waitUntil: 'load' })
        type = response?.headers()['content-type'] ?? ''
        status = response?.status() ?? 0
      } catch (error) {
        if (String(error).includes('Download is starting')) return
        throw error
      }
      if (!type.includes('text/html')) return
      if (status >= 400) failures.push(`${path}: answered ${status}`)
      checked.push(path)
      const result = await page.evaluate(() => {
        // Runs in the page; the test project has no DOM types.
        const { window, document } = globalThis as any
        const width = window.innerWidth
        const overflow = document.documentElement.scrollWidth > width
        const culprits: string[] = []
        if (overflow) {
          for (const el of Array.from<any>(document.body.querySelectorAll('*'))) {
            const box = el.getBoundingClientRect()
            if (box.right > width + 1 && box.width > 0) {
              const id = el.id ? '#' + el.id : ''
              const cls =
                typeof el.className === 'string' && el.className
                  ? '.' + el.className.trim().split(/\s+/).join('.')
                  : ''
              culprits.push(
                `${el.tagName.toLowerCase()}${id}${cls} (right ${Math.round(box.right)})`
              )
            }
          }
        }
        // A table that only scrolls inside its wrapper hides columns just the same; a cell a few pixels
        // wide shows two characters a line.
        for (const wrap of Array.from<any>(document.querySelectorAll('.table-wrap'))) {
          if (wrap.scrollWidth > wrap.clientWidth + 1)
            culprits.push(
              `.table-wrap scrolls sideways (${wrap.scrollWidth} > ${wrap.clientWidth})`
            )
        }
        for (const cell of Array.from<any>(document.querySelectorAll('td, th'))) {
          const text = (cell.textContent || '').trim()
          const box = cell.getBoundingClientRect()
          if (text.length > 2 && box.width > 0 && box.width < 48)
            culprits.push(
              `${cell.tagName.toLowerCase()} squeezed to ${Math.round(box.width)}px: ${text.slice(0, 12)}`
            )
        }
        return {
          overflow: overflow || culprits.length > 0,
          scrollWidth: document.documentElement.scrollWidth,
          width,
          culprits: culprits.slice(0, 5),
        }
      })
      if (result.overflow) {
        const file = `${outDir}/${path.replace(/[^a-z0-9]+/gi, '_') || 'home'}.png`
        await page.screenshot({ path: file, fullPage: true })
        failures.push(
          `${path}: page ${result.scrollWidth}px wide at a ${result.width}px viewport — ${result.culprits.join(', ')} (screenshot ${file})`
        )
      }
    }
    for (const p of publicPages) await check(p.path)

    await page.goto(siteUrl('njsf', '/login'))
    await page.locator('input[name=student_number]').fill('2026000001')
    await page.locator('input[name=password]').fill(PASSWORD)
    await page.getByRole('button', { name: '登录' }).tap()
    await page.waitForURL(/\/student$/)
    for (const p of studentOnly) await check(p.path)
    // The tabs of 求职记录 are pages of their own (htmx with pushed URLs).
    for (const tab of ['interviews', 'favourites']) await check(`/student/records?tab=${tab}`)

    assert.isAbove(checked.length, 25)
    assert.deepEqual(failures, [])
    await context.close()
  })
})
