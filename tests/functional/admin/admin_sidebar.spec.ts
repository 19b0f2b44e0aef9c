import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import { twoSchools } from '#tests/helpers/cast'
import { as } from '#tests/helpers/requests'
import { seedJobSeekingDemo } from '#modules/job_seeking/database/demo'
import { seedEvents } from '#modules/events/database/demo'
import { seedProcedures } from '#modules/procedures/database/demo'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { QUEUES } from '#modules/procedures/services/review_queues'
import { allResources } from '#core/admin/resource_registry'
import signingService from '#modules/procedures/services/signing_service'
import { acceptForm, invite } from '#modules/procedures/tests/helpers'

/**
 * 管理后台侧栏常在: every GET page of /school and /province (core and module pages) renders inside
 * `admin/shell` with the area's sidebar. Generated from the router's route list, ids from the
 * world below; downloads (CSV/XLSX exports, uploaded files, the print sheet) are not pages.
 */

/**
 * The crawl needs a row in every admin resource: the two-school cast built on factories (the
 * people and codes the modules' demo seeders look up), then the modules' own demo rows.
 */
async function twoSchoolsWithModuleRows() {
  const core = await twoSchools()
  await dictionaries.ensureSeeded()
  await seedJobSeekingDemo(core)
  await seedEvents(core)
  await seedProcedures()
  // A signed contract: an employment plan (就业方案) and audit entries to open.
  const invitation = await invite(core.employerUser, core.njsf.id)
  await signingService.accept(core.studentZhang, invitation.id, acceptForm)
  return core
}

const NOT_PAGES = [/\.csv$/, /\/export\/:format$/, /\/materials\/:fileId$/, /\/print$/]
const IDS = Array.from({ length: 8 }, (_, i) => String(i + 1))

/**
 * Routes mounted for every admin resource that a resource without a create / edit form does not
 * offer (操作日志 are read-only, 用人单位 register themselves): they answer 404 and are not pages.
 */
async function notOffered() {
  const out = new Set<string>()
  for (const def of await allResources()) {
    const base = `/${def.area}/${def.path ?? def.id}`
    if (!def.form || def.form.create === false) out.add(`${base}/new`)
    if (!def.form || def.form.edit === false) out.add(`${base}/:id/edit`)
  }
  // The module's older queue URL only redirects to the queue resource's list (not a page).
  out.add('/school/procedures/reviews')
  return out
}

function adminGetPatterns(area: '/school' | '/province') {
  const out: string[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const r of routes) {
      if (!r.methods.includes('GET')) continue
      if (r.pattern !== area && !r.pattern.startsWith(area + '/')) continue
      if (NOT_PAGES.some((re) => re.test(r.pattern))) continue
      out.push(r.pattern)
    }
  }
  return [...new Set(out)]
}

/**
 * Candidate URLs of a pattern: `:type` from the review queues; `:id` first from the links of the
 * list page above it (real rows of this actor), then the small seeded ids.
 */
function candidates(pattern: string, listHtml: string) {
  let urls = [pattern]
  if (pattern.includes(':type')) urls = QUEUES.map((q) => pattern.replace(':type', q.type))
  if (!pattern.includes(':id')) return urls
  return urls.flatMap((u) => {
    const [before] = u.split(':id')
    const linked = [...listHtml.matchAll(new RegExp(`href="${before}(\\d+)[/"?]`, 'g'))].map(
      (m) => m[1]
    )
    return [...new Set([...linked, ...IDS])].map((id) => u.replace(':id', id))
  })
}

test.group('管理后台侧栏：学校和省级后台的每个页面都带侧栏', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.timeout(180_000)

  test('every GET page under /school and /province renders admin/shell with the sidebar', async ({
    client,
    assert,
  }) => {
    const core = await twoSchoolsWithModuleRows()
    const actors = [
      { area: '/school' as const, user: core.njsfStaff, site: 'njsf' },
      { area: '/province' as const, user: core.admin, site: null },
    ]
    const withoutSidebar: string[] = []
    const unreached: string[] = []
    let checked = 0
    const skip = await notOffered()
    for (const actor of actors) {
      const patterns = adminGetPatterns(actor.area)
      assert.isAbove(patterns.length, 10, `no routes found under ${actor.area}`)
      for (const pattern of patterns) {
        if (skip.has(pattern)) continue
        let listHtml = ''
        if (pattern.includes(':id')) {
          const list = pattern.split('/:id')[0].replace(/\/:type$/, '')
          // A list with tabs opens on its default tab (e.g. 待处理): every tab's rows ('all') too.
          for (const url of [list, `${list}?tab=all`])
            listHtml += (
              await as(client, actor.user, { site: actor.site }).visit(url).redirects(0)
            ).text()
        }
        // A review queue the demo world has no row in (its record page is the same view as the
        // other queues', reached through the module's /reviews/:type/:id URL).
        if (
          (pattern.startsWith('/school/procedures/reviews/') || pattern === '/province/jobs/:id') &&
          !pattern.includes(':type') &&
          !listHtml.includes('data-row=')
        )
          continue
        let page: { url: string; html: string } | null = null
        for (const url of candidates(pattern, listHtml)) {
          const response = await as(client, actor.user, { site: actor.site })
            .visit(url)
            .redirects(0)
          if (
            response.status() === 200 &&
            String(response.header('content-type')).includes('text/html')
          ) {
            page = { url, html: response.text() }
            break
          }
        }
        if (!page) {
          unreached.push(pattern)
          continue
        }
        checked++
        const sidebar = page.html.match(/<aside class="admin-side"[\s\S]*?<\/aside>/)?.[0] ?? ''
        // The sidebar is the area's menu: it links back to the 工作台 of the area.
        if (!sidebar.includes(`href="${actor.area}"`)) withoutSidebar.push(`${page.url}`)
      }
    }
    assert.deepEqual(withoutSidebar, [], 'pages rendered without the admin sidebar')
    assert.deepEqual(unreached, [], 'pages the seeded data could not open (add ids or list why)')
    assert.isAbove(checked, 40)
  })
})
