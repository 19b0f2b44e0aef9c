// `npm run bench`: the one benchmark of the platform (issue 12).
//
// 1. builds the app (`node ace build` into build/, the root node_modules linked into build/),
// 2. prepares its own PostgreSQL database (BENCH_DATABASE, default `bench_employment`; PG_* env):
//    migrations, the demo seeders, 200,000 jobs, 5,000 activated students, the baseline's `fortune` table,
// 3. starts the production build (`node build/bin/server.js`, NODE_ENV=production in the process
//    environment) and the raw node:http + pg Fortunes baseline (scripts/bench/baseline.mjs) side by side,
// 4. measures every scenario alternating baseline and app (A B A B …) so drift hits both,
// 5. runs the seat rush (5,000 distinct logged-in students, 1,000 seats) and checks the database,
// 6. prints one table and the web process's RSS.
//
//   npm run bench                      full run
//   npm run bench -- --quick           smoke run: 20,000 jobs, 2 s rounds, rush of 2,000 students for 400 seats
//   npm run bench -- --only=jobs,rush  scenarios whose id is or starts with one of these
//   npm run bench -- jobs | register   the old bench:jobs / bench:register (= --only=jobs / --only=rush)
//   npm run bench -- push              the old bench:push (subscription fan-out, in-process)
// Environment: BENCH_REUSE=1 (keep the seeded database), BENCH_SKIP_BUILD=1 (use build/ as it is),
// BENCH_JOBS, BENCH_STUDENTS, BENCH_SEATS, BENCH_SECONDS, BENCH_ROUNDS, BENCH_CONNECTIONS (16),
// BENCH_RUSH_CONCURRENCY (64), BENCH_CLIENT=node (no wrk), BENCH_NODE_ARGS (e.g. --cpu-prof),
// BENCH_QUEUE_DRIVER (sync | redis), DB_POOL_MAX (8, the same for app and baseline).
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, readFileSync, symlinkSync, lstatSync, mkdirSync, openSync, rmSync, cpSync } from 'node:fs'
import { createServer } from 'node:net'
import { loadavg, cpus } from 'node:os'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import pg from 'pg'
import { load, request, pool, percentile, CookieJar, csrfFrom, hasWrk } from './load.mjs'
import { Encryption } from '@adonisjs/core/encryption'
import { cuid } from '@adonisjs/core/helpers'
import Tokens from 'csrf'
import { seedBench, createRushFair, seededCounts, studentNumber, PASSWORD, RARE_TITLE } from './seed.mjs'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
// BENCH_BUILD_DIR: run a copy of the build (another engineer's `node ace build` then cannot swap
// files under the running server); `npm run bench` builds into build/ and copies it there.
const BUILD_OUT = `${ROOT}build/`
const BUILD = process.env.BENCH_BUILD_DIR ? `${process.env.BENCH_BUILD_DIR.replace(/\/$/, '')}/` : BUILD_OUT
const args = process.argv.slice(2)
const flag = (name) => args.includes(`--${name}`)
const option = (name) => args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1]

// Sub-commands of the old scripts.
const sub = args.find((a) => !a.startsWith('--'))
if (sub === 'push') {
  const r = spawnSync(process.execPath, ['--import=ts-node-maintained/register/esm', 'modules/job_seeking/bench/push.ts'], { cwd: ROOT, stdio: 'inherit' })
  process.exit(r.status ?? 1)
}
const SUBS = { jobs: 'jobs', register: 'rush', rush: 'rush' }
if (sub && !SUBS[sub]) {
  console.error(`unknown sub-command "${sub}" (jobs, register, push)`)
  process.exit(2)
}
const only = (option('only') ?? (sub ? SUBS[sub] : '')).split(',').filter(Boolean)
const selected = (id) => !only.length || only.some((f) => id === f || id.startsWith(`${f}-`))

const QUICK = flag('quick')
const num = (name, full, quick) => Number(process.env[name] ?? (QUICK ? quick : full))
const JOBS = num('BENCH_JOBS', 200_000, 20_000)
// The quick run's rush is smaller: logging 5,000 students in dominates a smoke run on a busy machine.
const STUDENTS = num('BENCH_STUDENTS', 5000, 2000)
const SEATS = num('BENCH_SEATS', 1000, 400)
const SECONDS = num('BENCH_SECONDS', 5, 2)
const ROUNDS = num('BENCH_ROUNDS', 2, 2)
const WARM_SECONDS = num('BENCH_WARM_SECONDS', 3, 1)
const CONNECTIONS = num('BENCH_CONNECTIONS', 16, 16)
// --in-flight=64,256: one rush per count (BENCH_RUSH_CONCURRENCY the same); --workers=2: WEB_CONCURRENCY
// web processes behind one port (bin/server.ts, Node's cluster module); --login=direct|form.
const RUSH_IN_FLIGHT = (option('in-flight') ?? process.env.BENCH_RUSH_CONCURRENCY ?? '64').split(',').map(Number)
if (RUSH_IN_FLIGHT.some((n) => !Number.isInteger(n) || n < 1)) throw new Error('--in-flight wants counts, e.g. --in-flight=64,256')
const WORKERS = Number(option('workers') ?? process.env.WEB_CONCURRENCY ?? 1)
const LOGIN_MODE = option('login') ?? 'direct'
if (!['direct', 'form'].includes(LOGIN_MODE)) throw new Error('--login is direct or form')
const LOGIN_IN_FLIGHT = 64
const REUSE = process.env.BENCH_REUSE === '1'
const database = process.env.BENCH_DATABASE ?? 'bench_employment'
if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`BENCH_DATABASE "${database}" must be a plain identifier`)
const pgConfig = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
}
const log = (...a) => console.log('[bench]', ...a)

// Never leave a child running behind us, whatever happens.
const children = new Set()
let stopping = false
// Graceful first (SIGTERM), then SIGKILL for a process still there after 5 s.
async function stopAll() {
  stopping = true
  const running = [...children].filter((c) => c.exitCode === null && c.signalCode === null)
  for (const c of running) c.kill('SIGTERM')
  await Promise.all(
    running.map((c) => new Promise((resolve) => {
      const timer = setTimeout(() => (c.kill('SIGKILL'), resolve()), 5000)
      c.on('exit', () => (clearTimeout(timer), resolve()))
    }))
  )
}
process.on('exit', () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
})
process.on('SIGINT', () => process.exit(130))
process.on('uncaughtException', (error) => {
  console.error(error)
  process.exit(1)
})

function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer()
    s.on('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })
}

// The app's environment: .env.example gives every required variable its default (so a new one, e.g. a
// session store, follows the example), the caller's environment overrides it, the bench fixes the rest.
function exampleEnv() {
  const out = {}
  for (const line of readFileSync(`${ROOT}.env.example`, 'utf8').split('\n')) {
    const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
    if (m) out[m[1]] = m[2]
  }
  return out
}
const appPort = await freePort()
const baselinePort = await freePort()
const appEnv = {
  ...exampleEnv(),
  ...process.env,
  TZ: 'UTC',
  NODE_ENV: 'production',
  HOST: '127.0.0.1',
  PORT: String(appPort),
  APP_KEY: process.env.APP_KEY || 'bench-app-key-0123456789abcdefghijklmnop',
  APP_DOMAIN: 'localhost',
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'error',
  DB_CONNECTION: 'pg',
  PG_HOST: pgConfig.host,
  PG_PORT: String(pgConfig.port),
  PG_USER: pgConfig.user,
  PG_PASSWORD: pgConfig.password,
  PG_DATABASE: database,
  DB_POOL_MAX: process.env.DB_POOL_MAX ?? '8',
  QUEUE_DRIVER: process.env.BENCH_QUEUE_DRIVER ?? 'sync',
  QUEUE_PREFIX: process.env.QUEUE_PREFIX ?? 'bench',
  WEB_CONCURRENCY: String(WORKERS),
}

// 1. Build
if (process.env.BENCH_SKIP_BUILD === '1' && existsSync(`${BUILD}bin/server.js`)) {
  log(`using ${BUILD.slice(BUILD.startsWith(ROOT) ? ROOT.length : 0)} as it is (BENCH_SKIP_BUILD=1)`)
} else {
  log('building (node ace build) …')
  const t = performance.now()
  // Type errors are tsc's business (npm run typecheck); the bench measures what compiles.
  const r = spawnSync(process.execPath, ['ace', 'build', '--ignore-ts-errors'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) process.exit(r.status ?? 1)
  log(`built in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  if (BUILD !== BUILD_OUT) {
    rmSync(BUILD, { recursive: true, force: true })
    cpSync(BUILD_OUT, BUILD, { recursive: true, verbatimSymlinks: true, filter: (src) => src !== `${BUILD_OUT}node_modules` })
  }
}
// Production dependencies: the root node_modules, linked (offline, instant; `npm ci --omit=dev`
// would download and take minutes; the extra dev packages are never loaded by the server).
const linkPath = `${BUILD}node_modules`
let linked = false
try {
  linked = lstatSync(linkPath).isSymbolicLink() || lstatSync(linkPath).isDirectory()
} catch {}
if (!linked) symlinkSync(`${ROOT}node_modules`, linkPath, 'dir')

// 2. Database
const admin = new pg.Client({ ...pgConfig, database: 'postgres' })
await admin.connect()
const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
if (!exists.rowCount) await admin.query(`CREATE DATABASE ${database}`)
await admin.end()
const client = new pg.Client({ ...pgConfig, database })
await client.connect()
const ace = (argv, env) => {
  const r = spawnSync(process.execPath, ['ace.js', ...argv], { cwd: BUILD, env, stdio: ['ignore', 'ignore', 'inherit'] })
  if (r.status !== 0) {
    console.error(`node ace ${argv.join(' ')} failed`)
    process.exit(r.status ?? 1)
  }
}
let counts = REUSE ? await seededCounts(client).catch(() => null) : null
if (REUSE && counts && counts.jobs > 0 && counts.students >= STUDENTS && counts.fortunes === 12) {
  log(`reusing database "${database}" (BENCH_REUSE=1): ${counts.jobs.toLocaleString()} jobs, ${counts.students} bench students`)
  // Migrations added since the database was seeded (a new table, a new column) run first.
  ace(['migration:run', '--force'], appEnv)
} else {
  if (REUSE) log('BENCH_REUSE=1 but the database holds no complete bench data: seeding it')
  const t = performance.now()
  log(`database "${database}": migration:fresh, demo seeders, ${JOBS.toLocaleString()} jobs, ${STUDENTS} students …`)
  ace(['migration:fresh', '--force'], appEnv)
  // The demo seeders run in the development environment only.
  ace(['db:seed'], { ...appEnv, NODE_ENV: 'development' })
  await seedBench(client, { jobs: JOBS, students: STUDENTS })
  counts = await seededCounts(client)
  log(`seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`)
}

// 3. Servers
// Server output goes to tmp/bench/<name>.log (an error storm would bury the table).
mkdirSync(`${ROOT}tmp/bench`, { recursive: true })
function startServer(name, argv, options) {
  const logFile = `${ROOT}tmp/bench/${name}.log`
  const fd = openSync(logFile, 'w')
  const child = spawn(process.execPath, argv, { ...options, stdio: ['ignore', fd, fd] })
  log(`${name} output: ${logFile.slice(ROOT.length)}`)
  children.add(child)
  child.on('exit', (code) => {
    if (!stopping) {
      console.error(`${name} exited early (${code})`)
      process.exit(1)
    }
  })
  return child
}
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
const app = startServer('app', [...nodeArgs, 'bin/server.js'], { cwd: BUILD, env: appEnv })
startServer('baseline', ['scripts/bench/baseline.mjs'], {
  cwd: ROOT,
  env: { ...process.env, PG_HOST: pgConfig.host, PG_PORT: String(pgConfig.port), PG_USER: pgConfig.user, PG_PASSWORD: pgConfig.password, PG_DATABASE: database, BASELINE_PORT: String(baselinePort), DB_POOL_MAX: appEnv.DB_POOL_MAX, NODE_ENV: 'production' },
})
async function waitFor(port, host, path) {
  for (let i = 0; i < 600; i++) {
    try {
      const r = await request(port, host, 'GET', path)
      if (r.status === 200) return
    } catch {}
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`no 200 from ${host}${path} after 60 s`)
}
await waitFor(appPort, 'localhost', '/')
await waitFor(baselinePort, 'localhost', '/fortunes')
log(`app (pid ${app.pid}) on :${appPort}, baseline on :${baselinePort}, client ${hasWrk() ? 'wrk' : 'node'}, ${CONNECTIONS} connections`)

// 4. Scenarios
const MAIN = 'localhost'
const SCHOOL = 'njsf.localhost'
const q = encodeURIComponent
const company = await client.query(`SELECT id FROM employers WHERE uscc = '91320100MA1888880G'`)
const fair = await client.query(
  `SELECT e.id, s.code, s.is_main FROM recruitment_events e JOIN sites s ON s.id = e.site_id
   WHERE e.kind = 'fair' AND e.status = 'published' AND e.title <> '压测招聘会' ORDER BY s.is_main DESC, e.id LIMIT 1`
)
const demoFair = fair.rows[0]
const scenarios = [
  { id: 'home', label: 'portal home (anonymous)', host: MAIN, path: '/' },
  { id: 'announcements', label: '/announcements', host: MAIN, path: '/announcements' },
  { id: 'jobs', label: '/jobs (no filter)', host: MAIN, path: '/jobs' },
  { id: 'jobs-keyword', label: '/jobs keyword 会计', host: MAIN, path: `/jobs?keyword=${q('会计')}` },
  { id: 'jobs-keyword-city', label: '/jobs 会计 + 南京市', host: MAIN, path: `/jobs?keyword=${q('会计')}&city=${q('南京市')}` },
  { id: 'jobs-deep', label: '/jobs 软件开发 + salary, page 3', host: MAIN, path: `/jobs?keyword=${q('软件开发')}&salary=${q('8千-1.2万/月')}&page=3` },
  { id: 'jobs-rare', label: `/jobs rare keyword ${RARE_TITLE.slice(0, 3)}`, host: MAIN, path: `/jobs?keyword=${q(RARE_TITLE.slice(0, 3))}` },
  { id: 'jobs-long', label: '/jobs keyword 工程师 (3 chars)', host: MAIN, path: `/jobs?keyword=${q('工程师')}` },
  { id: 'jobs-sort', label: '/jobs city + industry, by salary', host: MAIN, path: `/jobs?city=${q('苏州市')}&industry=${q('制造业')}&sort=salary` },
  company.rowCount && { id: 'company', label: 'company page', host: MAIN, path: `/companies/${company.rows[0].id}` },
  demoFair && { id: 'fair', label: 'fair detail', host: demoFair.is_main ? MAIN : `${demoFair.code}.localhost`, path: `/fairs/${demoFair.id}` },
  { id: 'student-home', label: 'student home (logged in)', host: SCHOOL, path: '/student', loggedIn: true },
  { id: 'student-events', label: '我报名的活动 (logged in)', host: SCHOOL, path: '/student/events', loggedIn: true },
].filter((s) => s && selected(s.id))
const runRush = selected('rush')

// Log in through the real 【学生登录】 form of 南京示范大学's subsite (the school comes from the host),
// then open the student home for a session-bound CSRF token. The jar keeps whatever cookies the
// session store sets, so the cookie store and a server-side store both work.
const loginAgent = new http.Agent({ keepAlive: true, maxSockets: 16 })
async function login(number, { openHome = true } = {}) {
  const jar = new CookieJar()
  const form = await request(appPort, SCHOOL, 'GET', '/login', { agent: loginAgent })
  jar.take(form.headers['set-cookie'])
  const body = new URLSearchParams({ _csrf: csrfFrom(form.text) ?? '', student_number: number, password: PASSWORD }).toString()
  const r = await request(appPort, SCHOOL, 'POST', '/login', {
    agent: loginAgent,
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), 'cookie': jar.header() },
    body,
  })
  jar.take(r.headers['set-cookie'])
  if (r.status !== 302 || r.headers.location !== '/student') throw new Error(`login of ${number} failed: ${r.status} → ${r.headers.location}`)
  // The rush keeps the login form's token (the session keeps its CSRF secret across the login): two
  // requests per student instead of three.
  if (!openHome) return { number, cookie: jar.header(), token: csrfFrom(form.text) }
  const home = await request(appPort, SCHOOL, 'GET', '/student', { agent: loginAgent, headers: { cookie: jar.header() } })
  jar.take(home.headers['set-cookie'])
  if (home.status !== 200) throw new Error(`student home of ${number} answered ${home.status} after login`)
  return { number, cookie: jar.header(), token: csrfFrom(home.text) }
}

// --login=direct: what a login through the form stores, written for the other students. The first
// student logs in through the form; its sessions row is the template. A login writes exactly
// { csrf-secret, auth_web: user id, auth_meta: { uid, v: users.session_version, at, seen } } under a
// fresh cuid, tags the row with the user id, and sets the cookie to the signed id: the same here
// (the same libraries sign the cookie and make the CSRF token). If the template has any other shape
// the bench stops and asks for --login=form rather than guess. (users.last_login_at stays as it was.)
const SESSION_COOKIE = 'employment-session'
async function directSessions(numbers) {
  const first = await login(numbers[0], { openHome: false })
  const { rows: users } = await client.query(
    `SELECT id, username, session_version FROM users WHERE kind = 'student' AND username = ANY($1::text[])`,
    [numbers]
  )
  const byNumber = new Map(users.map((u) => [u.username, u]))
  const firstUser = byNumber.get(numbers[0])
  if (!firstUser || users.length !== numbers.length) throw new Error(`--login=direct: ${numbers.length - users.length} bench students missing`)
  const template = await client.query(
    `SELECT data, expires_at FROM sessions WHERE user_id = $1 ORDER BY expires_at DESC LIMIT 1`,
    [String(firstUser.id)]
  )
  const data = template.rowCount ? JSON.parse(template.rows[0].data).message : null
  const shape = (o) => Object.keys(o ?? {}).sort().join(',')
  if (shape(data) !== 'auth_meta,auth_web,csrf-secret' || shape(data.auth_meta) !== 'at,seen,uid,v' || data.auth_web !== firstUser.id)
    throw new Error(`--login=direct: the login stores ${JSON.stringify(data)}, not the shape this bench writes; use --login=form`)
  const encryption = new Encryption({ secret: appEnv.APP_KEY })
  const tokens = new Tokens()
  const expiresAt = template.rows[0].expires_at
  const out = [first]
  const rows = []
  for (const number of numbers.slice(1)) {
    const user = byNumber.get(number)
    const id = cuid()
    const secret = tokens.secretSync()
    const at = Date.now()
    const message = { 'csrf-secret': secret, 'auth_web': user.id, 'auth_meta': { uid: user.id, v: user.session_version, at, seen: at } }
    rows.push([id, String(user.id), JSON.stringify({ message, purpose: id }), expiresAt])
    const cookie = `${SESSION_COOKIE}=${encodeURIComponent(`s:${encryption.verifier.sign(id, undefined, SESSION_COOKIE)}`)}`
    out.push({ number, cookie, token: tokens.create(secret) })
  }
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000)
    await client.query(
      `INSERT INTO sessions (id, user_id, data, expires_at) SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::timestamptz[])`,
      [0, 1, 2, 3].map((k) => chunk.map((r) => r[k]))
    )
  }
  return out
}

// The web processes: the server itself, or with --workers=N its cluster workers (children of it).
function webPids() {
  if (WORKERS <= 1) return [app.pid]
  try {
    return readFileSync(`/proc/${app.pid}/task/${app.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean).map(Number)
  } catch {
    return [app.pid]
  }
}
/** CPU seconds (user + system) per web process. */
function workerCpu() {
  const ticks = 100 // USER_HZ on Linux
  const out = new Map()
  for (const pid of webPids()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ')
      out.set(pid, (Number(fields[11]) + Number(fields[12])) / ticks)
    } catch {}
  }
  return out
}

// 64 students browse the logged-in pages; each registers for a demo fair of the school first (through
// the app) so 我报名的活动 lists something. The rush (another fair) logs in all students afresh.
const pageStudents = Math.min(64, Math.max(0, STUDENTS - SEATS))
let sessions = []
if (scenarios.some((s) => s.loggedIn)) {
  sessions = await Promise.all(Array.from({ length: pageStudents }, (_, i) => login(studentNumber(STUDENTS - i))))
  const schoolFair = await client.query(
    `SELECT e.id FROM recruitment_events e JOIN sites s ON s.id = e.site_id WHERE s.code = 'njsf' AND e.kind = 'fair' AND e.status = 'published' AND e.title <> '压测招聘会' ORDER BY e.id LIMIT 1`
  )
  if (schoolFair.rowCount) {
    await pool(sessions, 8, (s) =>
      request(appPort, SCHOOL, 'POST', `/student/events/${schoolFair.rows[0].id}/register`, {
        agent: loginAgent,
        headers: { 'cookie': s.cookie, 'x-csrf-token': s.token, 'hx-request': 'true', 'content-length': 0 },
      })
    )
  }
}

const baselineRequests = [{ path: '/fortunes' }]
const results = []
if (scenarios.length) {
  log(`warming the baseline up (${WARM_SECONDS * 2} s)`)
  await load({ port: baselinePort, host: MAIN, requests: baselineRequests, connections: CONNECTIONS, seconds: WARM_SECONDS * 2 })
}
for (const s of scenarios) {
  const requests = s.loggedIn ? sessions.map((x) => ({ path: s.path, cookie: x.cookie })) : [{ path: s.path }]
  // Check the page first: 200 for the very request that is measured (a redirect to the login would
  // count as success in a load generator).
  const first = await request(appPort, s.host, 'GET', s.path, { headers: requests[0].cookie ? { cookie: requests[0].cookie } : {} })
  if (first.status !== 200) throw new Error(`${s.label}: ${s.host}${s.path} answered ${first.status}`)
  const rows = (first.text.match(/class="job-item"/g) ?? []).length
  await load({ port: appPort, host: s.host, requests, connections: CONNECTIONS, seconds: WARM_SECONDS })
  const a = []
  const b = []
  for (let round = 0; round < ROUNDS; round++) {
    b.push(await load({ port: baselinePort, host: MAIN, requests: baselineRequests, connections: CONNECTIONS, seconds: SECONDS }))
    a.push(await load({ port: appPort, host: s.host, requests, connections: CONNECTIONS, seconds: SECONDS }))
  }
  const rps = (list) => list.reduce((n, r) => n + r.requests, 0) / list.reduce((n, r) => n + r.seconds, 0)
  const worst = (key) => Math.max(...a.map((r) => r[key]))
  const row = {
    label: s.label + (s.id.startsWith('jobs') ? ` [${rows} rows]` : ''),
    rps: rps(a),
    p50: worst('p50'),
    p95: worst('p95'),
    p99: worst('p99'),
    errors: a.reduce((n, r) => n + r.errors, 0),
    baseline: rps(b),
  }
  results.push(row)
  log(`${row.label}: ${row.rps.toFixed(0)} req/s (baseline ${row.baseline.toFixed(0)}), p95 ${row.p95.toFixed(1)} ms, ${row.errors} errors`)
}

// 5. The seat rush: STUDENTS distinct logged-in students, SEATS seats, for each in-flight count.
// The students log in once (--login=direct, the default: one student through the real form, whose
// session row is the template, then the others' rows written the same way a login writes them;
// --login=form: every student through the form, LOGIN_IN_FLIGHT at once); each in-flight count then
// rushes a fresh fair with the same students.
const rushes = []
if (runRush) {
  const numbers = Array.from({ length: STUDENTS }, (_, i) => studentNumber(i + 1))
  const t = performance.now()
  let rushSessions
  let loginHow
  if (LOGIN_MODE === 'form') {
    rushSessions = new Array(STUDENTS)
    await pool(numbers, LOGIN_IN_FLIGHT, async (n, i) => (rushSessions[i] = await login(n, { openHome: false })))
    loginHow = `through the login form, ${LOGIN_IN_FLIGHT} at once`
  } else {
    rushSessions = await directSessions(numbers)
    loginHow = 'as session rows: 1 through the login form (the template), the others written as that login wrote its row'
  }
  log(`logged ${STUDENTS} students in ${loginHow} in ${((performance.now() - t) / 1000).toFixed(1)} s`)
  // Each session must open the student home as its student (a guard against a template that no longer
  // matches what the login writes): a sample, checked before any rush.
  for (const s of [rushSessions[0], rushSessions[Math.floor(STUDENTS / 2)], rushSessions.at(-1)]) {
    const home = await request(appPort, SCHOOL, 'GET', '/student', { agent: loginAgent, headers: { cookie: s.cookie } })
    if (home.status !== 200) throw new Error(`the session of ${s.number} opens /student with ${home.status} (${home.headers.location ?? ''})`)
  }
  for (const inFlight of RUSH_IN_FLIGHT) {
    const fairId = await createRushFair(client, SEATS)
    // Statements the web processes sent (autocommit transactions of the database; the backends
    // report them at most every 500 ms, hence the pauses), per request of the rush.
    const commits = async () =>
      Number((await client.query('SELECT xact_commit + xact_rollback AS n FROM pg_stat_database WHERE datname = $1', [database])).rows[0].n)
    await new Promise((r) => setTimeout(r, 1200))
    const commitsBefore = await commits()
    const cpuBefore = workerCpu()
    const agent = new http.Agent({ keepAlive: true, maxSockets: inFlight })
    const latencies = []
    const grants = []
    let refusals = 0
    let errors = 0
    const samples = new Map()
    // Shuffled: the grants do not go to the lowest user ids.
    const order = rushSessions.map((s) => [Math.random(), s]).sort((a, b) => a[0] - b[0]).map((x) => x[1])
    const start = performance.now()
    await pool(order, inFlight, async (s) => {
      const t0 = performance.now()
      try {
        const r = await request(appPort, SCHOOL, 'POST', `/student/events/${fairId}/register`, {
          agent,
          headers: { 'cookie': s.cookie, 'x-csrf-token': s.token, 'hx-request': 'true', 'content-length': 0 },
        })
        const t1 = performance.now()
        if (r.status === 200 && r.text.includes('报名成功')) grants.push(t1)
        else if (r.status === 422 && r.text.includes('名额已满')) refusals++
        else {
          errors++
          const key = `${r.status} ${r.text.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim().slice(0, 60)}`
          samples.set(key, (samples.get(key) ?? 0) + 1)
        }
        latencies.push(t1 - t0)
      } catch (error) {
        errors++
        samples.set(error.message, (samples.get(error.message) ?? 0) + 1)
      }
    })
    const seconds = (performance.now() - start) / 1000
    agent.destroy()
    const cpu = workerCpu()
    await new Promise((r) => setTimeout(r, 1200))
    // The two reads of this client (before, after) are not the app's.
    const statements = (await commits()) - commitsBefore - 1
    latencies.sort((x, y) => x - y)
    grants.sort((x, y) => x - y)
    const grantSpan = grants.length > 1 ? (grants.at(-1) - grants[0]) / 1000 : NaN
    const check = await client.query(
      `SELECT (SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status = 'registered')::int AS registered,
              (SELECT count(DISTINCT user_id) FROM event_registrations WHERE event_id = $1)::int AS students,
              (SELECT taken FROM recruitment_events WHERE id = $1) AS taken,
              (SELECT count(*) FROM schedule_entries WHERE source_key = 'event-' || $1 AND cancelled_at IS NULL)::int AS schedule`,
      [fairId]
    )
    const { registered, students, taken, schedule } = check.rows[0]
    const rush = {
      label: `seat rush (${STUDENTS} students, ${SEATS} seats, ${inFlight} in flight${WORKERS > 1 ? `, ${WORKERS} processes` : ''})`,
      inFlight,
      rps: STUDENTS / seconds,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      errors,
      grants: grants.length,
      grantsPerSecond: grants.length / grantSpan,
      refusals,
      registered,
      students,
      taken,
      schedule,
      samples,
      // CPU seconds each web process spent in this rush: both processes served (or not).
      perProcess: [...cpu].map(([pid, s]) => `${pid}: ${(s - (cpuBefore.get(pid) ?? 0)).toFixed(1)} s`),
      cpuPerRequest: (1000 * [...cpu].reduce((n, [pid, s]) => n + s - (cpuBefore.get(pid) ?? 0), 0)) / STUDENTS,
      statementsPerRequest: statements / STUDENTS,
      ok:
        grants.length === SEATS && registered === SEATS && students === SEATS && Number(taken) === SEATS &&
        schedule === SEATS && errors === 0 && refusals === STUDENTS - SEATS,
    }
    rushes.push(rush)
    log(`${rush.label}: ${rush.grants} grants at ${rush.grantsPerSecond.toFixed(0)} grants/s, p99 ${rush.p99.toFixed(1)} ms, ${rush.errors} errors`)
  }
}
loginAgent.destroy()

// 6. RSS of the web process(es) after everything, then the table.
const rssOf = (pid) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  const kb = (key) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 }
}
const memory = webPids().map((pid) => ({ pid, ...rssOf(pid) }))
await client.end()
await stopAll()

const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '—')
const lines = [
  '| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | baseline req/s | ratio |',
  '|---|--:|--:|--:|--:|--:|--:|--:|',
  ...results.map((r) => `| ${r.label} | ${f(r.rps, 0)} | ${f(r.p50)} | ${f(r.p95)} | ${f(r.p99)} | ${r.errors} | ${f(r.baseline, 0)} | ${f((100 * r.rps) / r.baseline)} % |`),
]
for (const rush of rushes) lines.push(`| ${rush.label} | ${f(rush.rps, 0)} | ${f(rush.p50)} | ${f(rush.p95)} | ${f(rush.p99)} | ${rush.errors} | — | — |`)
console.log(`
npm run bench${QUICK ? ' --quick' : ''}: PostgreSQL "${database}" (${counts.jobs.toLocaleString()} jobs), NODE_ENV=production, pool ${appEnv.DB_POOL_MAX}${WORKERS > 1 ? ` per process, ${WORKERS} web processes (WEB_CONCURRENCY)` : ''}, queue ${appEnv.QUEUE_DRIVER}
client ${hasWrk() ? 'wrk' : 'node'} on the same machine, ${CONNECTIONS} connections; per scenario ${ROUNDS} × (baseline ${SECONDS} s, app ${SECONDS} s) after ${WARM_SECONDS} s warm-up
req/s over all app rounds; latency of the worst round; ratio = app req/s ÷ baseline req/s of the adjacent rounds
baseline: raw node:http + pg Fortunes (one 12-row query, sort, escape, render)
load average at the end: ${loadavg().map((x) => x.toFixed(2)).join(' ')} (${cpus().length} cores)

${lines.join('\n')}
`)
for (const rush of rushes) {
  console.log(
    `seat rush, ${rush.inFlight} in flight: ${rush.grants} grants at ${f(rush.grantsPerSecond, 0)} grants/s (first to last grant), ${rush.refusals} refusals 名额已满, ${rush.errors} errors${rush.samples.size ? ' ' + JSON.stringify(Object.fromEntries(rush.samples)) : ''}; database: ${rush.registered} registrations of ${rush.students} students, taken = ${rush.taken}, ${rush.schedule} schedule entries${rush.ok ? ' — exactly ' + SEATS : '  ← FAILED: expected exactly ' + SEATS}; CPU per web process ${rush.perProcess.join(', ')} (${f(rush.cpuPerRequest, 2)} ms a request); ${f(rush.statementsPerRequest, 2)} statements a request`
  )
}
for (const m of memory) console.log(`web process ${m.pid} RSS at the end: ${f(m.rss, 0)} MB (peak ${f(m.peak, 0)} MB)`)
process.exit(rushes.some((r) => !r.ok) ? 1 : 0)
