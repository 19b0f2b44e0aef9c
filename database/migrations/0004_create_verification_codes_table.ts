import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // SMS verification codes; stored hashed-free but short-lived, single use, attempt-limited.
    this.schema.createTable('verification_codes', (table) => {
      table.increments('id')
      table.string('phone', 20).notNullable()
      table.string('purpose', 30).notNullable()
      table.string('code', 10).notNullable()
      table.integer('attempts').notNullable().defaultTo(0)
      table.timestamp('expires_at').notNullable()
      table.timestamp('used_at').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['phone', 'purpose', 'created_at'])
    })
  }

  async down() {
    this.schema.dropTable('verification_codes')
  }
}
