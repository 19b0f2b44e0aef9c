import { randomUUID } from 'node:crypto'
import { constants } from 'node:fs'
import { copyFile, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { dirname, extname, join, normalize, relative as relativePath, sep } from 'node:path'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext, Request } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import StoredFile from '#core/files/models/stored_file'
import type User from '#core/accounts/models/user'
import { detectKind, KIND_INFO, readHead, type FileKind } from '#core/files/file_kinds'
import { isOoxml, zipEntryNamesAt, zipEntryNamesOf } from '#core/files/zip_entries'
import { contentDisposition, safeFileName } from '#core/files/file_names'
import { toDb } from '#core/database/time'
import { Refusal } from '#core/http/refusal'
import { MB, ORPHAN_AGE_HOURS, USER_QUOTA_BYTES } from '#core/files/limits'
import type { FilePurpose, FilePurposes } from '#core/files/purposes'
import { text } from '#core/i18n/text'
import { corePurposes } from '#core/files/core_purposes'

export { MB, ORPHAN_AGE_HOURS, USER_QUOTA_BYTES }

/** A refused upload, with the Chinese message to show beside the field (422 when not caught). */
export class FileRejectedError extends Refusal {
  constructor(message: string, field: string | null = null) {
    super(message, { code: 'file_rejected', status: 422, field })
  }
}

/** The checks of an upload: a purpose's, or ad-hoc ones (size, kinds, label). */
export type UploadRules = Pick<FilePurpose, 'kinds' | 'maxBytes' | 'label'>

interface StoreOptions {
  /** The uploader (may always read it; counts towards their quota); null before an account exists. */
  ownerId: number | null
  /** The row is written with it; call `removeBytes` on the result if it rolls back. */
  trx?: TransactionClientContract
}

/**
 * The one upload pipeline: `store(upload, purpose)` checks (size, content, quota) and keeps the
 * file privately under STORAGE_PATH (default `storage/`, gitignored, never under public/);
 * `send(ctx, file)` serves it. Purposes are declared by their owners (modules' manifests, the
 * core's `core_purposes`) and registered at boot; files are read only through `/files/:id`
 * (a reader the purpose allows, or a signed URL) or a module route that calls `send`.
 */
export class FileService {
  #purposes = new Map<string, FilePurpose & { declaredBy: string }>()

  /** Registers the purposes a module (or the core) declares; an id is declared once. */
  registerPurposes(declaredBy: string, purposes: FilePurposes = {}) {
    for (const [id, purpose] of Object.entries(purposes)) {
      const existing = this.#purposes.get(id)
      if (existing && existing.declaredBy !== declaredBy) {
        throw new Error(
          `File purpose "${id}" is declared by both ${existing.declaredBy} and ${declaredBy}`
        )
      }
      this.#purposes.set(id, { ...purpose, declaredBy })
    }
  }

  /** The declared purpose, or an error (an undeclared purpose is a programming mistake). */
  purpose(id: string): FilePurpose {
    const purpose = this.#purposes.get(id)
    if (!purpose) throw new Error(`File purpose "${id}" is not declared (manifest filePurposes)`)
    return purpose
  }

  purposeIds() {
    return [...this.#purposes.keys()]
  }

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

  /** The rules of a purpose id, or the given rules. */
  #rules(rules: UploadRules | string): UploadRules {
    return typeof rules === 'string' ? this.purpose(rules) : rules
  }

  /**
   * The kind these bytes are, when it is one the purpose (or rules) allows: magic bytes, the
   * extension only telling zip formats apart, and a .docx/.xlsx only with the package's parts.
   */
  sniff(bytes: Buffer, rules: UploadRules | string, name = ''): FileKind | null {
    const kind = detectKind(bytes, extname(name))
    if (!kind || !this.#rules(rules).kinds.includes(kind)) return null
    if ((kind === 'docx' || kind === 'xlsx') && !isOoxml(zipEntryNamesOf(bytes), kind)) return null
    return kind
  }

  /** Checks an upload (size, then the content's magic bytes); returns the detected kind. */
  async check(
    upload: MultipartFile | null | undefined,
    purposeOrRules: UploadRules | string,
    field: string | null = null
  ): Promise<FileKind> {
    const base = this.#rules(purposeOrRules)
    // A purpose's label may be a lang key (modules keep their texts in lang files).
    const rules = { ...base, label: text(base.label) }
    const allowed = rules.kinds.map((k) => KIND_INFO[k].label).join('、')
    if (!upload || !upload.tmpPath) throw new FileRejectedError(`请上传${rules.label}`, field)
    const size = upload.size || (await stat(upload.tmpPath)).size
    if (size > rules.maxBytes) {
      throw new FileRejectedError(
        `${rules.label}不能超过 ${Math.round(rules.maxBytes / MB)} MB`,
        field
      )
    }
    if (size === 0) throw new FileRejectedError(`${rules.label}是空文件，请重新选择`, field)
    const kind = detectKind(await readHead(upload.tmpPath), upload.extname ?? '')
    if (!kind || !rules.kinds.includes(kind)) {
      throw new FileRejectedError(`${rules.label}只能是 ${allowed} 文件（按文件内容识别）`, field)
    }
    // A zip named .docx/.xlsx is only a document when it holds the package's required parts.
    if ((kind === 'docx' || kind === 'xlsx') && !isOoxml(zipEntryNamesAt(upload.tmpPath), kind)) {
      throw new FileRejectedError(
        `${rules.label}不是有效的 ${KIND_INFO[kind].label} 文件（文件内容不是 .${kind} 文档）`,
        field
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
  async assertQuota(
    ownerId: number,
    incomingBytes: number,
    trx?: TransactionClientContract,
    field: string | null = null
  ) {
    const used = await this.usedBytes(ownerId, trx)
    if (used + incomingBytes > USER_QUOTA_BYTES) {
      const left = Math.max(0, USER_QUOTA_BYTES - used)
      throw new FileRejectedError(
        `您上传的文件总量不能超过 ${USER_QUOTA_BYTES / MB} MB（已使用 ${(used / MB).toFixed(1)} MB，` +
          `剩余 ${(left / MB).toFixed(1)} MB），本次上传未保存`,
        field
      )
    }
  }

  /**
   * Checks several uploads for one field of a purpose without storing anything: count, each
   * file's size and content, and the uploader's quota. Call it before the business checks;
   * store afterwards.
   */
  async checkAll(uploads: MultipartFile[], purposeId: string, options: { ownerId: number | null }) {
    const purpose = this.purpose(purposeId)
    const maxFiles = purpose.maxFiles ?? 1
    if (uploads.length > maxFiles)
      throw new FileRejectedError(`${text(purpose.label)}最多上传 ${maxFiles} 个文件`)
    let total = 0
    for (const upload of uploads) {
      const name = safeFileName(upload.clientName)
      await this.check(upload, { ...purpose, label: `${text(purpose.label)}“${name}”` })
      total += upload.size || (await stat(upload.tmpPath!)).size
    }
    if (options.ownerId !== null && total > 0) await this.assertQuota(options.ownerId, total)
  }

  /** The uploads of a form field that carry a file (an empty file input still sends a part). */
  uploads(request: Request, field: string): MultipartFile[] {
    return request.files(field).filter((upload) => !!upload.tmpPath)
  }

  /**
   * Checks an upload the platform parses but does not keep (an import sheet) by the same rules
   * as `store` — size, then the content's magic bytes — and returns its bytes.
   */
  async read(
    upload: MultipartFile | null | undefined,
    purposeOrRules: UploadRules | string,
    field: string | null = null
  ): Promise<Buffer> {
    await this.check(upload, purposeOrRules, field)
    return readFile(upload!.tmpPath!)
  }

  /**
   * Checks and stores an upload for a purpose; the row is written with `trx` when given. Call
   * `discard` (or `removeBytes` after a rollback) on the result if the surrounding work fails,
   * so no orphan file stays on disk.
   */
  async store(upload: MultipartFile | null | undefined, purposeId: string, options: StoreOptions) {
    const kind = await this.check(upload, purposeId)
    if (options.ownerId !== null) await this.assertQuota(options.ownerId, upload!.size, options.trx)
    const { relative, target } = await this.#newLocation(purposeId, kind)
    await upload!.move(dirname(target), { name: relative.split(sep).pop()!, overwrite: false })
    if (upload!.state !== 'moved')
      throw new Error(`could not store the upload: ${JSON.stringify(upload!.errors)}`)
    return this.#saveRow(
      {
        ownerId: options.ownerId,
        purpose: purposeId,
        path: relative,
        originalName: safeFileName(upload!.clientName, KIND_INFO[kind].extnames),
        mime: KIND_INFO[kind].mime,
        size: upload!.size,
      },
      options.trx
    )
  }

  /**
   * Takes over a file an older pipeline kept elsewhere (migrations): its content is checked
   * against the purpose, the bytes are COPIED in (the caller removes the source once its own
   * transaction committed) and the row is written with `trx`. No quota: the file already existed.
   */
  async adopt(
    source: string,
    purposeId: string,
    options: StoreOptions & { originalName: string; createdAt?: DateTime }
  ) {
    const purpose = this.purpose(purposeId)
    const info = await stat(source)
    const head = await readHead(source, 16)
    let kind = detectKind(head, extname(source))
    if (kind === 'docx' || kind === 'xlsx') {
      if (!isOoxml(zipEntryNamesAt(source), kind)) kind = null
    }
    if (!kind || !purpose.kinds.includes(kind) || info.size > purpose.maxBytes) {
      throw new FileRejectedError(`${text(purpose.label)}的内容不是允许的文件类型或超过大小限制`)
    }
    const { relative, target } = await this.#newLocation(purposeId, kind)
    await copyFile(source, target, constants.COPYFILE_EXCL)
    return this.#saveRow(
      {
        ownerId: options.ownerId,
        purpose: purposeId,
        path: relative,
        originalName: safeFileName(options.originalName, KIND_INFO[kind].extnames),
        mime: KIND_INFO[kind].mime,
        size: info.size,
        ...(options.createdAt ? { createdAt: options.createdAt } : {}),
      },
      options.trx
    )
  }

  /**
   * Where an older version of the platform kept its own uploads (`storage/<...>` in the app
   * folder, whatever STORAGE_PATH says): read by migrations that move those files in here.
   */
  legacyStoragePath(...segments: string[]) {
    const base = normalize(app.makePath('storage') + sep)
    const full = normalize(join(base, ...segments))
    if (!full.startsWith(base)) throw new Error('legacy path escapes the storage folder')
    return full
  }

  async #newLocation(purposeId: string, kind: FileKind) {
    const now = new Date()
    const relative = join(
      purposeId,
      String(now.getUTCFullYear()),
      String(now.getUTCMonth() + 1).padStart(2, '0'),
      `${randomUUID()}.${KIND_INFO[kind].extnames[0]}`
    )
    const target = join(this.root(), relative)
    await mkdir(dirname(target), { recursive: true })
    return { relative, target }
  }

  async #saveRow(values: Partial<StoredFile>, trx?: TransactionClientContract) {
    const file = new StoredFile()
    file.fill(values)
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

  /**
   * 清理孤立文件: rows older than `olderThanHours` that no record references, and bytes on disk
   * with no row (a crash between storing and committing). Idempotent; returns what it removed.
   */
  async sweepOrphans(olderThanHours = ORPHAN_AGE_HOURS) {
    const cutoff = DateTime.now().minus({ hours: olderThanHours })
    let rows = 0
    let strays = 0
    for (const [purpose, { references: check, legacyDirs = [] }] of this.#purposes) {
      if (!check) continue // never swept: its owner has not said how references are found
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

  /** The uploader, and whoever the file's purpose names as its readers. */
  async canRead(user: User | null | undefined, file: StoredFile) {
    if (!user || !user.isActive) return false
    if (file.ownerId !== null && file.ownerId === user.id) return true
    const readers = this.#purposes.get(file.purpose)?.readers
    return readers ? Boolean(await readers(user, file)) : false
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
// The core's own purposes (营业执照); modules' come from their manifests at boot.
files.registerPurposes('core', corePurposes)
export default files
