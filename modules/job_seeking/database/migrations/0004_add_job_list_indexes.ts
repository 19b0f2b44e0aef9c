import { BaseSchema } from '@adonisjs/lucid/schema'

/** The 薪资最高 sort walks open jobs by salary on PostgreSQL instead of sorting every match. */
export default class extends BaseSchema {
  async up() {
    if (this.db.dialect.name !== 'postgres') return
    this.defer(async (db) => {
      await db.rawQuery(
        `CREATE INDEX jobs_open_salary ON jobs (salary_max DESC NULLS LAST, id DESC) WHERE status = 'open'`
      )
    })
  }

  async down() {
    if (this.db.dialect.name !== 'postgres') return
    this.defer(async (db) => {
      await db.rawQuery('DROP INDEX IF EXISTS jobs_open_salary')
    })
  }
}
