import type { HttpContext } from '@adonisjs/core/http'
import app from '@adonisjs/core/services/app'

/**
 * Micro-cache of anonymous public pages (README: Caching). A page is stored for `ttlMs` per
 * host + URL only when it was made for a request that carried no cookie at all (so no session,
 * no login, no `lang` choice) and went out as a 200 HTML page without Set-Cookie and without a
 * user; it is served only to requests that carry no cookie either. A logged-in visitor always
 * has the session cookie, so no logged-in page can be stored or served. A stored page holds no
 * CSRF token (an anonymous view makes none, see the Shield middleware) and its headers are
 * replayed as they were (the CSP nonce matches the body's).
 * Concurrent misses of one key wait for the first one (one render per key and period).
 */
export interface MicroCacheEntry {
  status: number
  headers: Record<string, string>
  body: string
  expiresAt: number
}

/** Headers that belong to one response only. */
const PER_RESPONSE = new Set(['x-request-id', 'date', 'connection', 'keep-alive', 'set-cookie'])

export class MicroCache {
  entries = new Map<string, MicroCacheEntry>()
  #inflight = new Map<string, Promise<MicroCacheEntry | null>>()
  /** Hits served (for tests and the report). */
  hits = 0

  constructor(
    public ttlMs: number,
    public maxEntries = 1000,
    public maxBodyBytes = 512 * 1024
  ) {}

  /** Only cookie-less GET/HEAD page requests take part (htmx requests vary by header: skipped). */
  static keyFor(ctx: HttpContext): string | null {
    const { request } = ctx
    const method = request.method()
    if (method !== 'GET' && method !== 'HEAD') return null
    const headers = request.request.headers
    if (headers.cookie || headers.authorization || headers['hx-request']) return null
    return `${(request.hostname() ?? '').toLowerCase()}\n${request.url(true)}`
  }

  get(key: string): MicroCacheEntry | null {
    const entry = this.entries.get(key)
    if (!entry) return null
    if (entry.expiresAt <= Date.now()) {
      this.entries.delete(key)
      return null
    }
    return entry
  }

  /** What the finished response leaves to store, or null when it must not be stored. */
  capture(ctx: HttpContext): MicroCacheEntry | null {
    const { response } = ctx
    if (response.getStatus() !== 200 || !response.hasContent) return null
    if (ctx.auth?.user || (ctx.session && !ctx.session.isEmpty)) return null
    const headers = response.getHeaders()
    if (headers['set-cookie'] !== undefined) return null
    const body = response.getBody()
    if (typeof body !== 'string' || body.length > this.maxBodyBytes) return null
    // Pages only (the content type of a string body is set when it is written).
    const type = headers['content-type']
    if (type ? !String(type).startsWith('text/html') : !body.startsWith('<!DOCTYPE html'))
      return null
    const kept: Record<string, string> = { 'content-type': 'text/html; charset=utf-8' }
    for (const [name, value] of Object.entries(headers)) {
      if (value !== undefined && !PER_RESPONSE.has(name.toLowerCase())) kept[name] = String(value)
    }
    return { status: 200, headers: kept, body, expiresAt: Date.now() + this.ttlMs }
  }

  put(key: string, entry: MicroCacheEntry) {
    if (this.entries.size >= this.maxEntries) {
      const now = Date.now()
      for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k)
      // Still full: drop the oldest (Map keeps insertion order).
      if (this.entries.size >= this.maxEntries)
        this.entries.delete(this.entries.keys().next().value!)
    }
    this.entries.set(key, entry)
  }

  inflight(key: string) {
    return this.#inflight.get(key)
  }

  lead(key: string) {
    let resolve!: (e: MicroCacheEntry | null) => void
    const promise = new Promise<MicroCacheEntry | null>((r) => (resolve = r))
    this.#inflight.set(key, promise)
    return (entry: MicroCacheEntry | null) => {
      this.#inflight.delete(key)
      resolve(entry)
    }
  }

  clear() {
    this.entries.clear()
    this.hits = 0
  }
}

/** 1 s in production; off elsewhere (tests switch it on where they test it). */
const microCache = new MicroCache(app.inProduction ? 1000 : 0)
export default microCache
