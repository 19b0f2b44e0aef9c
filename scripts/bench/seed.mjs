// Bench data, set-based SQL on PostgreSQL (after the migrations and the demo seeders have run):
// 400 employers + N jobs (the old bench:jobs data), 5,000 activated students of 南京示范大学 for the
// logged-in pages and the seat rush (the old bench:register data), and the 12-row `fortune` table
// of the raw baseline.
import { Scrypt } from '@adonisjs/hash/drivers/scrypt'

export const PASSWORD = 'Bench@2026'
export const STUDENT_PREFIX = 'B'
export const studentNumber = (i) => `${STUDENT_PREFIX}${String(i).padStart(7, '0')}`

const INDUSTRIES = ['信息传输、软件和信息技术服务业', '制造业', '金融业', '教育', '批发和零售业', '建筑业', '卫生和社会工作', '租赁和商务服务业']
// Index-aligned: title i has category i.
const TITLES = ['软件开发工程师', '会计', '财务会计助理', '销售代表', '机械设计工程师', '数据分析师', '行政专员', '小学语文教师', '护士', '市场营销专员', '审计助理', '产品经理', '测试工程师', '电气工程师', '客户经理', '出纳', '人力资源专员', '前端开发工程师', '采购专员', '法务专员']
const CATEGORIES = ['软件开发', '财务会计', '财务会计', '销售', '机械制造', '数据分析', '人力行政', '教育培训', '医疗健康', '市场营销', '财务会计', '产品设计', '测试运维', '电子电气', '金融投资', '财务会计', '人力行政', '软件开发', '物流采购', '法律']
const CITIES = ['南京市', '苏州市', '无锡市', '常州市', '上海市', '杭州市', '合肥市', '南通市', '扬州市', '徐州市']
/** One job in 5,000 has this title: the "rare keyword" scenario (40 of 200,000). */
export const RARE_TITLE = '区块链研究员'

// TechEmpower's fortunes (the 12 rows of the benchmark's specification).
const FORTUNES = [
  'fortune: No such file or directory',
  "A computer scientist is someone who fixes things that aren't broken.",
  'After enough decimal places, nobody gives a damn.',
  'A bad random number generator: 1, 1, 1, 1, 1, 4.33e+67, 1, 1, 1',
  'A computer program does what you tell it to do, not what you want it to do.',
  'Emacs is a nice operating system, but I prefer UNIX. — Tom Christaensen',
  'Any program that runs right is obsolete.',
  'A list is only as strong as its weakest link. — Donald Knuth',
  'Feature: A bug with seniority.',
  'Computers make very fast, very accurate mistakes.',
  '<script>alert("This should not be displayed in a browser alert box.");</script>',
  'フレームワークのベンチマーク',
]

export async function seedBench(client, { jobs, students }) {
  await client.query(`CREATE TABLE IF NOT EXISTS fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL)`)
  await client.query('TRUNCATE fortune')
  await client.query(
    `INSERT INTO fortune (id, message) SELECT i, ($1::text[])[i] FROM generate_series(1, 12) i`,
    [FORTUNES]
  )

  // 400 employers (5 % not verified), names from a few Chinese words.
  await client.query(
    `INSERT INTO employers (name, uscc, industry, nature, scale, city, status, created_at, updated_at)
     SELECT (ARRAY['南京','苏州','无锡','上海','杭州','合肥','常州','扬州'])[1 + g % 8] ||
            (ARRAY['华信','远航','启明','金桥','新材','智造','天成','博文','康健','万达'])[1 + (g / 8) % 10] ||
            (ARRAY['科技','会计师事务所','制造','教育','医药','建设','商贸','金融服务'])[1 + (g / 80) % 8] || g || '有限公司',
            'BENCH' || lpad(g::text, 13, '0'), ($1::text[])[1 + g % 8], '民营企业', '100-499人', '南京市',
            CASE WHEN g % 20 = 0 THEN 'pending' ELSE 'verified' END, now(), now()
     FROM generate_series(1, 400) g`,
    [INDUSTRIES]
  )
  // Jobs: one INSERT … SELECT; the trigger maintains search_text and the bigram array.
  await client.query(
    `INSERT INTO jobs (employer_id, title, category, nature, province, city, industry, salary_min, salary_max, description, status, published_at, deadline, created_at, updated_at)
     SELECT e.id, t.title, t.category, CASE WHEN g % 10 = 0 THEN '实习' ELSE '全职' END, '江苏省', ($1::text[])[1 + abs(hashint4(g)) % 10],
            e.industry, 4000 + (g % 10) * 1000, 8000 + (g % 10) * 1500, '基准测试职位描述',
            CASE WHEN g % 25 = 0 THEN 'closed' ELSE 'open' END,
            now() - (g || ' minutes')::interval, CASE WHEN g % 50 = 0 THEN now() - interval '1 day' ELSE now() + interval '60 days' END, now(), now()
     FROM generate_series(1, $2::int) g
     JOIN LATERAL (SELECT id, industry FROM employers WHERE uscc = 'BENCH' || lpad((1 + abs(hashint4(g + 7)) % 400)::text, 13, '0')) e ON true
     JOIN LATERAL (SELECT CASE WHEN g % 5000 = 2501 THEN $5 ELSE ($3::text[])[1 + g % 20] END AS title,
                          ($4::text[])[1 + g % 20] AS category) t ON true`,
    [CITIES, jobs, TITLES, CATEGORIES, RARE_TITLE]
  )

  // Students of 南京示范大学 (a demo school with its own subsite), activated, with a password hash of
  // cheap scrypt parameters written straight into the database: logging 5,000 in stays fast and the
  // app needs no bench-only code path (scrypt verification reads its parameters from the hash).
  const school = await client.query(`SELECT id FROM schools WHERE code = 'njsf'`)
  const schoolId = school.rows[0].id
  const cheapHash = await new Scrypt({ cost: 16, blockSize: 8, parallelization: 1, maxMemory: 33554432, saltSize: 16, keyLength: 64 }).make(PASSWORD)
  await client.query(
    `INSERT INTO graduates (school_id, student_number, name, signable, created_at, updated_at)
     SELECT $1, $3 || lpad(i::text, 7, '0'), '压测学生' || i, false, now(), now() FROM generate_series(1, $2::int) AS i`,
    [schoolId, students, STUDENT_PREFIX]
  )
  await client.query(
    `INSERT INTO users (kind, login_key, username, password, name, school_id, graduate_id, is_active, created_at, updated_at)
     SELECT 'student', 'student:' || $1::text || ':' || lower(g.student_number), g.student_number, $2, g.name, $1::int, g.id, true, now(), now()
     FROM graduates g WHERE g.school_id = $1::int AND g.student_number LIKE $3 || '%'`,
    [schoolId, cheapHash, STUDENT_PREFIX]
  )
  await client.query('ANALYZE')
}

/** A fresh fair of 南京示范大学 for each rush (so a reused database needs no clean-up). */
export async function createRushFair(client, seats) {
  const { rows } = await client.query(
    `INSERT INTO recruitment_events (kind, title, site_id, school_id, mode, city, place, starts_at, ends_at, description,
       registration_starts_at, registration_ends_at, capacity, taken, status, created_at, updated_at)
     SELECT 'fair', '压测招聘会', s.id, s.school_id, 'offline', '南京市', '体育馆', now() + interval '7 days', now() + interval '7 days 6 hours',
       '压测', now() - interval '1 hour', now() + interval '6 days', $1, 0, 'published', now(), now()
     FROM sites s WHERE s.code = 'njsf' RETURNING id`,
    [seats]
  )
  return rows[0].id
}

/** What a previous run left, for BENCH_REUSE=1. */
export async function seededCounts(client) {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM jobs)::int AS jobs,
            (SELECT count(*) FROM users WHERE kind = 'student' AND username LIKE $1 || '%')::int AS students,
            (SELECT count(*) FROM fortune)::int AS fortunes`,
    [STUDENT_PREFIX]
  )
  return rows[0]
}
