import { randomUUID } from 'node:crypto'
import { mkdir, readdir, rm, stat } from 'node:fs/promises'
import { dirname, join, normalize, relative as relativePath, sep } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import StoredFile from '#core/files/models/stored_file'
import type User from '#core/accounts/models/user'
import { detectKind, KIND_INFO, readHead, type FileKind } from '#core/files/file_kinds'
import { isOoxml, zipEntryNamesAt } from '#core/files/zip_entries'
import { contentDisposition, safeFileName } from '#core/files/file_names'
import { toDb } from '#core/database/time'

/** A refused upload, with the Chinese message to show beside the field. */
export class FileRejectedError extends Error {}

export interface UploadRules {
  /** Allowed kinds, checked on the content. */
  kinds: FileKind[]
  /** Size limit in bytes. */
  maxBytes: number
  /** Field label for messages, e.g. 营业执照. */
  label: string
}

/**
 * Who may read a file, per purpose. The core registers `employer_licence`; modules register
 * theirs at boot (`files.registerPolicy('resume_attachment', async (user, file) => …)`).
 * Province admins may read every file; an uploader may always read their own.
 */
type ReadPolicy = (user: User, file: StoredFile) => Promise<boolean> | boolean

/**
 * Which of these stored files a record still points at (a purpose's owner answers; the orphan
 * sweep removes the others once they are old enough). Purposes without one are never swept.
 */
type ReferenceCheck = (
  files: { id: number; ownerId: number | null }[]
) => Promise<Iterable<number>> | Iterable<number>

export const MB = 1024 * 1024

/** Every user's stored uploads together may not exceed this (PIPL/等保: bounded storage per user). */
export const USER_QUOTA_BYTES = 100 * MB

/** A stored file no record references is removed after this long (a request has long finished). */
export const ORPHAN_AGE_HOURS = 24

/**
 * Private file storage: files live under STORAGE_PATH (default `storage/`, gitignored), never under
 * public/, and are served only through `/files/:id` to an authorised user or with a signed URL.
 */
export class FileService {
  #policies = new Map<string, ReadPolicy>()
  #references = new Map<string, { check: ReferenceCheck; legacyDirs: string[] }>()

  root() {
    const configured = env.get('STORAGE_PATH')
    if (configured) return app.makePath(configured)
    // Each test run keeps its uploads apart (and removable).
    return app.inTest ? app.makePath('tmp', `storage-test-${process.pid}`) : app.makePath('storage')
  }

  absolutePath(file: StoredFile) {
    const root = normalize(this.root() + sep)
    const full = normalize(join(root, file.path))
    if (!full.startsWith(root)) throw new Error('file path escapes the storage root')
    return full
  }

  /** Checks an upload (size, then the content's magic bytes); returns the detected kind. */
  async check(upload: MultipartFile | null | undefined, rules: UploadRules): Promise<FileKind> {
    const allowed = rules.kinds.map((k) => KIND_INFO[k].label).join('、')
    if (!upload || !upload.tmpPath) throw new FileRejectedError(`请上传${rules.label}`)
    const size = upload.size || (await stat(upload.tmpPath)).size
    if (size > rules.maxBytes) {
      throw new FileRejectedError(`${rules.label}不能超过 ${Math.round(rules.maxBytes / MB)} MB`)
    }
    if (size === 0) throw new FileRejectedError(`${rules.label}是空文件，请重新选择`)
    const kind = detectKind(await readHead(upload.tmpPath), upload.extname ?? '')
    if (!kind || !rules.kinds.includes(kind)) {
      throw new FileRejectedError(`${rules.label}只能是 ${allowed} 文件（按文件内容识别）`)
    }
    // A zip named .docx/.xlsx is only a document when it holds the package's required parts.
    if ((kind === 'docx' || kind === 'xlsx') && !isOoxml(zipEntryNamesAt(upload.tmpPath), kind)) {
      throw new FileRejectedError(
        `${rules.label}不是有效的 ${KIND_INFO[kind].label} 文件（文件内容不是 .${kind} 文档）`
      )
    }
    return kind
  }

  /** Bytes this user's stored uploads take (read with `trx` inside a transaction). */
  async usedBytes(ownerId: number, trx?: TransactionClientContract) {
    const row = await (trx ?? db)
      .from('files')
      .where('owner_id', ownerId)
      .sum('size as total')
      .first()
    return Number(row?.total ?? 0)
  }

  /** Refuses uploads that would take the user past USER_QUOTA_BYTES. */
  async assertQuota(ownerId: number, incomingBytes: number, trx?: TransactionClientContract) {
    const used = await this.usedBytes(ownerId, trx)
    if (used + incomingBytes > USER_QUOTA_BYTES) {
      const left = Math.max(0, USER_QUOTA_BYTES - used)
      throw new FileRejectedError(
        `您上传的文件总量不能超过 ${USER_QUOTA_BYTES / MB} MB（已使用 ${(used / MB).toFixed(1)} MB，` +
          `剩余 ${(left / MB).toFixed(1)} MB），本次上传未保存`
      )
    }
  }

  /**
   * Checks several uploads for one field without storing anything: count, each file's size and
   * content, and the uploader's quota. Call it before the business checks; store afterwards.
   */
  async checkAll(
    uploads: MultipartFile[],
    rules: UploadRules & { maxFiles: number; ownerId: number | null }
  ) {
    if (uploads.length > rules.maxFiles)
      throw new FileRejectedError(`${rules.label}最多上传 ${rules.maxFiles} 个文件`)
    let total = 0
    for (const upload of uploads) {
      const name = safeFileName(upload.clientName)
      await this.check(upload, { ...rules, label: `${rules.label}“${name}”` })
      total += upload.size || (await stat(upload.tmpPath!)).size
    }
    if (rules.ownerId !== null && total > 0) await this.assertQuota(rules.ownerId, total)
  }

  /**
   * Checks and stores an upload; the row is written with `trx` when given. Call `discard` on the
   * result if the surrounding transaction fails, so no orphan file stays on disk.
   */
  async store(
    upload: MultipartFile | null | undefined,
    rules: UploadRules & { purpose: string; ownerId: number | null },
    trx?: TransactionClientContract
  ) {
    const kind = await this.check(upload, rules)
    if (rules.ownerId !== null) await this.assertQuota(rules.ownerId, upload!.size, trx)
    const now = new Date()
    const ext = KIND_INFO[kind].extnames[0]
    const relative = join(
      rules.purpose,
      String(now.getUTCFullYear()),
      String(now.getUTCMonth() + 1).padStart(2, '0'),
      `${randomUUID()}.${ext}`
    )
    const target = join(this.root(), relative)
    await mkdir(dirname(target), { recursive: true })
    await upload!.move(dirname(target), { name: relative.split(sep).pop()!, overwrite: false })
    if (upload!.state !== 'moved')
      throw new Error(`could not store the upload: ${JSON.stringify(upload!.errors)}`)
    const file = new StoredFile()
    file.fill({
      ownerId: rules.ownerId,
      purpose: rules.purpose,
      path: relative,
      originalName: safeFileName(upload!.clientName, KIND_INFO[kind].extnames),
      mime: KIND_INFO[kind].mime,
      size: upload!.size,
    })
    if (trx) file.useTransaction(trx)
    await file.save()
    return file
  }

  /**
   * Removes only the bytes of a file whose row a rolled-back transaction already took away
   * (deleting "the row" by id then could hit another upload that reused the id).
   */
  async removeBytes(file: StoredFile | null | undefined) {
    if (!file) return
    await rm(this.absolutePath(file), { force: true })
  }

  /** Removes the stored bytes and the row (replaced licence, rolled-back registration). */
  async discard(file: StoredFile | null | undefined, trx?: TransactionClientContract) {
    if (!file) return
    await rm(this.absolutePath(file), { force: true })
    if (file.$isPersisted) {
      if (trx) file.useTransaction(trx)
      await file.delete()
    }
  }

  registerPolicy(purpose: string, policy: ReadPolicy) {
    this.#policies.set(purpose, policy)
  }

  /**
   * Declares how to tell which files of a purpose are still referenced; only then does the
   * orphan sweep remove that purpose's unreferenced files (and stray bytes under its folder
   * and under `legacyDirs`, relative to the storage root).
   */
  registerReferences(purpose: string, check: ReferenceCheck, legacyDirs: string[] = []) {
    this.#references.set(purpose, { check, legacyDirs })
  }

  /**
   * 清理孤立文件: rows older than `olderThanHours` that no record references, and bytes on disk
   * with no row (a crash between storing and committing). Idempotent; returns what it removed.
   */
  async sweepOrphans(olderThanHours = ORPHAN_AGE_HOURS) {
    const cutoff = DateTime.now().minus({ hours: olderThanHours })
    let rows = 0
    let strays = 0
    for (const [purpose, { check, legacyDirs }] of this.#references) {
      let afterId = 0
      for (;;) {
        const batch = await StoredFile.query()
          .where('purpose', purpose)
          .where('created_at', '<', toDb(cutoff))
          .where('id', '>', afterId)
          .orderBy('id')
          .limit(500)
        if (!batch.length) break
        afterId = batch[batch.length - 1].id
        const kept = new Set(await check(batch.map((f) => ({ id: f.id, ownerId: f.ownerId }))))
        for (const file of batch) {
          if (kept.has(file.id)) continue
          await this.discard(file)
          rows++
        }
      }
      for (const dir of [purpose, ...legacyDirs]) strays += await this.#sweepStrays(dir, cutoff)
    }
    return { rows, strays }
  }

  /** Deletes files under `dir` older than `cutoff` that no `files` row points at. */
  async #sweepStrays(dir: string, cutoff: DateTime) {
    const root = normalize(this.root() + sep)
    const base = normalize(join(root, dir))
    if (!base.startsWith(root)) return 0
    let entries: string[]
    try {
      entries = (await readdir(base, { recursive: true })) as string[]
    } catch {
      return 0 // nothing stored for this purpose yet
    }
    const old: string[] = []
    for (const entry of entries) {
      const full = join(base, entry)
      const info = await stat(full).catch(() => null)
      if (info?.isFile() && info.mtimeMs < cutoff.toMillis()) old.push(full)
    }
    let removed = 0
    for (let i = 0; i < old.length; i += 500) {
      const chunk = old.slice(i, i + 500)
      const paths = chunk.map((full) => relativePath(root, full).split(sep).join('/'))
      const known = new Set(
        (await db.from('files').whereIn('path', paths).select('path')).map((r: any) => r.path)
      )
      for (const [j, full] of chunk.entries()) {
        if (known.has(paths[j])) continue
        await rm(full, { force: true })
        removed++
      }
    }
    return removed
  }

  async canRead(user: User | null | undefined, file: StoredFile) {
    if (!user || !user.isActive) return false
    if (user.kind === 'admin') return true
    if (file.ownerId !== null && file.ownerId === user.id) return true
    const policy = this.#policies.get(file.purpose)
    return policy ? Boolean(await policy(user, file)) : false
  }

  /** A link anyone holding it may use until it expires (give it only after your own check). */
  signedUrl(file: StoredFile | number, expiresIn = '30m') {
    const id = typeof file === 'number' ? file : file.id
    return router.builder().params({ id }).makeSigned('files.show', { expiresIn })
  }

  /** Sends the file: inline for PDF and images, attachment otherwise; never sniffed as HTML. */
  async send(ctx: HttpContext, file: StoredFile) {
    const inline = file.mime === 'application/pdf' || file.mime.startsWith('image/')
    ctx.response.header('X-Content-Type-Options', 'nosniff')
    ctx.response.header('Cache-Control', 'private, no-store')
    ctx.response.header('Content-Type', file.mime)
    // The stored name is cleaned again here: rows written before names were cleaned at store time.
    const kind = (Object.keys(KIND_INFO) as FileKind[]).find((k) => KIND_INFO[k].mime === file.mime)
    ctx.response.header(
      'Content-Disposition',
      contentDisposition(
        file.originalName,
        inline ? 'inline' : 'attachment',
        kind ? KIND_INFO[kind].extnames : []
      )
    )
    return ctx.response.download(this.absolutePath(file))
  }
}

const files = new FileService()
export default files

// 营业执照 (core employer registration): referenced by employers.licence_file_id.
files.registerReferences('employer_licence', async (batch) =>
  (
    await db
      .from('employers')
      .whereIn(
        'licence_file_id',
        batch.map((f) => f.id)
      )
      .select('licence_file_id')
  ).map((r: any) => Number(r.licence_file_id))
)
