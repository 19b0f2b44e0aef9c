/**
 * npm run bench:jobs — 200,000 jobs on PostgreSQL (PG_* env, default database `bench`), then the app
 * is started on a loopback port and the filtered 招聘职位 list page is measured with a small Node
 * loop of bounded concurrency: p50 / p95 latency and requests per second per scenario.
 */
import { spawn } from 'node:child_process'
import http from 'node:http'
import { createServer } from 'node:net'
import { ensureDatabase, bootApp, ms, APP_ROOT } from './boot.js'

const JOBS = Number(process.env.BENCH_JOBS ?? 200_000)
const SECONDS = Number(process.env.BENCH_SECONDS ?? 10)
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16)

// BENCH_REUSE=1 measures again on the jobs seeded by a previous run.
const reuse = process.env.BENCH_REUSE === '1'
if (!reuse) await ensureDatabase()
const app = await bootApp()
const { default: db } = await import('@adonisjs/lucid/services/db')
const { seedCore } = await import('#database/demo/core')
let t = process.hrtime.bigint()
if (!reuse) {
  await seedCore()
  const industries = [
    '信息传输、软件和信息技术服务业',
    '制造业',
    '金融业',
    '教育',
    '批发和零售业',
    '建筑业',
    '卫生和社会工作',
    '租赁和商务服务业',
  ]
  // 400 employers (5% not verified), names from a few Chinese words.
  await db.rawQuery(
    `INSERT INTO employers (name, uscc, industry, nature, scale, city, status, created_at, updated_at)
   SELECT (ARRAY['南京','苏州','无锡','上海','杭州','合肥','常州','扬州'])[1 + g % 8] ||
          (ARRAY['华信','远航','启明','金桥','新材','智造','天成','博文','康健','万达'])[1 + (g / 8) % 10] ||
          (ARRAY['科技','会计师事务所','制造','教育','医药','建设','商贸','金融服务'])[1 + (g / 80) % 8] || g || '有限公司',
          'BENCH' || lpad(g::text, 13, '0'), (?::text[])[1 + g % 8], '民营企业', '100-499人', '南京市',
          CASE WHEN g % 20 = 0 THEN 'pending' ELSE 'verified' END, now(), now()
   FROM generate_series(1, 400) g`,
    [industries]
  )
  const titles = [
    '软件开发工程师',
    '会计',
    '财务会计助理',
    '销售代表',
    '机械设计工程师',
    '数据分析师',
    '行政专员',
    '小学语文教师',
    '护士',
    '市场营销专员',
    '审计助理',
    '产品经理',
    '测试工程师',
    '电气工程师',
    '客户经理',
    '出纳',
    '人力资源专员',
    '前端开发工程师',
    '采购专员',
    '法务专员',
  ]
  const categories = [
    '软件开发',
    '财务会计',
    '财务会计',
    '销售',
    '机械制造',
    '数据分析',
    '人力行政',
    '教育培训',
    '医疗健康',
    '市场营销',
    '财务会计',
    '产品设计',
    '测试运维',
    '电子电气',
    '金融投资',
    '财务会计',
    '人力行政',
    '软件开发',
    '物流采购',
    '法律',
  ]
  const cities = [
    '南京市',
    '苏州市',
    '无锡市',
    '常州市',
    '上海市',
    '杭州市',
    '合肥市',
    '南通市',
    '扬州市',
    '徐州市',
  ]
  // Jobs: one set-based INSERT … SELECT; the trigger maintains search_text and the bigram array.
  await db.rawQuery(
    `INSERT INTO jobs (employer_id, title, category, nature, province, city, industry, salary_min, salary_max, description, status, published_at, deadline, created_at, updated_at)
   SELECT e.id, t.title, t.category, CASE WHEN g % 10 = 0 THEN '实习' ELSE '全职' END, '江苏省', (?::text[])[1 + abs(hashint4(g)) % 10],
          e.industry, 4000 + (g % 10) * 1000, 8000 + (g % 10) * 1500, '基准测试职位描述',
          CASE WHEN g % 25 = 0 THEN 'closed' ELSE 'open' END,
          now() - (g || ' minutes')::interval, CASE WHEN g % 50 = 0 THEN now() - interval '1 day' ELSE now() + interval '60 days' END, now(), now()
   FROM generate_series(1, ?::int) g
   JOIN LATERAL (SELECT id, industry FROM employers WHERE uscc = 'BENCH' || lpad((1 + abs(hashint4(g + 7)) % 400)::text, 13, '0')) e ON true
   JOIN LATERAL (SELECT (?::text[])[1 + g % 20] AS title, (?::text[])[1 + g % 20] AS category) t ON true`,
    [cities, JOBS, titles, categories]
  )
  await db.rawQuery('ANALYZE')
}
const seedMs = ms(t)
const total = await db.from('jobs').count('* as total').first()
await app.terminate()

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer()
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as any).port
      s.close(() => resolve(port))
    })
  })
}
const port = await freePort()
const server = spawn(
  process.execPath,
  ['--import=ts-node-maintained/register/esm', 'bin/server.ts'],
  {
    cwd: new URL('.', APP_ROOT).pathname,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      DB_POOL_MAX: '8',
    },
    stdio: ['ignore', 'inherit', 'inherit'],
  }
)
const stopServer = () => {
  if (server.exitCode === null) server.kill('SIGTERM')
}
process.on('exit', stopServer)
process.on('SIGINT', () => process.exit(130))
const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY })
function get(path: string): Promise<{ status: number; ms: number; body: string }> {
  const start = process.hrtime.bigint()
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent, headers: { host: 'localhost' } }, (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (c) => (body += c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: ms(start), body }))
      })
      .on('error', reject)
  })
}
for (let i = 0; ; i++) {
  try {
    if ((await get('/jobs')).status === 200) break
  } catch {}
  if (i > 120) throw new Error('server did not start')
  await new Promise((r) => setTimeout(r, 500))
}

async function measure(label: string, path: string) {
  const first = await get(path)
  if (first.status !== 200) throw new Error(`${path} answered ${first.status}`)
  const items = (first.body.match(/class="job-item"/g) ?? []).length
  for (let i = 0; i < 20; i++) await get(path) // warm-up
  const latencies: number[] = []
  const end = Date.now() + SECONDS * 1000
  let errors = 0
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (Date.now() < end) {
        try {
          const r = await get(path)
          if (r.status !== 200) errors++
          latencies.push(r.ms)
        } catch {
          // A keep-alive socket closed by the server under load: counted, then retried.
          errors++
        }
      }
    })
  )
  latencies.sort((a, b) => a - b)
  const pct = (p: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]
  console.log(
    `  ${label.padEnd(34)} ${String(items).padStart(2)} rows  p50 ${pct(50).toFixed(1).padStart(6)} ms  p95 ${pct(95).toFixed(1).padStart(6)} ms  ${(latencies.length / SECONDS).toFixed(0).padStart(5)} req/s${errors ? `  (${errors} errors)` : ''}`
  )
}

console.log(
  `bench:jobs on PostgreSQL database "${process.env.PG_DATABASE}": ${Number(total.total).toLocaleString()} jobs ${reuse ? '(reused from the previous run)' : `seeded in ${(seedMs / 1000).toFixed(1)} s`}`
)
console.log(
  `  loopback, ${CONCURRENCY} concurrent connections, ${SECONDS} s per scenario, NODE_ENV=production`
)
const k = (s: string) => encodeURIComponent(s)
// Baseline under the same conditions: a core page (招聘公告 list, one small query).
await measure('baseline: core /announcements', '/announcements')
await measure('list, page 1 (no filter)', '/jobs')
await measure('keyword 会计 (2 chars, common)', `/jobs?keyword=${k('会计')}`)
await measure('keyword 南京 (company name)', `/jobs?keyword=${k('南京')}`)
await measure('keyword 会计 + city 南京市', `/jobs?keyword=${k('会计')}&city=${k('南京市')}`)
await measure(
  'keyword 软件开发 + salary, page 3',
  `/jobs?keyword=${k('软件开发')}&salary=${k('8千-1.2万/月')}&page=3`
)
await measure(
  'city + industry + sort by salary',
  `/jobs?city=${k('苏州市')}&industry=${k('制造业')}&sort=salary`
)
await measure('rare keyword 法务 + city 合肥市', `/jobs?keyword=${k('法务')}&city=${k('合肥市')}`)
agent.destroy()
stopServer()
