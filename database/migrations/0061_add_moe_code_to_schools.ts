import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // 学校标识码 (MoE 5-digit code): the `xxdm` that 91job-compatible clients send.
    this.schema.alterTable('schools', (table) => {
      table.string('moe_code', 5).nullable().unique()
    })
  }

  async down() {
    this.schema.alterTable('schools', (table) => {
      table.dropColumn('moe_code')
    })
  }
}
