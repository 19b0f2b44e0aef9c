import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 全国毕业去向登记 sync (issue 13.4): the numbers a returned national file carries per student
 * (档案转递编号 already exists on the plan; 核验编号 is new) and the stored previews of such
 * files (upload → preview with per-row errors → confirm, all or nothing).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('employment_plans', (table) => {
      table.string('verification_no', 50).nullable() // 核验编号 from the national system
      table.timestamp('national_synced_at').nullable() // last returned-file import that touched it
    })
    this.schema.createTable('national_sync_imports', (table) => {
      table.increments('id')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('file_name', 255).notNullable()
      table.string('status', 20).notNullable() // previewed | importing | imported
      table.integer('total_rows').notNullable().defaultTo(0)
      table.integer('error_rows').notNullable().defaultTo(0)
      table.text('rows').notNullable() // JSON: [{ row, studentNumber, planId, archiveTransferNo, verificationNo }]
      table.text('errors').nullable() // JSON: [{ row, studentNumber, messages }]
      table.timestamp('created_at').notNullable()
      table.timestamp('imported_at').nullable()
      table.index(['school_id', 'user_id'])
    })
  }

  async down() {
    this.schema.dropTable('national_sync_imports')
    this.schema.alterTable('employment_plans', (table) => {
      table.dropColumn('verification_no')
      table.dropColumn('national_synced_at')
    })
  }
}
