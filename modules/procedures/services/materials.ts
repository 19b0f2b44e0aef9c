import type { MultipartFile } from '@adonisjs/core/bodyparser'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import files, { FileRejectedError, MB } from '#core/files/file_service'
import StoredFile from '#core/files/models/stored_file'
import { detectKind, KIND_INFO } from '#core/files/file_kinds'
import { safeFileName } from '#core/files/file_names'

/**
 * 解约材料 through the core file service: PDF / JPEG / PNG up to 10 MB each, at most 5, the type
 * checked by content, inside the uploader's quota. Checked first (nothing stored), stored only
 * inside the transaction that writes the termination, so a refused request leaves no file.
 */
export const MATERIAL_PURPOSE = 'termination_material'
export const MATERIAL_RULES = {
  kinds: ['pdf', 'jpg', 'png'] as ('pdf' | 'jpg' | 'png')[],
  maxBytes: 10 * MB,
  label: '解约材料',
  maxFiles: 5,
}

/** The detected type of a file's first bytes (PDF, JPEG or PNG), or null. */
export function sniff(head: Buffer) {
  const kind = detectKind(head)
  if (!kind || !(MATERIAL_RULES.kinds as string[]).includes(kind)) return null
  return { mime: KIND_INFO[kind].mime, ext: KIND_INFO[kind].extnames[0] }
}

/** Why these uploads cannot be accepted (the message for the materials field), or null. */
export async function materialsProblem(ownerId: number, uploads: MultipartFile[]) {
  try {
    await files.checkAll(uploads, { ...MATERIAL_RULES, ownerId })
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
    stored.push(
      await files.store(upload, { ...MATERIAL_RULES, purpose: MATERIAL_PURPOSE, ownerId }, trx)
    )
  }
  return stored.map((file) => file.id)
}

/** After a rolled-back transaction: removes the bytes (the rows are already gone). */
export async function discardMaterials(stored: StoredFile[]) {
  for (const file of stored) await files.removeBytes(file).catch(() => {})
}

export async function materialFile(id: number) {
  const file = await StoredFile.query().where('id', id).where('purpose', MATERIAL_PURPOSE).first()
  if (!file) return null
  // The plain shape the school review page reads (snake_case like a query row).
  return {
    id: file.id,
    original_name: safeFileName(file.originalName, mimeExtnames(file.mime)),
    mime: file.mime,
    size: file.size,
    absolutePath: files.absolutePath(file),
  }
}

function mimeExtnames(mime: string) {
  return Object.values(KIND_INFO).find((k) => k.mime === mime)?.extnames ?? []
}

/**
 * For the core's orphan sweep: a material is referenced when a termination filed by its
 * uploader lists it. `procedures/materials` holds files stored before the core service was used.
 */
export function registerMaterialFiles() {
  files.registerReferences(
    MATERIAL_PURPOSE,
    async (batch) => {
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
    ['procedures/materials']
  )
}
