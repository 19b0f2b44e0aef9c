import { mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig } from '@adonisjs/lucid'
import moduleRegistry from '#start/modules'

/**
 * Migration and seeder directories run in the listed order (Lucid does not sort
 * across directories): core first, then each module in `start/modules.ts` order.
 */
const migrationPaths = ['database/migrations', ...moduleRegistry.subfolders('database/migrations')]
const seederPaths = ['database/seeders', ...moduleRegistry.subfolders('database/seeders')]

const poolMax = env.get('DB_POOL_MAX', 8)
const sqliteFile = app.makePath(env.get('SQLITE_FILE', 'tmp/db.sqlite3'))
if (env.get('DB_CONNECTION') === 'sqlite') mkdirSync(dirname(sqliteFile), { recursive: true })

const dbConfig = defineConfig({
  connection: env.get('DB_CONNECTION'),
  prettyPrintDebugQueries: false,
  connections: {
    sqlite: {
      client: 'better-sqlite3',
      connection: {
        filename: sqliteFile,
      },
      pool: {
        afterCreate: (conn: any, done: (err: Error | null, conn: any) => void) => {
          // WAL + busy timeout: the web process and a worker may share the file.
          conn.pragma('journal_mode = WAL')
          conn.pragma('busy_timeout = 5000')
          conn.pragma('foreign_keys = ON')
          done(null, conn)
        },
      },
      useNullAsDefault: true,
      migrations: { naturalSort: true, paths: migrationPaths },
      seeders: { paths: seederPaths },
    },
    pg: {
      client: 'pg',
      connection: {
        host: env.get('PG_HOST', '127.0.0.1'),
        port: env.get('PG_PORT', 5432),
        user: env.get('PG_USER', 'postgres'),
        password: env.get('PG_PASSWORD', ''),
        database: env.get('PG_DATABASE', 'employment'),
      },
      // Small on purpose: conditional seat updates get slower as the pool grows (TECH-NOTES).
      pool: { min: 0, max: poolMax },
      migrations: { naturalSort: true, paths: migrationPaths },
      seeders: { paths: seederPaths },
    },
  },
})

export default dbConfig
