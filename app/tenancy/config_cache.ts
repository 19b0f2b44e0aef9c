import db from '@adonisjs/lucid/services/db'

/**
 * In-process cache of site and module-switch lookups, keyed by the `tenancy` version in
 * `config_versions` (a new random value on every write to `sites` or `site_modules`, by database
 * triggers). Each request reads that one row first (`sync`, in the site middleware): when it
 * differs from what the cache was filled under, the cache is emptied. So a change by the
 * province or a school, in any process, is seen by every process on its next request, with one
 * primary-key read instead of the site and switch queries. Redis plays no part.
 *
 * Outside a request (queue workers, commands) nothing syncs: lookups then use the cache only
 * within `FRESH_MS` of the process's last sync, and a process that serves no requests always
 * queries.
 */
export const FRESH_MS = 1000
const MAX_ENTRIES = 5000

type Version = string | null

export class ConfigCache {
  #version: Version = null
  #syncedAt = 0
  #values = new Map<string, unknown>()
  #issued = 0
  #applied = 0
  /** Queries saved (for tests). */
  hits = 0

  constructor(private enabled = true) {}

  /** Reads the version (one point query) and drops everything filled under another one. */
  async sync() {
    if (!this.enabled) return
    const seq = this.ask()
    const row = await db.from('config_versions').where('name', 'tenancy').select('version').first()
    this.answer(seq, row ? row.version : null)
  }

  /**
   * The version read by another statement of the request (the session read selects it as a
   * subquery: `VERSION_SUBQUERY`): `ask()` just before that statement is sent, `answer()` with
   * what it returned. Same effect as `sync()`, without a round trip of its own.
   */
  ask() {
    return ++this.#issued
  }

  answer(seq: number, value: unknown) {
    if (!this.enabled) return
    // Answers of overlapping syncs apply in the order they were asked (an older one never wins).
    if (seq < this.#applied) return
    this.#applied = seq
    const version: Version = value === null || value === undefined ? null : String(value)
    if (version !== this.#version) {
      this.#values.clear()
      this.#version = version
    }
    this.#syncedAt = Date.now()
  }

  /** The cached value of `key`, or `load()`'s, kept when the version is known and fresh. */
  async get<T>(key: string, load: () => Promise<T>): Promise<T> {
    const usable = this.enabled && this.#version !== null && Date.now() - this.#syncedAt < FRESH_MS
    if (!usable) return load()
    if (this.#values.has(key)) {
      this.hits++
      return this.#values.get(key) as T
    }
    const version = this.#version
    const value = await load()
    // Filled under the version it was read with only (a sync in between may have moved on).
    if (this.#version === version) {
      // Bounded (unknown Host headers are keys too): start over rather than grow.
      if (this.#values.size >= MAX_ENTRIES) this.#values.clear()
      this.#values.set(key, value)
    }
    return value
  }

  /** After a write in this process: nothing cached is used until the next sync. */
  invalidate() {
    this.#values.clear()
    this.#version = null
  }

  clear() {
    this.#values.clear()
    this.#version = null
    this.#syncedAt = 0
    this.hits = 0
  }
}

/** The `tenancy` version as a scalar subquery, for `answer()`. */
export const VERSION_SUBQUERY = `(select version from config_versions where name = 'tenancy')`

const configCache = new ConfigCache()
export default configCache
