import { BaseSchema } from '@adonisjs/lucid/schema'
import { isSealed, seal, sealKeys } from '#core/privacy/sealed'

/** 身份证号 encrypted at rest: seals the numbers already stored in plaintext (graduates, import previews). */
export default class extends BaseSchema {
  async up() {
    // A sealed number is about 150 characters: the varchar(18) of PostgreSQL must grow
    // (SQLite does not enforce varchar lengths, and recreating its table is not needed).
    if (this.db.dialect.name === 'postgres') {
      this.schema.alterTable('graduates', (table) => {
        table.text('id_number').nullable().alter()
      })
    }
    this.defer(async (db) => {
      const graduates = await db
        .from('graduates')
        .whereNotNull('id_number')
        .select('id', 'id_number')
      for (const row of graduates) {
        if (isSealed(row.id_number) || row.id_number === '') continue
        await db
          .from('graduates')
          .where('id', row.id)
          .update({ id_number: seal(row.id_number) })
      }
      const imports = await db.from('registry_imports').whereNotNull('rows').select('id', 'rows')
      for (const row of imports) {
        const rows = typeof row.rows === 'string' ? JSON.parse(row.rows) : row.rows
        if (!Array.isArray(rows)) continue
        const sealed = rows.map((r: Record<string, unknown>) => sealKeys(r, ['idNumber']))
        await db
          .from('registry_imports')
          .where('id', row.id)
          .update({ rows: JSON.stringify(sealed) })
      }
    })
  }

  async down() {
    // Sealed numbers stay sealed: the model reads both forms.
  }
}
