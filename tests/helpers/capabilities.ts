import { existsSync } from 'node:fs'
import { createConnection } from 'node:net'

/**
 * What this machine offers the test suites. Without Chromium or Redis the suites that
 * need them are skipped with the reason; in CI (REQUIRE_ALL_SUITES) a missing one fails the run.
 */
const chromiumPath =
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p)) ?? null

async function redisReachable() {
  return new Promise<boolean>((resolve) => {
    const socket = createConnection({
      host: process.env.REDIS_HOST ?? '127.0.0.1',
      port: Number(process.env.REDIS_PORT ?? 6379),
    })
    socket.setTimeout(500)
    socket.once('connect', () => {
      socket.end()
      resolve(true)
    })
    socket.once('error', () => resolve(false))
    socket.once('timeout', () => {
      socket.destroy()
      resolve(false)
    })
  })
}

const redis = await redisReachable()

export const capabilities = {
  chromiumPath,
  redis,
  requireAll: process.env.REQUIRE_ALL_SUITES === 'true',
  assertNothingSkippedInCi() {
    if (!this.requireAll) return
    const missing = [!chromiumPath && 'Chromium', !redis && 'Redis'].filter(Boolean)
    if (missing.length)
      throw new Error(
        `REQUIRE_ALL_SUITES: ${missing.join(', ')} missing; nothing may be skipped in CI`
      )
  },
  /** Reason to skip a Redis test, or false. */
  skipWithoutRedis(): string | false {
    return redis ? false : 'Redis not reachable on REDIS_HOST:REDIS_PORT'
  },
}
