import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // A registry (生源库) import between its preview and its confirmation. Kept in the database,
    // not on a web process's disk, so the confirmation may reach any process.
    this.schema.createTable('registry_imports', (table) => {
      table.increments('id')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('file_name', 255).notNullable()
      table.string('status', 20).notNullable().defaultTo('previewed') // previewed | imported | discarded
      table.integer('total_rows').notNullable().defaultTo(0)
      table.integer('error_rows').notNullable().defaultTo(0)
      table.integer('created_count').notNullable().defaultTo(0)
      table.integer('updated_count').notNullable().defaultTo(0)
      table.text('rows').notNullable() // JSON: validated rows
      table.text('errors').nullable() // JSON: [{ row, messages }]
      table.timestamp('imported_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['school_id', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('registry_imports')
  }
}
