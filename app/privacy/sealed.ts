import encryption from '@adonisjs/core/services/encryption'

/**
 * 身份证号 at rest: stored encrypted with the app key (AES-256, authenticated, random IV), so a
 * database dump, a backup or a read-only SQL account shows no number. The platform never looks a
 * graduate up by 身份证号 (imports and logins go by 学号), so no searchable hash is kept.
 * Values without the prefix are legacy plaintext and are read as they are (the migration seals them).
 */
const PREFIX = 'enc1:'

export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && value.startsWith(PREFIX)
}

export function seal(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null
  if (isSealed(value)) return value
  return PREFIX + encryption.encrypt(value)
}

export function unseal(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return null
  if (!isSealed(value)) return String(value)
  const plain = encryption.decrypt<string>(value.slice(PREFIX.length))
  if (plain === null) throw new Error('A sealed value cannot be read with this APP_KEY')
  return plain
}

/** For a Lucid `@column`: sealed on write, opened on read. */
export const sealedColumn = { prepare: seal, consume: unseal }

/** Seals (or opens) the 身份证号 entries of a record or of an old → new diff, before it is stored as JSON. */
export function sealKeys<T extends Record<string, any>>(
  record: T,
  keys: string[],
  fn: (v: string | null | undefined) => string | null = seal
): T {
  const out: Record<string, any> = { ...record }
  for (const key of keys) {
    const v = out[key]
    // An absent column stays absent (undefined means "leave as it is" to the importer).
    if (v === undefined) continue
    out[key] = Array.isArray(v) ? v.map((x) => fn(x === null ? null : String(x))) : fn(v)
  }
  return out as T
}

export function unsealKeys<T extends Record<string, any>>(record: T, keys: string[]): T {
  return sealKeys(record, keys, (v) => unseal(v))
}
