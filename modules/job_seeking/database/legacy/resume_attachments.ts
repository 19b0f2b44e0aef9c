import { rm } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import { join, normalize, sep } from 'node:path'
import logger from '@adonisjs/core/services/logger'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import files, { FileRejectedError } from '#core/files/file_service'
import type StoredFile from '#core/files/models/stored_file'
import { fromDb } from '#core/database/time'
import { ATTACHMENT_PURPOSE } from '#modules/job_seeking/services/resumes'

interface LegacyRow {
  id: number
  user_id: number
  resume_id: number | null
  storage_key: string
  original_name: string
  created_at: string | Date
}

/**
 * Moves the attachments job_seeking kept itself (`resume_attachments` rows, bytes under
 * `storage/resumes/<user>/<uuid>.<ext>`) into the core's stored files (`resume_attachment`):
 * same uploader (owner), same download name, the resume pointing at the new row; the readers
 * are the purpose's (the student and the employers applied to with the resume).
 *
 * All rows move in ONE transaction with the table dropped at its end, so a failure leaves the
 * old state whole and a re-run starts again (the bytes copied by the failed run have no row:
 * the orphan sweep removes them). The old bytes are removed only after the commit. Once the
 * table is gone, a re-run does nothing.
 */
export async function moveResumeAttachments(
  client: QueryClientContract,
  legacyDir = files.legacyStoragePath('resumes')
) {
  if (!(await client.schema.hasTable('resume_attachments'))) return { moved: 0, dropped: 0 }
  const base = normalize(legacyDir + sep)
  const copied: StoredFile[] = []
  const sources: string[] = []
  let dropped = 0
  const trx = await client.transaction()
  try {
    // A resume claims a legacy row only when that row is of the same resume; any other
    // pointer (a row lost earlier) would read as a new file id later: cleared first.
    await trx
      .from('resumes')
      .whereNotNull('attachment_file_id')
      .whereNotExists((q) =>
        q
          .from('resume_attachments')
          .whereColumn('resume_attachments.id', 'resumes.attachment_file_id')
          .whereColumn('resume_attachments.resume_id', 'resumes.id')
      )
      .update({ attachment_file_id: null })
    const rows: (LegacyRow & { pointed: number | null })[] = await trx
      .from('resume_attachments')
      .leftJoin('resumes', (on) =>
        on
          .on('resumes.id', '=', 'resume_attachments.resume_id')
          .andOn('resumes.attachment_file_id', '=', 'resume_attachments.id')
      )
      .select('resume_attachments.*', 'resumes.id as pointed')
      .orderBy('resume_attachments.id')
    for (const row of rows) {
      const source = normalize(join(base, row.storage_key))
      if (!source.startsWith(base)) continue
      // Replaced or deleted resumes' leftovers: nothing points at them, only the bytes go.
      sources.push(source)
      if (row.pointed === null) continue
      let file: StoredFile | null = null
      if (existsSync(source)) {
        try {
          file = await files.adopt(source, ATTACHMENT_PURPOSE, {
            ownerId: row.user_id,
            originalName: row.original_name,
            createdAt: fromDb(row.created_at) ?? undefined,
            trx,
          })
          copied.push(file)
        } catch (error) {
          if (!(error instanceof FileRejectedError)) throw error
        }
      }
      await trx
        .from('resumes')
        .where('id', row.pointed)
        .update({ attachment_file_id: file ? file.id : null })
      if (!file) {
        // Bytes lost or not an allowed type: the resume no longer claims an attachment.
        dropped++
        logger.warn({ legacyId: row.id }, 'resume attachment without usable bytes not moved')
      }
    }
    await trx.schema.dropTable('resume_attachments')
    await trx.commit()
  } catch (error) {
    await trx.rollback()
    for (const file of copied) await files.removeBytes(file).catch(() => {})
    throw error
  }
  for (const source of sources) await rm(source, { force: true }).catch(() => {})
  return { moved: copied.length, dropped }
}
