/**
 * npm run bench:push — 300,000 students with intentions (set-based inserts), then one new job:
 * how long matching + fan-out take and how many messages were written. PostgreSQL (PG_* env).
 */
import { ensureDatabase, bootApp, ms } from './boot.js'

const STUDENTS = Number(process.env.BENCH_STUDENTS ?? 300_000)

await ensureDatabase()
const app = await bootApp()
const { default: db } = await import('@adonisjs/lucid/services/db')
const { seedCore } = await import('#database/demo/core')
const { DateTime } = await import('luxon')
const { default: Job } = await import('#modules/job_seeking/models/job')
const { default: subscriptionPush } =
  await import('#modules/job_seeking/services/subscription_push')

const world = await seedCore()
const cities = [
  '南京市',
  '苏州市',
  '无锡市',
  '常州市',
  '南通市',
  '扬州市',
  '徐州市',
  '上海市',
  '杭州市',
  '合肥市',
]
const categories = [
  '软件开发',
  '测试运维',
  '数据分析',
  '财务会计',
  '市场营销',
  '机械制造',
  '教育培训',
  '销售',
]

let t = process.hrtime.bigint()
// Students: one set-based INSERT … SELECT generate_series (half per school).
await db.rawQuery(
  `INSERT INTO users (kind, login_key, username, password, name, school_id, is_active, created_at, updated_at)
   SELECT 'student', 'student:' || (CASE WHEN g % 2 = 0 THEN ?::int ELSE ?::int END) || ':bench-' || g, 'bench-' || g,
          'not-a-login', '学生' || g, CASE WHEN g % 2 = 0 THEN ?::int ELSE ?::int END, true, now(), now()
   FROM generate_series(1, ?::int) g`,
  [world.njsf.id, world.szsf.id, world.njsf.id, world.szsf.id, STUDENTS]
)
// Intentions: 90% 拟就业, 80% of them subscribed; 70% immediate, 20% daily, 10% weekly.
await db.rawQuery(
  `INSERT INTO job_intentions (user_id, school_id, type, subscribed, frequency, any_city, any_category, any_industry, any_nature, any_scale, created_at, updated_at)
   SELECT id, school_id, CASE WHEN abs(hashint4(id)) % 10 = 0 THEN 'further_study' ELSE 'employment' END,
          (abs(hashint4(id + 1000000)) % 5 <> 0),
          CASE WHEN abs(hashint4(id + 2000000)) % 10 < 7 THEN 'immediate' WHEN abs(hashint4(id + 2000000)) % 10 < 9 THEN 'daily' ELSE 'weekly' END,
          false, false, true, true, true, now(), now()
   FROM users WHERE username LIKE 'bench-%'`
)
// Two cities and one category per student.
await db.rawQuery(
  `INSERT INTO job_intention_terms (user_id, kind, value)
   SELECT id, 'city', (?::text[])[1 + abs(hashint4(id + 3000000)) % ${cities.length}] FROM users WHERE username LIKE 'bench-%'
   UNION
   SELECT id, 'city', (?::text[])[1 + abs(hashint4(id + 4000000)) % ${cities.length}] FROM users WHERE username LIKE 'bench-%'
   UNION
   SELECT id, 'category', (?::text[])[1 + abs(hashint4(id + 5000000)) % ${categories.length}] FROM users WHERE username LIKE 'bench-%'`,
  [cities, cities, categories]
)
await db.rawQuery('ANALYZE')
const seedMs = ms(t)
const counts = await db.rawQuery(
  `SELECT (SELECT count(*) FROM job_intentions) AS intentions, (SELECT count(*) FROM job_intention_terms) AS terms`
)

const job = await Job.create({
  employerId: world.company.id,
  title: '软件开发工程师（基准测试）',
  category: '软件开发',
  nature: '全职',
  province: '江苏省',
  city: '南京市',
  industry: world.company.industry,
  salaryMin: 9000,
  salaryMax: 15000,
  description: '基准测试职位',
  status: 'open',
  publishedAt: DateTime.now(),
})

t = process.hrtime.bigint()
const result = await subscriptionPush.pushJob(job.id)
const pushMs = ms(t)
t = process.hrtime.bigint()
const again = await subscriptionPush.pushJob(job.id)
const againMs = ms(t)
const written = await db
  .from('messages')
  .where('dedupe_key', `job-push-${job.id}`)
  .count('* as total')
  .first()

console.log(`bench:push on PostgreSQL database "${process.env.PG_DATABASE}"`)
console.log(
  `  seeded ${STUDENTS.toLocaleString()} students, ${Number(counts.rows[0].intentions).toLocaleString()} intentions, ${Number(counts.rows[0].terms).toLocaleString()} intention terms in ${(seedMs / 1000).toFixed(1)} s (set-based)`
)
console.log(
  `  new job 南京市 / 软件开发: matched ${result.matched.toLocaleString()} students, wrote ${result.messages.toLocaleString()} immediate messages in ${pushMs.toFixed(0)} ms (digest rows: ${(result.matched - result.messages).toLocaleString()})`
)
console.log(`  messages in the table for this job: ${Number(written.total).toLocaleString()}`)
console.log(`  second run (idempotence): ${again.messages} messages in ${againMs.toFixed(0)} ms`)
await app.terminate()
