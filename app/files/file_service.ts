import { randomUUID } from 'node:crypto'
import { mkdir, rm, stat } from 'node:fs/promises'
import { dirname, join, normalize, sep } from 'node:path'
import app from '@adonisjs/core/services/app'
import router from '@adonisjs/core/services/router'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type { HttpContext } from '@adonisjs/core/http'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import env from '#start/env'
import StoredFile from '#core/files/models/stored_file'
import type User from '#core/accounts/models/user'
import { detectKind, KIND_INFO, readHead, type FileKind } from '#core/files/file_kinds'

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

export const MB = 1024 * 1024

/**
 * Private file storage: files live under STORAGE_PATH (default `storage/`, gitignored), never under
 * public/, and are served only through `/files/:id` to an authorised user or with a signed URL.
 */
export class FileService {
  #policies = new Map<string, ReadPolicy>()

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
    return kind
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
      originalName: (upload!.clientName || `file.${ext}`).slice(0, 255),
      mime: KIND_INFO[kind].mime,
      size: upload!.size,
    })
    if (trx) file.useTransaction(trx)
    await file.save()
    return file
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
    return ctx.response.attachment(
      this.absolutePath(file),
      file.originalName,
      inline ? 'inline' : 'attachment'
    )
  }
}

const files = new FileService()
export default files
