import { BaseSchema } from '@adonisjs/lucid/schema'
import { dictionaryRows } from '#modules/job_seeking/data/dictionaries'

/** Dictionaries shared by intentions, jobs and search (cities, industries, categories, …). */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('job_dictionary_items', (table) => {
      table.increments('id')
      table.string('kind', 30).notNullable()
      table.string('value', 100).notNullable()
      table.string('parent', 100).nullable()
      table.string('extra', 200).nullable()
      table.integer('position').notNullable().defaultTo(0)
      table.unique(['kind', 'value'])
      table.index(['kind', 'parent'])
    })
    this.defer(async (db) => {
      await db.table('job_dictionary_items').multiInsert(dictionaryRows())
    })
  }

  async down() {
    this.schema.dropTable('job_dictionary_items')
  }
}
