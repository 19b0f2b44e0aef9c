import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import microCache, { MicroCache, type MicroCacheEntry } from '#core/http/micro_cache'

function replay(ctx: HttpContext, entry: MicroCacheEntry) {
  microCache.hits++
  for (const [name, value] of Object.entries(entry.headers)) ctx.response.header(name, value)
  ctx.response.status(entry.status).send(entry.body)
}

/** Serves and stores anonymous public pages for a second (see #core/http/micro_cache). */
export default class MicroCacheMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (microCache.ttlMs <= 0) return next()
    const key = MicroCache.keyFor(ctx)
    if (!key) return next()
    const hit = microCache.get(key)
    if (hit) return replay(ctx, hit)
    const pending = microCache.inflight(key)
    if (pending) {
      const entry = await pending
      if (entry) return replay(ctx, entry)
      return next()
    }
    const done = microCache.lead(key)
    let entry: MicroCacheEntry | null = null
    try {
      await next()
      entry = microCache.capture(ctx)
      if (entry) microCache.put(key, entry)
    } finally {
      done(entry)
    }
  }
}
