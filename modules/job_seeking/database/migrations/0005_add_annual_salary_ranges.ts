import { BaseSchema } from '@adonisjs/lucid/schema'
import { ANNUAL_SALARY_RANGES, salaryRows } from '#modules/job_seeking/data/dictionaries'

/** 期望年薪 gets annual ranges of its own (it offered the monthly job-salary ranges before). */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const existing = await db.from('job_dictionary_items').where('kind', 'annual_salary_range')
      if (existing.length) return
      await db
        .table('job_dictionary_items')
        .multiInsert(salaryRows('annual_salary_range', ANNUAL_SALARY_RANGES))
    })
  }

  async down() {
    this.defer(async (db) => {
      await db.from('job_dictionary_items').where('kind', 'annual_salary_range').delete()
    })
  }
}
