// CPU profile of one logged-in page under load (issue 12): starts a production build
// (NODE_ENV=production, `--cpu-prof`) on a database seeded by `npm run bench`, logs a few bench
// students in through the real form, loads the page, stops the server gracefully (the profile is
// written on exit) and prints the top self-time functions, the CPU ms per request and the
// statements per request (pg_stat_statements is not needed: the app counts nothing; we read the
// server's process CPU and PostgreSQL's xact counter of the database).
//
//   node scripts/bench/profile.mjs --build=/tmp/x/build --db=bench_x --path=/student --seconds=10
//
// The database must hold the bench data (`BENCH_DATABASE=bench_x npm run bench -- --only=student --quick`).
import { spawn } from 'node:child_process'
import { readFileSync, readdirSync, mkdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { setTimeout as sleep } from 'node:timers/promises'
import pg from 'pg'
import { request, CookieJar, csrfFrom, load } from './load.mjs'
import { studentNumber, PASSWORD } from './seed.mjs'

const option = (name, fallback) =>
  process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=').slice(1).join('=') ?? fallback
// --analyze=<file.cpuprofile>: only print the shares of a profile written elsewhere (e.g. the seat
// rush: `BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/p" npm run bench -- --only=rush`), whole
// profile (boot and login included: the rush dominates a full run).
const ANALYZE = option('analyze', '')
if (ANALYZE) {
  report(JSON.parse(readFileSync(ANALYZE, 'utf8')), -Infinity, Infinity, ANALYZE)
  process.exit(0)
}
const BUILD = option('build', new URL('../../build/', import.meta.url).pathname).replace(/\/$/, '')
const DATABASE = option('db', process.env.BENCH_DATABASE ?? 'bench_employment')
const PATH = option('path', '/student')
const SECONDS = Number(option('seconds', '10'))
const CONNECTIONS = Number(option('connections', '8'))
const STUDENTS = Number(option('students', '16'))
const PROFILE_DIR = option('out', `/tmp/cpu-prof-${process.pid}`)
const HOST = 'njsf.localhost'

const port = await new Promise((resolve) => {
  const s = createServer().listen(0, '127.0.0.1', () => {
    const p = s.address().port
    s.close(() => resolve(p))
  })
})
const pgConfig = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
}
const exampleEnv = {}
for (const line of readFileSync(new URL('../../.env.example', import.meta.url), 'utf8').split('\n')) {
  const m = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim())
  if (m) exampleEnv[m[1]] = m[2]
}
rmSync(PROFILE_DIR, { recursive: true, force: true })
mkdirSync(PROFILE_DIR, { recursive: true })
const server = spawn(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`, 'bin/server.js'], {
  cwd: BUILD,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...exampleEnv,
    ...process.env,
    TZ: 'UTC',
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: String(port),
    APP_KEY: process.env.APP_KEY || 'bench-app-key-0123456789abcdefghijklmnop',
    APP_DOMAIN: 'localhost',
    LOG_LEVEL: 'error',
    DB_CONNECTION: 'pg',
    PG_HOST: pgConfig.host,
    PG_PORT: String(pgConfig.port),
    PG_USER: pgConfig.user,
    PG_PASSWORD: pgConfig.password,
    PG_DATABASE: DATABASE,
    DB_POOL_MAX: '8',
    QUEUE_DRIVER: 'sync',
    WEB_CONCURRENCY: '1',
  },
})
process.on('exit', () => server.exitCode === null && server.kill('SIGKILL'))
for (let i = 0; ; i++) {
  try {
    if ((await request(port, 'localhost', 'GET', '/')).status === 200) break
  } catch {}
  if (i > 600) throw new Error('server did not start')
  await sleep(100)
}

async function login(number) {
  const jar = new CookieJar()
  const form = await request(port, HOST, 'GET', '/login')
  jar.take(form.headers['set-cookie'])
  const body = new URLSearchParams({ _csrf: csrfFrom(form.text) ?? '', student_number: number, password: PASSWORD }).toString()
  const r = await request(port, HOST, 'POST', '/login', {
    headers: { cookie: jar.header(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) },
    body,
  })
  jar.take(r.headers['set-cookie'])
  if (r.status !== 302) throw new Error(`login of ${number} failed: ${r.status}`)
  return jar.header()
}
const cookies = []
for (let i = 1; i <= STUDENTS; i++) cookies.push(await login(studentNumber(i)))
const check = await request(port, HOST, 'GET', PATH, { headers: { cookie: cookies[0] } })
if (check.status !== 200) throw new Error(`${PATH} answered ${check.status}`)

const db = new pg.Client({ ...pgConfig, database: DATABASE })
await db.connect()
const statements = async () =>
  Number((await db.query('SELECT xact_commit FROM pg_stat_database WHERE datname = $1', [DATABASE])).rows[0].xact_commit)
const cpu = () => {
  const f = readFileSync(`/proc/${server.pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(f[11]) + Number(f[12])) * 10 // ms (USER_HZ 100)
}
const requests = cookies.map((cookie) => ({ path: PATH, cookie }))
await load({ port, host: HOST, requests, connections: CONNECTIONS, seconds: 2 }) // warm-up
// pg_stat_database is updated by the backends at most every 500 ms (and at idle).
await sleep(1200)
const [cpu0, x0] = [cpu(), await statements()]
const loadStart = performance.now()
const result = await load({ port, host: HOST, requests, connections: CONNECTIONS, seconds: SECONDS })
const loadEnd = performance.now()
await sleep(1200)
const [cpu1, x1] = [cpu(), await statements()]
await db.end()
const killedAt = performance.now()
server.kill('SIGTERM')
await new Promise((r) => server.on('exit', r))
const exitedAt = performance.now()

const total = result.requests
console.log(
  `${PATH}: ${total} requests, ${result.rps.toFixed(0)} req/s, p95 ${result.p95?.toFixed?.(1)} ms, errors ${result.errors}`
)
console.log(`CPU ${((cpu1 - cpu0) / total).toFixed(2)} ms/request; ${((x1 - x0) / total).toFixed(2)} statements (autocommit transactions)/request`)

// Self time by function (top 25) from the profile.
const file = readdirSync(PROFILE_DIR).find((f) => f.endsWith('.cpuprofile'))
const profile = JSON.parse(readFileSync(`${PROFILE_DIR}/${file}`, 'utf8'))
// Only the samples of the measured load (boot, login and warm-up left out): the profile ends when
// the process exits; the window is placed back from there by the times measured here (µs).
void killedAt
report(
  profile,
  profile.endTime - (exitedAt - loadStart) * 1000,
  profile.endTime - (exitedAt - loadEnd) * 1000,
  `${PROFILE_DIR}/${file}`
)

function report(profile, windowStart, windowEnd, where) {
const byId = new Map(profile.nodes.map((n) => [n.id, n]))
const parent = new Map()
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id)
const label = (f) =>
  `${f.functionName || '(anonymous)'} ${f.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*\/build\//, '')}:${f.lineNumber + 1}`
// Inclusive shares of a few areas (a sample counts once per area found on its stack).
const AREAS = {
  'edge render (templates)': /edge\.js\/|\.edge:|compiled/,
  'i18n t()': /@adonisjs\/i18n|intl-messageformat/,
  'knex + pg (query build, protocol, rows)': /knex\/|\/pg\/|pg-protocol|postgres-/,
  'lucid models (hydration)': /@adonisjs\/lucid\/build\/src\/orm/,
  'session + auth': /@adonisjs\/session|@adonisjs\/auth|lean_database_store|session_lifetime/,
  'events register (service + controller)': /registration_service|registrations_controller|register_box/,
  'queue dispatch': /app\/queue\//,
  'navigation': /ui\/navigation/,
  'luxon': /luxon/,
  'garbage collector': /^\(garbage collector\)/,
  'socket writes (writev)': /^writev /,
}
const self = new Map()
const areas = new Map()
let sum = 0
let t = profile.startTime
for (let i = 0; i < profile.samples.length; i++) {
  const d = profile.timeDeltas[i] ?? 0
  t += d
  if (t < windowStart || t > windowEnd) continue
  const node = byId.get(profile.samples[i])
  const f = node.callFrame
  if (f.functionName === '(idle)' || f.functionName === '(program)') continue
  sum += d
  self.set(label(f), (self.get(label(f)) ?? 0) + d)
  const found = new Set()
  for (let id = node.id; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id).callFrame)
    for (const [area, re] of Object.entries(AREAS)) if (re.test(l)) found.add(area)
  }
  for (const area of found) areas.set(area, (areas.get(area) ?? 0) + d)
}
console.log(`profile: ${where} (${(sum / 1000).toFixed(0)} ms of samples in the load window)`)
for (const [area, v] of [...areas].sort((a, b) => b[1] - a[1])) {
  console.log(`${((100 * v) / sum).toFixed(1).padStart(5)} %  [inclusive] ${area}`)
}
for (const [where, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(option('top', '30')))) {
  console.log(`${((100 * v) / sum).toFixed(1).padStart(5)} %  ${where}`)
}
}
