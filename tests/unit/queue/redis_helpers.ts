import { randomUUID } from 'node:crypto'
import { createServer } from 'node:net'
import { Redis } from 'ioredis'
import queueConfig from '#config/queue'

/** A BullMQ prefix no other test run uses, so parallel runs share the Redis at 127.0.0.1:6379 safely. */
export function uniquePrefix() {
  return `test-${randomUUID().slice(0, 8)}`
}

export const realRedis = () => ({ ...queueConfig.redis })

/** A port on which nothing listens: a web-side connection pointed there sees "Redis down". */
export async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 1))
    })
  })
}

/** Deletes every key of a test prefix. */
export async function dropPrefix(prefix: string) {
  const redis = new Redis({ ...realRedis(), maxRetriesPerRequest: 1 })
  try {
    let cursor = '0'
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500)
      cursor = next
      if (keys.length) await redis.del(...keys)
    } while (cursor !== '0')
  } finally {
    redis.disconnect()
  }
}

/** Polls `check` until it returns a truthy value or `ms` pass. */
export async function waitFor<T>(
  check: () => Promise<T | null | undefined | false>,
  ms = 10_000,
  step = 50
): Promise<T> {
  const end = Date.now() + ms
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((r) => setTimeout(r, step))
  }
}
