// `npm run bench:register`: a burst of 5,000 registrations from 5,000 distinct logged-in students
// at one fair with 1,000 seats, against the real app on PostgreSQL (loopback only).
//
// 1. creates (if needed) and migrates the `events_bench` database (PG_* env; BENCH_DATABASE to rename it),
// 2. seeds a school, 5,000 activated students and an offline fair whose registration is open now,
// 3. starts the app (bin/server.ts) on a free loopback port,
// 4. logs every student in through the normal 【学生登录】 form. To keep that fast, the bench students'
//    password hash is a scrypt hash with cheap parameters written straight into the bench database
//    (scrypt verification reads its parameters from the hash): no bench-only code path in the app,
// 5. fires the 5,000 registration requests with a bounded number in flight and prints the figures.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'
import http from 'node:http'
import { performance } from 'node:perf_hooks'
import pg from 'pg'
import { Scrypt } from '@adonisjs/hash/drivers/scrypt'

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 5000)
const SEATS = Number(process.env.BENCH_SEATS ?? 1000)
const IN_FLIGHT = Number(process.env.BENCH_CONCURRENCY ?? 64)
const PASSWORD = 'Bench@2026'
// Its own database (not a shared `bench`): migration:fresh wipes it on every run.
const database = process.env.BENCH_DATABASE ?? 'events_bench'
const pgConfig = {
  host: process.env.PG_HOST ?? '127.0.0.1',
  port: Number(process.env.PG_PORT ?? 5432),
  user: process.env.PG_USER ?? 'postgres',
  password: process.env.PG_PASSWORD ?? '',
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

const port = await freePort()
const appEnv = {
  ...process.env,
  TZ: 'UTC',
  NODE_ENV: 'production',
  PORT: String(port),
  HOST: '127.0.0.1',
  APP_KEY: process.env.APP_KEY ?? 'bench-app-key-0123456789abcdefghijklmnop',
  APP_DOMAIN: 'localhost',
  LOG_LEVEL: 'error',
  SESSION_DRIVER: 'cookie',
  DB_CONNECTION: 'pg',
  PG_HOST: pgConfig.host,
  PG_PORT: String(pgConfig.port),
  PG_USER: pgConfig.user,
  PG_PASSWORD: pgConfig.password,
  PG_DATABASE: database,
  DB_POOL_MAX: process.env.DB_POOL_MAX ?? '8',
  QUEUE_DRIVER: 'sync',
  LIMITER_STORE: 'database',
  SMS_DRIVER: 'log',
}

// 1. Database
const admin = new pg.Client({ ...pgConfig, database: 'postgres' })
await admin.connect()
const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database])
if (!exists.rowCount) await admin.query(`CREATE DATABASE "${database.replace(/"/g, '')}"`)
await admin.end()
console.log(`database "${database}": migrating…`)
const migrate = spawnSync(process.execPath, ['ace', 'migration:fresh', '--force'], { env: appEnv, stdio: ['ignore', 'ignore', 'inherit'] })
if (migrate.status !== 0) process.exit(migrate.status ?? 1)

// 2. Seed (set-based)
const client = new pg.Client({ ...pgConfig, database })
await client.connect()
const cheapHash = await new Scrypt({ cost: 16, blockSize: 8, parallelization: 1, maxMemory: 33554432, saltSize: 16, keyLength: 64 }).make(PASSWORD)
const mainSite = await client.query(`INSERT INTO sites (code, name, is_main, created_at, updated_at) VALUES ('main', '压测主站', true, now(), now()) RETURNING id`)
const school = await client.query(`INSERT INTO schools (code, name, created_at, updated_at) VALUES ('bench', '压测大学', now(), now()) RETURNING id`)
const schoolId = school.rows[0].id
const site = await client.query(`INSERT INTO sites (code, name, is_main, school_id, created_at, updated_at) VALUES ('bench', '压测大学', false, $1, now(), now()) RETURNING id`, [schoolId])
await client.query(
  `INSERT INTO graduates (school_id, student_number, name, signable, created_at, updated_at)
   SELECT $1, 'B' || lpad(i::text, 7, '0'), '压测学生' || i, false, now(), now() FROM generate_series(1, $2) AS i`,
  [schoolId, STUDENTS]
)
await client.query(
  `INSERT INTO users (kind, login_key, username, password, name, school_id, graduate_id, is_active, created_at, updated_at)
   SELECT 'student', 'student:' || $3 || ':' || lower(g.student_number), g.student_number, $2, g.name, $1::int, g.id, true, now(), now()
   FROM graduates g WHERE g.school_id = $1::int`,
  [schoolId, cheapHash, String(schoolId)]
)
const fair = await client.query(
  `INSERT INTO recruitment_events (kind, title, site_id, school_id, mode, city, place, starts_at, ends_at, description,
     registration_starts_at, registration_ends_at, capacity, taken, status, created_at, updated_at)
   VALUES ('fair', '压测招聘会', $1, $2, 'offline', '南京市', '体育馆', now() + interval '7 days', now() + interval '7 days 6 hours',
     '压测', now() - interval '1 hour', now() + interval '6 days', $3, 0, 'published', now(), now()) RETURNING id`,
  [site.rows[0].id, schoolId, SEATS]
)
const fairId = fair.rows[0].id
void mainSite

// 3. App
// BENCH_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=tmp/prof`) is passed to the app's node process.
const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean)
const server = spawn(process.execPath, [...nodeArgs, '--import=ts-node-maintained/register/esm', 'bin/server.ts'], { env: appEnv, stdio: ['ignore', 'ignore', 'inherit'] })
let stopping = false
// Never leave the app running behind us, whatever happens.
process.on('exit', () => server.kill('SIGTERM'))
process.on('uncaughtException', (error) => {
  console.error(error)
  process.exit(1)
})
server.on('exit', (code) => {
  if (!stopping) {
    console.error(`server exited early (${code})`)
    process.exit(1)
  }
})
const agent = new http.Agent({ keepAlive: true, maxSockets: IN_FLIGHT })

function request(method, path, { headers = {}, body } = {}) {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path, agent, headers: { host: `bench.localhost:${port}`, ...headers } }, (res) => {
      const chunks = []
      res.on('data', (c) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }))
    })
    req.on('error', reject)
    req.setTimeout(60000, () => req.destroy(new Error('timeout')))
    if (body) req.write(body)
    req.end()
  })
}

const cookieJar = (setCookie = [], jar = {}) => {
  for (const line of setCookie) {
    const [pair] = line.split(';')
    const i = pair.indexOf('=')
    jar[pair.slice(0, i)] = pair.slice(i + 1)
  }
  return jar
}
const cookieHeader = (jar) => Object.entries(jar).map(([k, v]) => `${k}=${v}`).join('; ')

for (let i = 0; ; i++) {
  try {
    const r = await request('GET', '/login')
    if (r.status === 200) break
  } catch {}
  if (i > 600) throw new Error('server did not start')
  await new Promise((r) => setTimeout(r, 100))
}

async function pool(items, limit, worker) {
  let next = 0
  const run = async () => {
    while (next < items.length) {
      const index = next++
      await worker(items[index], index)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, run))
}

// 4. Log in every student through the login form
const numbers = Array.from({ length: STUDENTS }, (_, i) => `B${String(i + 1).padStart(7, '0')}`)
const sessions = new Array(STUDENTS)
let loginStart = performance.now()
await pool(numbers, IN_FLIGHT, async (number, index) => {
  const form = await request('GET', '/login')
  const jar = cookieJar(form.headers['set-cookie'])
  const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(form.text)?.[1]
  const body = new URLSearchParams({ _csrf: token, student_number: number, password: PASSWORD }).toString()
  const login = await request('POST', '/login', {
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), cookie: cookieHeader(jar) },
    body,
  })
  if (login.status !== 302 || login.headers.location !== '/student') throw new Error(`login of ${number} failed: ${login.status} ${login.headers.location}`)
  cookieJar(login.headers['set-cookie'], jar)
  sessions[index] = { cookie: cookieHeader(jar), token }
})
const loginSeconds = (performance.now() - loginStart) / 1000
console.log(`logged in ${STUDENTS} students in ${loginSeconds.toFixed(1)} s`)

// 5. The burst
const latencies = []
let ok = 0
let full = 0
let errors = 0
const errorSamples = new Map()
const burstStart = performance.now()
await pool(sessions, IN_FLIGHT, async (session) => {
  const t = performance.now()
  try {
    const r = await request('POST', `/student/events/${fairId}/register`, {
      headers: { 'cookie': session.cookie, 'x-csrf-token': session.token, 'hx-request': 'true', 'content-length': 0 },
    })
    if (r.status === 200) ok++
    else if (r.status === 422 && r.text.includes('名额已满')) full++
    else {
      errors++
      errorSamples.set(r.status, (errorSamples.get(r.status) ?? 0) + 1)
    }
  } catch (error) {
    errors++
    errorSamples.set(error.message, (errorSamples.get(error.message) ?? 0) + 1)
  }
  latencies.push(performance.now() - t)
})
const seconds = (performance.now() - burstStart) / 1000
latencies.sort((a, b) => a - b)
const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1)
const check = await client.query(
  `SELECT (SELECT count(*) FROM event_registrations WHERE event_id = $1 AND status = 'registered')::int AS registered,
          (SELECT taken FROM recruitment_events WHERE id = $1) AS taken`,
  [fairId]
)
await client.end()
stopping = true
server.kill('SIGTERM')
agent.destroy()

console.log(`
bench:register — ${STUDENTS} students, ${SEATS} seats, ${IN_FLIGHT} requests in flight, PostgreSQL pool ${appEnv.DB_POOL_MAX}
  successful registrations : ${ok}
  refusals (名额已满)       : ${full}
  errors                   : ${errors}${errorSamples.size ? ' ' + JSON.stringify(Object.fromEntries(errorSamples)) : ''}
  duration                 : ${seconds.toFixed(2)} s
  requests/s               : ${(STUDENTS / seconds).toFixed(0)}
  latency p50 / p99        : ${pct(50)} ms / ${pct(99)} ms
  in the database          : ${check.rows[0].registered} registrations, taken = ${check.rows[0].taken}
`)
const pass = ok === SEATS && Number(check.rows[0].registered) === SEATS && Number(check.rows[0].taken) === SEATS && errors === 0
if (!pass) console.error('FAILED: expected exactly', SEATS, 'registrations and no errors')
process.exit(pass ? 0 : 1)
