import { BaseSchema } from '@adonisjs/lucid/schema'
import { sealKeys } from '#core/privacy/sealed'

/** 身份证号 at rest: old → new pairs of pending and past change requests are sealed too. */
export default class extends BaseSchema {
  async up() {
    this.defer(async (db) => {
      const rows = await db.from('source_change_requests').select('id', 'changes')
      for (const row of rows) {
        const changes = typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes
        if (!changes || !('idNumber' in changes)) continue
        await db
          .from('source_change_requests')
          .where('id', row.id)
          .update({ changes: JSON.stringify(sealKeys(changes, ['idNumber'])) })
      }
    })
  }

  async down() {}
}
