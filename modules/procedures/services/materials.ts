import { mkdir, readFile, copyFile } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import app from '@adonisjs/core/services/app'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import db from '@adonisjs/lucid/services/db'
import { nowDb } from '#core/database/time'
import { ProcedureError } from '#modules/procedures/services/state_machines'

/**
 * 解约材料: PDF / JPEG / PNG up to 10 MB each, the type checked by the file's content
 * (magic bytes), not by its name. Stored privately under storage/ with a `files` row.
 */
const MAX_BYTES = 10 * 1024 * 1024
const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    mime: 'application/pdf',
    ext: 'pdf',
    test: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  },
  { mime: 'image/jpeg', ext: 'jpg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) =>
      b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
]

export function sniff(buffer: Buffer) {
  return SIGNATURES.find((s) => s.test(buffer)) ?? null
}

export async function storeMaterials(ownerId: number, files: MultipartFile[]) {
  const checked: { file: MultipartFile; mime: string; ext: string }[] = []
  if (files.length > 5) throw new ProcedureError('解约材料最多上传 5 个文件', 'materials', 422)
  for (const file of files) {
    if (!file.tmpPath) continue
    if ((file.size ?? 0) > MAX_BYTES)
      throw new ProcedureError(`${file.clientName} 超过 10MB，请压缩后再上传`, 'materials', 422)
    const head = (await readFile(file.tmpPath)).subarray(0, 16)
    const kind = sniff(head)
    if (!kind)
      throw new ProcedureError(
        `${file.clientName} 不是有效的 PDF、JPG 或 PNG 文件`,
        'materials',
        422
      )
    checked.push({ file, mime: kind.mime, ext: kind.ext })
  }
  const dir = app.makePath('storage', 'procedures', 'materials')
  await mkdir(dir, { recursive: true })
  const ids: number[] = []
  for (const { file, mime, ext } of checked) {
    const name = `${randomUUID()}.${ext}`
    await copyFile(file.tmpPath!, `${dir}/${name}`)
    const [row] = await db
      .knexQuery()
      .table('files')
      .insert({
        owner_id: ownerId,
        purpose: 'termination_material',
        path: `procedures/materials/${name}`,
        original_name: file.clientName.slice(0, 255),
        mime,
        size: file.size ?? 0,
        created_at: nowDb(),
      })
      .returning('id')
    ids.push(Number(typeof row === 'object' ? row.id : row))
  }
  return ids
}

export async function materialFile(id: number) {
  const row = await db
    .from('files')
    .where('id', id)
    .where('purpose', 'termination_material')
    .first()
  if (!row) return null
  return { ...row, absolutePath: app.makePath('storage', row.path) }
}
