import type User from '#core/accounts/models/user'
import type StoredFile from '#core/files/models/stored_file'
import type { FileKind } from '#core/files/file_kinds'

/**
 * What a stored file is for, declared by its owner (a module's manifest `filePurposes`, or the
 * core's own list in `#core/files/core_purposes`) and carried out by `#core/files` alone: the
 * allowed types (checked on the content), the size limit, who may read it, and how the orphan
 * sweep tells whether a record still points at it.
 */
export interface FilePurpose {
  /** Field label used in every refusal (营业执照, 附件简历 …). */
  label: string
  /** Allowed kinds, recognised by their content (magic bytes, real OOXML parts). */
  kinds: FileKind[]
  /** Size limit per file, in bytes. */
  maxBytes: number
  /** How many files one field may carry (default 1). */
  maxFiles?: number
  /**
   * Who may read a file of this purpose besides its uploader (who always may). Nobody else
   * unless it says so — province admins included.
   */
  readers?: (user: User, file: StoredFile) => Promise<boolean> | boolean
  /**
   * Which of these stored files a record still points at. Only purposes that declare it are
   * swept: their unreferenced files are removed once older than ORPHAN_AGE_HOURS.
   */
  references?: (
    files: { id: number; ownerId: number | null }[]
  ) => Promise<Iterable<number>> | Iterable<number>
  /** Folders (relative to the storage root) of older versions whose stray bytes are swept too. */
  legacyDirs?: string[]
}

/** Purposes by id (the id is stored in `files.purpose`). */
export type FilePurposes = Record<string, FilePurpose>

export function defineFilePurposes<T extends FilePurposes>(purposes: T): T {
  return purposes
}
