import { BaseSchema } from '@adonisjs/lucid/schema'
import { maskChanges } from '#core/privacy/mask'

/**
 * Audit diffs are stored with personal fields masked (身份证号 3201**********1234, 手机号
 * 138****0000). Rows written before that rule held full numbers: mask them in place.
 * Not reversible by design (the full numbers must not survive in the log).
 */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      let lastId = 0
      for (;;) {
        const rows = await db
          .from('audit_logs')
          .where('id', '>', lastId)
          .whereNotNull('changes')
          .where((q) =>
            q
              .where('changes', 'like', '%idNumber%')
              .orWhere('changes', 'like', '%id_number%')
              .orWhere('changes', 'like', '%phone%')
              .orWhere('changes', 'like', '%mobile%')
          )
          .orderBy('id')
          .limit(500)
          .select('id', 'changes')
        if (!rows.length) break
        for (const row of rows) {
          lastId = Number(row.id)
          let parsed: Record<string, unknown>
          try {
            parsed = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes
          } catch {
            continue
          }
          if (!parsed || typeof parsed !== 'object') continue
          const masked = JSON.stringify(maskChanges(parsed))
          if (masked !== JSON.stringify(parsed)) {
            await db.from('audit_logs').where('id', row.id).update({ changes: masked })
          }
        }
      }
    })
  }

  async down() {
    // Nothing to undo: masked numbers cannot (and must not) be restored.
  }
}
