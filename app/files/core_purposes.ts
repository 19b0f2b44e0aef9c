import db from '@adonisjs/lucid/services/db'
import { MB } from '#core/files/limits'
import { defineFilePurposes } from '#core/files/purposes'

export const LICENCE_PURPOSE = 'employer_licence'
/** A sheet imported by a school or the province (生源 import, national data): parsed, never kept. */
export const IMPORT_SHEET_PURPOSE = 'import_sheet'

/** The core's own uploads, declared like a module's (registered by the file service itself). */
export const corePurposes = defineFilePurposes({
  [IMPORT_SHEET_PURPOSE]: {
    label: '导入文件',
    kinds: ['csv', 'xlsx'],
    maxBytes: 10 * MB,
    // Never stored (files.read only): a stored file of this purpose would be an orphan.
    references: () => [],
  },
  // 营业执照 (单位注册 and 修改并重新提交): referenced by employers.licence_file_id.
  [LICENCE_PURPOSE]: {
    label: '营业执照',
    kinds: ['pdf', 'jpg', 'png'],
    maxBytes: 5 * MB,
    // The accounts of the employer it belongs to, and the province that verifies employers.
    readers: async (user, file) => {
      if (user.kind === 'admin') return true
      if (user.kind !== 'employer' || !user.employerId) return false
      const employer = await db
        .from('employers')
        .where('id', user.employerId)
        .where('licence_file_id', file.id)
        .first()
      return Boolean(employer)
    },
    references: async (batch) =>
      (
        await db
          .from('employers')
          .whereIn(
            'licence_file_id',
            batch.map((f) => f.id)
          )
          .select('licence_file_id')
      ).map((r: any) => Number(r.licence_file_id)),
  },
})
