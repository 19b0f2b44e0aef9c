import type { MultipartFile } from '@adonisjs/core/bodyparser'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import files, { FileRejectedError, MB } from '#core/files/file_service'
import StoredFile from '#core/files/models/stored_file'
import { defineFilePurposes } from '#core/files/purposes'
import { KIND_INFO } from '#core/files/file_kinds'
import { safeFileName } from '#core/files/file_names'

/**
 * 解约材料 through the core file service: PDF / JPEG / PNG up to 10 MB each, at most 5, the type
 * checked by content, inside the uploader's quota. Checked first (nothing stored), stored only
 * inside the transaction that writes the termination, so a refused request leaves no file.
 */
export const MATERIAL_PURPOSE = 'termination_material'

export const materialFilePurposes = defineFilePurposes({
  [MATERIAL_PURPOSE]: {
    label: 'procedures.materials.termination',
    kinds: ['pdf', 'jpg', 'png'],
    maxBytes: 10 * MB,
    maxFiles: 5,
    // The school reviews them through its own page; the province may open any through /files/:id.
    readers: (user) => user.kind === 'admin',
    // Referenced while a termination filed by its uploader lists it.
    references: async (batch) => {
      const owners = [...new Set(batch.map((f) => f.ownerId).filter((id) => id !== null))]
      if (!owners.length) return []
      const rows = await db
        .from('terminations')
        .whereIn('initiator_id', owners)
        .select('material_file_ids')
      const referenced: number[] = []
      for (const row of rows) {
        const ids =
          typeof row.material_file_ids === 'string'
            ? JSON.parse(row.material_file_ids)
            : row.material_file_ids
        if (Array.isArray(ids)) referenced.push(...ids.map(Number))
      }
      return referenced
    },
    // Files stored before the core service was used.
    legacyDirs: ['procedures/materials'],
  },
})

/** Why these uploads cannot be accepted (the message for the materials field), or null. */
export async function materialsProblem(ownerId: number, uploads: MultipartFile[]) {
  try {
    await files.checkAll(uploads, MATERIAL_PURPOSE, { ownerId })
    return null
  } catch (error) {
    if (error instanceof FileRejectedError) return error.message
    throw error
  }
}

/**
 * Stores the checked uploads with `trx` (rows roll back with it). The caller removes the bytes
 * with `discardMaterials` if the transaction fails.
 */
export async function storeMaterials(
  ownerId: number,
  uploads: MultipartFile[],
  trx: TransactionClientContract,
  stored: StoredFile[]
) {
  for (const upload of uploads) {
    stored.push(await files.store(upload, MATERIAL_PURPOSE, { ownerId, trx }))
  }
  return stored.map((file) => file.id)
}

/** After a rolled-back transaction: removes the bytes (the rows are already gone). */
export async function discardMaterials(stored: StoredFile[]) {
  for (const file of stored) await files.removeBytes(file).catch(() => {})
}

/**
 * A stored 解约材料 for the school review page: `stored` is sent with `files.send` (cleaned
 * name, nosniff, private cache); the snake_case fields are what the page shows.
 */
export async function materialFile(id: number) {
  const stored = await StoredFile.query().where('id', id).where('purpose', MATERIAL_PURPOSE).first()
  if (!stored) return null
  return {
    id: stored.id,
    original_name: safeFileName(stored.originalName, kindOf(stored.mime)?.extnames ?? []),
    mime: stored.mime,
    size: stored.size,
    stored,
  }
}

function kindOf(mime: string) {
  return Object.values(KIND_INFO).find((k) => k.mime === mime)
}
