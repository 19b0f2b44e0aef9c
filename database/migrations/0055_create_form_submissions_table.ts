import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // One-time form tokens (#core/http/form_token): a create form's token is claimed once, in the
    // database so every web process sees it; a second submit of the same form finds the claim
    // and is sent to the record the first one created.
    this.schema.createTable('form_submissions', (table) => {
      table.increments('id')
      // 0 for forms filled in without an account (employer registration).
      table.integer('user_id').notNullable().defaultTo(0)
      table.string('token', 64).notNullable()
      table.string('result_url', 500).nullable()
      table.timestamp('created_at').notNullable().index()
      table.unique(['user_id', 'token'])
    })
  }

  async down() {
    this.schema.dropTable('form_submissions')
  }
}
