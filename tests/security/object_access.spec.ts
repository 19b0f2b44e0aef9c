import { test } from '@japa/runner'
import { createHash } from 'node:crypto'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient, ApiResponse } from '@japa/api-client'
import { allResources } from '#core/admin/resource_registry'
import { buildWorld, type Actor, type SecurityWorld } from '#tests/security/helpers/world'

/**
 * Object-level access, generated from the router's route list (nothing hand-listed): every
 * route with an id-like parameter is tried by each kind of foreign actor with the id of an
 * object of the A side, and with a missing id. Rules proved:
 *  - 他人对象与不存在的对象答复一致: the foreign id answers exactly like a missing id, so ids
 *    cannot be told apart (404; 403 only where the actor kind may not use the route at all;
 *    a visitor is sent to the login page);
 *  - 同类外部账号一律 404: another student / employer / school answers 404;
 *  - 被拒绝的请求不改变任何数据: after every refused probe (reads too) the database is unchanged.
 * A route whose id parameter has no object in the world fails the test: add the object to
 * tests/security/helpers/world.ts, so new routes are covered from the day they are added.
 */

type Area = 'student' | 'employer' | 'school' | 'province' | 'public'
interface RouteInfo {
  pattern: string
  method: 'GET' | 'POST'
}

const ID_PARAM = /^:(id|\w+Id|\w+_id)$/
const MISSING = 999999

function areaOf(pattern: string): Area {
  const first = pattern.split('/')[1]
  if (first === 'student' || first === 'employer' || first === 'school' || first === 'province')
    return first
  return 'public'
}

/**
 * The A-side object behind an id parameter, found by the path segment before it (and the area).
 * This is a table of resource kinds, not of routes.
 */
function objectFor(w: SecurityWorld, pattern: string, param: string): number | undefined {
  const o = w.objects
  const area = areaOf(pattern)
  const segments = pattern.split('/')
  const index = segments.indexOf(param)
  const resource = segments[index - 1]
  const tail = segments.slice(index + 1).join('/')
  if (param === ':sectionId') return o.section
  if (param === ':fileId') return o.material
  const key = `${area}:${resource}`
  if (resource === 'messages') return o.messages[area as keyof typeof o.messages]
  switch (key) {
    case 'public:announcements':
      return o.hiddenAnnouncement
    case 'public:jobs':
      return o.hiddenJob
    case 'public:companies':
      return w.actors.pendingEmployer.id
    case 'public:fairs':
      return o.pendingFair
    case 'public:sessions':
      return o.pendingSession
    case 'public:files':
      return o.material
    case 'student:messages':
      return o.message
    case 'student:jobs':
      return o.hiddenJob
    case 'student:applications':
      return o.application
    case 'student:interviews':
      return o.interview
    case 'student:resumes':
      return o.resume
    case 'student:fairs':
      return o.pendingFair
    case 'student:sessions':
      return o.pendingSession
    case 'student:events':
      return o.pendingSession
    case 'student:registrations':
      return o.registration
    case 'student:signing':
      return o.invitation
    case 'student:termination':
      return o.termination
    case 'employer:jobs':
      return o.companyJob
    case 'employer:applications':
      return o.application
    case 'employer:fairs':
      return o.pendingFair
    case 'employer:signing':
      return o.invitation
    case 'employer:terminations':
      return o.termination
    case 'employer:plans':
      return o.plan
    case 'school:graduates':
    case 'school:hello-roster':
      return o.graduate
    case 'school:announcements':
      return o.announcement
    case 'school:staff':
      return o.staff
    case 'school:audit-logs':
      return o.auditLog
    case 'school:employment-plans':
      return o.plan
    case 'school:events':
      return tail === 'approve' || tail === 'reject' ? o.pendingSession : o.njsfFair
    case 'school:exhibitors':
      return o.pendingExhibitor
    case 'school:terminations':
      return o.termination
    case 'school:recommendations':
      return o.recommendation
    // The review queues (admin resources under /school/procedures/reviews/<type>).
    case 'school:source':
      return o.source
    case 'school:changes':
      return o.changeRequest
    case 'school:reports':
      return o.plan
    case 'province:school-admins':
      return o.schoolAdmin
    case 'province:schools':
      return o.school
    case 'province:employers':
      return o.employer
    case 'province:announcements':
      return o.hiddenAnnouncement
    case 'province:audit-logs':
      return o.auditLog
    case 'province:destination-codes':
      return o.destination
    case 'province:jobs':
      return o.failedJob
    case 'province:events':
      return tail === 'approve' || tail === 'reject' ? o.pendingProvinceSession : o.provinceFair
    case 'province:exhibitors':
      return o.pendingProvinceExhibitor
  }
  return undefined
}

const REVIEW_OBJECTS: Record<string, keyof SecurityWorld['objects']> = {
  source: 'source',
  changes: 'changeRequest',
  recommendations: 'recommendation',
  reports: 'plan',
  terminations: 'termination',
}

interface Probe {
  route: RouteInfo
  /** URL with the A-side ids and the same URL with missing ids. */
  foreignUrl: string
  missingUrl: string
}

/** Every concrete probe of a route (one per value of its non-id parameters). */
async function probesOf(w: SecurityWorld, route: RouteInfo): Promise<Probe[] | string> {
  const segments = route.pattern.split('/')
  const params = segments.filter((s) => s.startsWith(':'))
  // Values for the non-id parameters, generated from the code that defines them.
  const choices: Record<string, string[]> = {}
  for (const p of params) {
    if (ID_PARAM.test(p)) continue
    if (p === ':action') {
      const [, area, resourceId] = segments
      const def = (await allResources()).find((r) => r.area === area && r.id === resourceId)
      const isBulk = segments.includes('bulk')
      const ids = isBulk
        ? (def?.bulkActions ?? []).map((a: any) => a.id)
        : (def?.rowActions ?? []).map((a: any) => a.id)
      choices[p] = ids.length ? ids : ['probe-no-such-action']
    } else if (p === ':type') {
      choices[p] = Object.keys(REVIEW_OBJECTS)
    } else {
      return `non-id parameter ${p} without values`
    }
  }
  let combos: Record<string, string>[] = [{}]
  for (const [p, values] of Object.entries(choices)) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [p]: v })))
  }
  const probes: Probe[] = []
  for (const combo of combos) {
    const foreign: string[] = []
    const missing: string[] = []
    for (const s of segments) {
      if (!s.startsWith(':')) {
        foreign.push(s)
        missing.push(s)
      } else if (combo[s] !== undefined) {
        foreign.push(combo[s])
        missing.push(combo[s])
      } else {
        const id =
          s === ':id' && combo[':type']
            ? w.objects[REVIEW_OBJECTS[combo[':type']]]
            : objectFor(w, route.pattern, s)
        if (id === undefined) return `no A-side object for ${s}`
        foreign.push(String(id))
        missing.push(String(MISSING))
      }
    }
    probes.push({ route, foreignUrl: foreign.join('/'), missingUrl: missing.join('/') })
  }
  return probes
}

/** Plausible form values so that a refusal is not just a validation error. */
const BODY = {
  decision: 'approve',
  comment: '探测意见',
  status: 'viewed',
  answer: 'accept',
  reason: '协商一致',
  description: '探测说明',
  title: '探测标题',
  name: '探测',
  binding_acknowledged: '1',
  mode: 'onsite',
  place: '探测会议室',
  starts_at: '2030-01-01T10:00',
  content: '探测内容',
  booth_no: 'A1',
  ticket_code: 'PROBE-TICKET-0001',
  force_reason: '探测强制',
}

async function send(client: ApiClient, actor: Actor, method: 'GET' | 'POST', url: string) {
  let request = method === 'GET' ? client.get(url) : client.post(url)
  request = request.header('host', actor.host).redirects(0)
  if (actor.user) request = request.loginAs(actor.user)
  // The request builder narrows its body type after .redirects(); the probe body is a plain form.
  if (method === 'POST') request = (request.withCsrfToken() as any).form(BODY)
  return request
}

/** Status with the redirect target: a login redirect is one outcome, whatever the login page. */
function outcome(response: ApiResponse) {
  const status = response.status()
  if (status >= 300 && status < 400) {
    const location = String(response.header('location') ?? '')
    if (/\/(admin\/|employer\/)?login(\?|$)/.test(location)) return 'login'
    // Ids in the target are the probe's own: compare the shape only.
    return `${status}→${location.split('?')[0].replace(/\d+/g, 'N')}`
  }
  return String(status)
}

const SKIP_TABLES = new Set(['rate_limits', 'adonis_schema', 'adonis_schema_versions'])
let tableNames: string[] | null = null

/** A digest of every row of every table: "nothing changed" means this is equal. */
async function digest() {
  const client = db.connection()
  tableNames ??= (
    await client.getAllTables(client.dialect.name === 'postgres' ? ['public'] : undefined)
  ).filter((t) => !SKIP_TABLES.has(t))
  const hash = createHash('sha1')
  for (const table of tableNames!) {
    const rows = await client.from(table).select('*')
    rows.sort((a: any, b: any) => JSON.stringify(a).localeCompare(JSON.stringify(b)))
    hash.update(table).update(JSON.stringify(rows))
  }
  return hash.digest('hex')
}

/** Routes with an id-like parameter, from the router. */
function idRoutes(): RouteInfo[] {
  const list: RouteInfo[] = []
  for (const routes of Object.values(router.toJSON())) {
    for (const r of routes) {
      if (!r.pattern.split('/').some((s) => ID_PARAM.test(s))) continue
      // The JSON API authenticates with access tokens, not sessions: its object-level refusals
      // (another student's objects → 404) are proven with tokens in tests/functional/api and the
      // modules' api.spec.ts files.
      if (r.pattern.startsWith('/api/')) continue
      // Test-only admin resources of the framework tests (tests/functional/admin/framework_resources),
      // mounted when the whole run loads that file: they have no seeded objects to probe.
      if (/\/fw-/.test(r.pattern)) continue
      for (const method of r.methods) {
        if (method === 'HEAD') continue
        if (method !== 'GET' && method !== 'POST')
          throw new Error(`${method} ${r.pattern}: the probe only knows GET and POST`)
        list.push({ pattern: r.pattern, method })
      }
    }
  }
  return list
}

/** The owner of a route's objects (used to prove a probe's object is real). */
function ownerFor(w: SecurityWorld, area: Area) {
  return area === 'public' ? null : w.owners[area]
}

const COLLEGE_SCOPED = /^\/school\/(graduates|employment-plans|hello-roster|procedures)\//

const SAME_KIND: Record<Area, Actor['kind'][]> = {
  student: ['student'],
  employer: ['employer'],
  school: ['staff'],
  province: ['admin'],
  public: ['student', 'employer', 'staff', 'admin', 'anonymous'],
}

test.group('Security: object-level access generated from the route list', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('他人对象与不存在的对象答复一致（404），被拒绝的请求不改变任何数据', async ({
    client,
    assert,
  }) => {
    const w = await buildWorld()
    const routes = idRoutes()
    assert.isAbove(routes.length, 100, 'the router lists the app’s id routes')

    const failures: string[] = []
    const unverified: string[] = []
    const perRoute: Record<string, { probes: number; refused: number; outcomes: Set<string> }> = {}
    let probes = 0
    let refused = 0
    let before = await digest()

    for (const route of routes) {
      const list = await probesOf(w, route)
      const name = `${route.method} ${route.pattern}`
      if (typeof list === 'string') {
        failures.push(`${name}: ${list} (add it to tests/security/helpers/world.ts)`)
        continue
      }
      const area = areaOf(route.pattern)
      const stats = (perRoute[name] ??= { probes: 0, refused: 0, outcomes: new Set() })

      for (const probe of list) {
        // The object is real: its owner reaches it (reads only; writes would change it).
        const owner = ownerFor(w, area)
        if (owner && route.method === 'GET') {
          const ok = await send(client, owner, 'GET', probe.foreignUrl)
          const seen = outcome(ok)
          if (seen === '404' || seen === '403' || seen === 'login' || ok.status() >= 500)
            unverified.push(`${probe.foreignUrl}: its owner ${owner.label} gets ${seen}`)
        }
        before = await digest()

        for (const actor of w.foreign) {
          if (owner && actor.user?.id === owner.user?.id) continue
          // A college teacher is foreign only to students of other colleges; school-wide
          // objects (events, announcements, staff) are their own school's.
          if (actor.label === '另一学院辅导员' && !COLLEGE_SCOPED.test(route.pattern)) continue
          const foreignResponse = await send(client, actor, route.method, probe.foreignUrl)
          const after = await digest()
          const missingResponse = await send(client, actor, route.method, probe.missingUrl)
          const f = outcome(foreignResponse)
          const m = outcome(missingResponse)
          probes++
          stats.probes++
          // A refused form post may also bounce back with its message (the digest proves nothing changed).
          const isRefused = f === '404' || f === '403' || f === 'login' || f.startsWith('3')
          const sameAsMissing = f === m
          const sameKind = SAME_KIND[area].includes(actor.kind) && actor.kind !== 'anonymous'
          const must404 =
            route.method === 'GET' && sameKind && !(area === 'public' && actor.kind === 'anonymous')
          const problems: string[] = []
          if (!isRefused) problems.push(`answered ${f}`)
          if (!sameAsMissing) problems.push(`foreign ${f} but missing ${m}`)
          // A GET that only redirects (favourite → the job page) is fine when missing ids get the same.
          const redirectsAlike = f.startsWith('3') && sameAsMissing
          if (must404 && f !== '404' && !redirectsAlike)
            problems.push(`same-kind actor must get 404, got ${f}`)
          if (actor.kind === 'anonymous' && area !== 'public' && f !== 'login')
            problems.push(`a visitor must be sent to login, got ${f}`)
          if (after !== before) problems.push('DATA CHANGED')
          if (problems.length) {
            failures.push(
              `${route.method} ${probe.foreignUrl} as ${actor.label}: ${problems.join('; ')}`
            )
          } else {
            refused++
            stats.refused++
          }
          stats.outcomes.add(f)
          before = await digest()
        }
      }
    }

    const lines = Object.entries(perRoute).map(
      ([name, s]) => `  ${s.refused}/${s.probes}  ${name}  [${[...s.outcomes].join(',')}]`
    )
    console.log(
      `\nobject access: ${probes} probes over ${Object.keys(perRoute).length} routes and ${w.foreign.length} actors, ${refused} refused as required, ${failures.length} failures\n${lines.join('\n')}\n`
    )
    if (unverified.length)
      console.log(
        `probes whose object its owner cannot open (page not meant for it):\n  ${unverified.join('\n  ')}`
      )
    if (failures.length) console.log(failures.join('\n'))
    assert.deepEqual(failures, [])
  }).timeout(600000)
})

test.group('Security: ids carried in form fields', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  // Issue 9 item 2 (fixed in signing_service by commit 9e28d0f): applicant mode names a user id.
  test('单位只能向本单位的申请人发送签约邀请：他人学生的 user id 被拒绝且不产生邀请', async ({
    client,
    assert,
  }) => {
    const w = await buildWorld()
    const { invitationForm } = await import('#modules/procedures/tests/helpers')
    const before = await db.from('signing_invitations').count('* as n').first()
    const response = await client
      .post('/employer/procedures/signing')
      .header('host', 'localhost')
      .loginAs(w.actors.employerBUser)
      .withCsrfToken()
      .form({
        ...invitationForm(w.core.njsf.id),
        mode: 'applicant',
        applicant_user_id: w.core.studentZhang.id,
      })
      .redirects(0)
    assert.notInclude([200, 201], response.status())
    assert.notInclude(response.text(), '2026000001')
    const after = await db.from('signing_invitations').count('* as n').first()
    assert.equal(Number(after.n), Number(before.n), 'no invitation to a student who never applied')
  })
})
