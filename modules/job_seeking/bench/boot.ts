/**
 * Shared by the benchmarks: a dedicated PostgreSQL database (PG_DATABASE, default `bench`),
 * freshly migrated, and the app booted in-process (services, models, Lucid).
 */
process.env.TZ = 'UTC'
process.env.DB_CONNECTION = 'pg'
process.env.PG_DATABASE ??= 'bench'
process.env.QUEUE_DRIVER = 'sync'
process.env.LOG_LEVEL ??= 'warn'
import 'reflect-metadata'
import { execFileSync } from 'node:child_process'
import { Ignitor } from '@adonisjs/core'

export const APP_ROOT = new URL('../../../', import.meta.url)

export async function ensureDatabase() {
  const { default: pg } = (await import('pg' as string)) as { default: any }
  const client = new pg.Client({
    host: process.env.PG_HOST ?? '127.0.0.1',
    port: Number(process.env.PG_PORT ?? 5432),
    user: process.env.PG_USER ?? 'postgres',
    password: process.env.PG_PASSWORD ?? '',
    database: 'postgres',
  })
  await client.connect()
  const name = process.env.PG_DATABASE!
  if (!/^[a-z_][a-z0-9_]*$/.test(name))
    throw new Error(`PG_DATABASE "${name}" must be a plain identifier`)
  const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])
  if (!exists.rowCount) await client.query(`CREATE DATABASE ${name}`)
  await client.end()
  execFileSync(process.execPath, ['ace', 'migration:fresh', '--force'], {
    cwd: new URL('.', APP_ROOT).pathname,
    env: process.env,
    stdio: ['ignore', 'ignore', 'inherit'],
  })
}

export async function bootApp() {
  const IMPORTER = (filePath: string) => {
    if (filePath.startsWith('./') || filePath.startsWith('../'))
      return import(new URL(filePath, APP_ROOT).href)
    return import(filePath)
  }
  const app = new Ignitor(APP_ROOT, { importer: IMPORTER })
    .tap((a) =>
      a.booting(async () => {
        await import('#start/env')
      })
    )
    .createApp('console')
  await app.init()
  await app.boot()
  return app
}

export function ms(start: bigint) {
  return Number(process.hrtime.bigint() - start) / 1e6
}
