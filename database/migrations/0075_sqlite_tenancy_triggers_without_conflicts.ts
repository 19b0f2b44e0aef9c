import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * SQLite applies the conflict rule of the outer statement to the statements of its triggers: an
 * upsert on `site_modules` (`ON CONFLICT … DO UPDATE`, as a module switch is saved) turned the
 * trigger's `INSERT OR REPLACE` into an abort, so switching a module back on failed with
 * "UNIQUE constraint failed: config_versions.name". The triggers now bump the version with
 * statements that cannot conflict. PostgreSQL's trigger function is not affected.
 */
const TABLES = ['sites', 'site_modules']
const EVENTS = ['insert', 'update', 'delete']

export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name === 'postgres') return
    this.defer(async (db) => {
      for (const table of TABLES) {
        for (const event of EVENTS) {
          await db.rawQuery(`DROP TRIGGER IF EXISTS ${table}_bump_tenancy_version_${event}`)
          await db.rawQuery(
            `CREATE TRIGGER ${table}_bump_tenancy_version_${event} AFTER ${event.toUpperCase()} ON ${table}
             BEGIN
               INSERT INTO config_versions (name, version)
                 SELECT 'tenancy', random() WHERE NOT EXISTS (SELECT 1 FROM config_versions WHERE name = 'tenancy');
               UPDATE config_versions SET version = random() WHERE name = 'tenancy';
             END`
          )
        }
      }
    })
  }

  async down() {}
}
