import string from '@poppinss/utils/string'
import { MessageBuilder } from '@adonisjs/core/helpers'
import { configProvider } from '@adonisjs/core'
import { Session } from '@adonisjs/session'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import type { SessionData, SessionStoreFactory } from '@adonisjs/session/types'
import configCache, { VERSION_SUBQUERY } from '#core/tenancy/config_cache'

/**
 * The session database store (same table and message format as @adonisjs/session's), with one
 * difference: an unchanged session is not written back on every request. `touch` (the expiry
 * refresh of an unchanged session) runs at most once a minute per session: the row keeps the
 * expiry it was read with unless that is more than a minute old. The idle/absolute lifetime is
 * enforced by the session lifetime middleware from the stored `seen` stamp, not by this expiry.
 *
 * The read also brings the `tenancy` config version (a scalar subquery, same round trip): the
 * site middleware then skips its own version read (#core/tenancy/config_cache). A request with
 * the session cookie thus makes one statement before the user lookup instead of two.
 */
export const TOUCH_RESOLUTION_MS = 60_000

export class LeanDatabaseStore {
  #expiresAt = new Map<string, number>()
  constructor(
    /** No session cookie on the request: the id is new, no row can exist (no read). */
    private fresh: boolean,
    private client: QueryClientContract,
    private ttlSeconds: number,
    private tableName: string,
    private gcProbability: number,
    /** Called when the read has synced the tenancy version (the request needs no other sync). */
    private versionRead?: () => void
  ) {}

  #parse(contents: string, sessionId: string): SessionData | null {
    try {
      return new MessageBuilder().verify(contents, sessionId)
    } catch {
      return null
    }
  }

  async read(sessionId: string): Promise<SessionData | null> {
    if (this.fresh) return null
    const seq = configCache.ask()
    const row = await this.client
      .from(this.tableName)
      .select(`${this.tableName}.*`, this.client.raw(`${VERSION_SUBQUERY} as tenancy_version`))
      .where('id', sessionId)
      .first()
    if (row) {
      configCache.answer(seq, row.tenancy_version)
      this.versionRead?.()
    }
    if (!row) return null
    const expiresAt = new Date(row.expires_at).getTime()
    if (Date.now() > expiresAt) {
      await this.destroy(sessionId)
      return null
    }
    this.#expiresAt.set(sessionId, expiresAt)
    return this.#parse(row.data, sessionId)
  }

  async write(sessionId: string, values: SessionData) {
    const message = new MessageBuilder().build(values, undefined, sessionId)
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000)
    await this.client
      .insertQuery()
      .table(this.tableName)
      .insert({ id: sessionId, data: message, expires_at: expiresAt })
      .knexQuery.onConflict('id')
      .merge(['data', 'expires_at'])
    if (this.gcProbability > 0 && Math.random() * 100 < this.gcProbability) {
      await this.client.from(this.tableName).where('expires_at', '<=', new Date()).delete()
    }
  }

  async destroy(sessionId: string) {
    await this.client.from(this.tableName).where('id', sessionId).delete()
  }

  async touch(sessionId: string) {
    const known = this.#expiresAt.get(sessionId)
    const now = Date.now()
    // Read less than a minute after its last refresh: nothing to do.
    if (known !== undefined && known - now > this.ttlSeconds * 1000 - TOUCH_RESOLUTION_MS) return
    await this.client
      .from(this.tableName)
      .where('id', sessionId)
      .update({ expires_at: new Date(now + this.ttlSeconds * 1000) })
  }

  async tag(sessionId: string, userId: string) {
    const data = new MessageBuilder().build({}, undefined, sessionId)
    const expiresAt = new Date(Date.now() + this.ttlSeconds * 1000)
    await this.client
      .insertQuery()
      .table(this.tableName)
      .insert({ id: sessionId, user_id: userId, data, expires_at: expiresAt })
      .knexQuery.onConflict('id')
      .merge(['user_id'])
  }

  async tagged(userId: string) {
    const rows = await this.client
      .from(this.tableName)
      .select('id', 'data')
      .where('user_id', userId)
      .where('expires_at', '>', new Date())
    return rows
      .map((row: any) => {
        const data = this.#parse(row.data, row.id)
        return data ? { id: row.id as string, data } : null
      })
      .filter((s): s is { id: string; data: SessionData } => s !== null)
  }
}

/** `stores.database()`'s replacement for config/session.ts. */
export function leanDatabaseStore(options: { tableName?: string; gcProbability?: number } = {}) {
  return configProvider.create(async (app) => {
    const db = await app.container.make('lucid.db')
    return ((ctx, sessionConfig) =>
      new LeanDatabaseStore(
        ctx.request.cookie(sessionConfig.cookieName, undefined) === undefined,
        db.connection(db.primaryConnectionName),
        string.seconds.parse(sessionConfig.age),
        options.tableName ?? 'sessions',
        options.gcProbability ?? 2,
        () => (ctx.tenancySynced = true)
      )) as SessionStoreFactory
  })
}

/**
 * A session that was never stored (no cookie came in) and ends the request empty — nobody
 * logged in, no CSRF secret taken, nothing flashed — is not committed: no write and no
 * Set-Cookie. @adonisjs/session would set a cookie for it (and the old Shield always filled it).
 * Installed once at boot (providers/platform_provider.ts); it applies to every store.
 */
export function skipEmptyFreshSessions() {
  const commit = Session.prototype.commit
  Session.prototype.commit = async function (this: Session) {
    if (this.fresh && this.initiated && this.isEmpty && this.responseFlashMessages.isEmpty) return
    return commit.call(this)
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** The tenancy config version was read with the session (the site middleware skips its read). */
    tenancySynced?: boolean
  }
}
