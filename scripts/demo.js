// `npm run demo`: creates .env if missing, migrates a fresh SQLite database, seeds the
// demo data of DEMO.md and starts the server on http://localhost:3333 with the inline queue.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { randomBytes } from 'node:crypto'
import { spawnSync, spawn } from 'node:child_process'

if (!existsSync('.env')) {
  const example = readFileSync('.env.example', 'utf8')
  writeFileSync('.env', example.replace(/^APP_KEY=.*$/m, `APP_KEY=${randomBytes(24).toString('hex')}`))
  console.log('Created .env from .env.example')
}

const env = { ...process.env, TZ: 'UTC', NODE_ENV: 'development', DB_CONNECTION: 'sqlite', QUEUE_DRIVER: 'sync' }
const run = (args) => {
  const result = spawnSync(process.execPath, ['ace', ...args], { stdio: 'inherit', env })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

run(['migration:fresh', '--force'])
run(['db:seed'])

console.log(`
  智慧就业平台 demo is starting:
    main site      http://localhost:3333
    南京示范大学    http://njsf.localhost:3333
    苏州示范学院    http://szsf.localhost:3333
  Accounts: see README.md (admin / Admin@2026, njsf-admin / School@2026,
  hr@demo-tech.example / Employer@2026, students 2026000001 and 2026100001 / Student@2026)
`)
const server = spawn(process.execPath, ['--import=ts-node-maintained/register/esm', 'bin/server.ts'], {
  stdio: 'inherit',
  env: { ...env, PORT: process.env.PORT ?? '3333', HOST: process.env.HOST ?? '0.0.0.0' },
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal))
server.on('exit', (code) => process.exit(code ?? 0))
