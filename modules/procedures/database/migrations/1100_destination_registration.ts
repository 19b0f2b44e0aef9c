import { BaseSchema } from '@adonisjs/lucid/schema'
import {
  ensureDestinationCodes,
  migrateLegacyResearchCode,
} from '#modules/procedures/services/destination_codes'

/**
 * 毕业去向登记 (issue 13): the versioned code table gets parents, formula groups, evidence and a
 * `verified` flag; plans and invitations record the code version and procedures mode they
 * were made under plus the 去向登记 fields; every change of a confirmed registration is kept
 * in `destination_registration_changes`. Existing plans: 13 → 271, made in 2021 (报到证) mode.
 */
export default class extends BaseSchema {
  async up() {
    this.schema.alterTable('destination_codes', (table) => {
      table.string('parent_code', 10).nullable()
      table.integer('name_since').nullable()
      table.string('formula_group', 20).nullable()
      table.string('evidence', 200).nullable()
      table.boolean('evidence_verified').notNullable().defaultTo(false)
      table.boolean('verified').notNullable().defaultTo(false)
      table.boolean('selectable').notNullable().defaultTo(true)
    })

    this.schema.createTable('destination_code_aliases', (table) => {
      table.increments('id')
      table.string('code', 10).notNullable() // today's code
      table.string('alias_code', 10).notNullable() // the code an old record may carry
      table.string('alias_name', 50).notNullable()
      table.string('note', 200).nullable()
      table.unique(['code', 'alias_code', 'alias_name'])
    })

    this.schema.alterTable('employment_plans', (table) => {
      table.string('code_version', 10).nullable() // destination_codes.version the plan was made under
      table.string('procedures_mode', 10).nullable() // '2021' (报到证) | '2023' (去向登记)
      table.string('legacy_destination_code', 10).nullable() // e.g. '13' for plans migrated to 271
      table.string('position_category', 50).nullable() // 工作职位类别
      table.string('archive_transfer_no', 50).nullable() // 档案转递编号 (once known)
      table.string('hukou_migration', 30).nullable() // 户口迁移
      table.boolean('verification_authorized').notNullable().defaultTo(false) // 授权核验
      table.timestamp('registration_confirmed_at').nullable() // 登记确认 (first time)
    })

    this.schema.alterTable('signing_invitations', (table) => {
      table.string('procedures_mode', 10).nullable()
      table.string('position_category', 50).nullable()
      table.string('archive_address', 255).nullable()
      table.string('hukou_migration', 30).nullable()
    })

    // 毕业去向登记 history: one row per changed field (who, when, old → new). Only the fields of
    // REGISTRATION_HISTORY_FIELDS are written: never 身份证号 or a phone number.
    this.schema.createTable('destination_registration_changes', (table) => {
      table.increments('id')
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('employment_plans.id')
        .onDelete('CASCADE')
      table.integer('graduate_id').unsigned().notNullable()
      table.integer('school_id').unsigned().notNullable()
      table.integer('actor_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('action', 20).notNullable() // confirm | amend | approve | return | cancel
      table.string('field', 40).notNullable()
      table.string('old_value', 255).nullable()
      table.string('new_value', 255).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['plan_id'])
      table.index(['school_id', 'created_at'])
    })

    this.defer(async (client) => {
      await client
        .from('employment_plans')
        .whereNull('procedures_mode')
        .update({ procedures_mode: '2021' })
      await migrateLegacyResearchCode(client)
      // Existing plans were made on the only table there was (labelled 2024).
      await client
        .from('employment_plans')
        .whereNull('code_version')
        .update({
          code_version: client.knexRawQuery(
            '(select version from destination_codes where destination_codes.id = employment_plans.destination_code_id)'
          ),
        })
      await client
        .from('employment_plans')
        .whereNull('code_version')
        .update({ code_version: '2024' })
      await client
        .from('signing_invitations')
        .whereNull('procedures_mode')
        .update({ procedures_mode: '2021' })
      if (Number((await client.from('destination_codes').count('* as n').first())?.n ?? 0) > 0)
        await ensureDestinationCodes(client)
    })
  }

  async down() {
    this.schema.dropTable('destination_registration_changes')
    this.schema.dropTable('destination_code_aliases')
    this.schema.alterTable('signing_invitations', (table) => {
      table.dropColumn('procedures_mode')
      table.dropColumn('position_category')
      table.dropColumn('archive_address')
      table.dropColumn('hukou_migration')
    })
    this.schema.alterTable('employment_plans', (table) => {
      for (const c of [
        'code_version',
        'procedures_mode',
        'legacy_destination_code',
        'position_category',
        'archive_transfer_no',
        'hukou_migration',
        'verification_authorized',
        'registration_confirmed_at',
      ])
        table.dropColumn(c)
    })
    this.schema.alterTable('destination_codes', (table) => {
      for (const c of [
        'parent_code',
        'name_since',
        'formula_group',
        'evidence',
        'evidence_verified',
        'verified',
        'selectable',
      ])
        table.dropColumn(c)
    })
  }
}
