import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // Server-side sessions (@adonisjs/session database store): every web process reads the same
    // rows, the cookie carries only the signed id, and the server can end a session.
    this.schema.createTable('sessions', (table) => {
      table.string('id', 64).primary()
      table.string('user_id', 32).nullable().index()
      table.text('data').notNullable()
      table.timestamp('expires_at').notNullable().index()
    })
    // Bumped on logout and password change: every session stamped with an older version ends.
    this.schema.alterTable('users', (table) => {
      table.integer('session_version').notNullable().defaultTo(0)
    })
  }

  async down() {
    this.schema.alterTable('users', (table) => {
      table.dropColumn('session_version')
    })
    this.schema.dropTable('sessions')
  }
}
