import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * One version that every write to `sites` or `site_modules` replaces with a new random value
 * (database triggers, so no write path can forget it; random, so a truncated and re-seeded
 * table never comes back to a version a process has cached). Web processes cache site and module-switch lookups and read this
 * one row per request: a change by the province or a school is seen by every process on its
 * next request (app/tenancy/config_cache.ts).
 */
const TABLES = ['sites', 'site_modules']
const EVENTS = ['insert', 'update', 'delete']

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('config_versions', (table) => {
      table.string('name', 30).primary()
      table.bigInteger('version').notNullable().defaultTo(0)
    })
    this.defer(async (db) => {
      await db.table('config_versions').insert({ name: 'tenancy', version: 1 })
      // An upsert: a truncated config_versions (test helpers) gets its row back on the next write.
      const postgres = this.db.dialect.name === 'postgres'
      if (postgres) {
        await db.rawQuery(`CREATE OR REPLACE FUNCTION bump_tenancy_version() RETURNS trigger AS $$
          BEGIN
            INSERT INTO config_versions (name, version) VALUES ('tenancy', (random() * 9e15)::bigint)
            ON CONFLICT (name) DO UPDATE SET version = excluded.version;
            RETURN NULL;
          END
          $$ LANGUAGE plpgsql`)
      }
      for (const table of TABLES) {
        if (postgres) {
          await db.rawQuery(
            `CREATE TRIGGER ${table}_bump_tenancy_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON ${table}
             FOR EACH STATEMENT EXECUTE FUNCTION bump_tenancy_version()`
          )
        } else {
          for (const event of EVENTS) {
            await db.rawQuery(
              `CREATE TRIGGER ${table}_bump_tenancy_version_${event} AFTER ${event.toUpperCase()} ON ${table}
               BEGIN INSERT OR REPLACE INTO config_versions (name, version) VALUES ('tenancy', random()); END`
            )
          }
        }
      }
    })
  }

  async down() {
    this.defer(async (db) => {
      const postgres = this.db.dialect.name === 'postgres'
      for (const table of TABLES) {
        if (postgres)
          await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_bump_tenancy_version ON ${table}`)
        else
          for (const event of EVENTS)
            await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_bump_tenancy_version_${event}`)
      }
      if (postgres) await db.rawQuery('DROP FUNCTION IF EXISTS bump_tenancy_version()')
    })
    this.schema.dropTable('config_versions')
  }
}
