import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('schools', (table) => {
      table.increments('id')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })

    // One main site (school_id null) plus one subsite per school.
    this.schema.createTable('sites', (table) => {
      table.increments('id')
      table
        .integer('school_id')
        .unsigned()
        .nullable()
        .unique()
        .references('schools.id')
        .onDelete('CASCADE')
      table.string('code', 32).notNullable().unique()
      table.string('name', 100).notNullable()
      table.boolean('is_main').notNullable().defaultTo(false)
      // Optional custom domain, e.g. jy.njsf.edu.cn; `<code>.<APP_DOMAIN>` always works too.
      table.string('custom_host', 255).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
    })
  }

  async down() {
    this.schema.dropTable('sites')
    this.schema.dropTable('schools')
  }
}
