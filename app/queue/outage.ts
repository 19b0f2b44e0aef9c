import logger from '@adonisjs/core/services/logger'

/** Error codes / messages that mean "Redis cannot be reached", not "this job or command is wrong". */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'NR_CLOSED',
])
const CONNECTION_MESSAGES =
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EHOSTUNREACH|Connection is closed|Stream isn't writeable|enableOfflineQueue|Redis not ready|connect ETIMEDOUT|Socket closed unexpectedly|Reached the max retries/i

export function isConnectionError(error: unknown) {
  if (!error || typeof error !== 'object') return false
  const { code, message } = error as { code?: unknown; message?: unknown }
  if (typeof code === 'string' && CONNECTION_CODES.has(code)) return true
  return typeof message === 'string' && CONNECTION_MESSAGES.test(message)
}

/**
 * One log line per Redis outage instead of one per connection per retry (a worker has several
 * connections per queue and ioredis retries every few hundred ms: 64 errors in 8 s before).
 * `down()` logs "Redis unreachable, retrying…" the first time only; `up()` logs "Redis back after Ns"
 * once and tells the listeners (the worker re-creates its schedules then).
 */
export class RedisOutage {
  #since: number | null = null
  #listeners: (() => void)[] = []

  get active() {
    return this.#since !== null
  }

  down(error?: unknown) {
    if (this.#since !== null) return false
    this.#since = Date.now()
    const reason =
      error instanceof Error ? error.message : error ? String(error) : 'connection lost'
    logger.error({ reason }, 'Redis unreachable, retrying…')
    return true
  }

  up() {
    if (this.#since === null) return false
    const seconds = Math.max(0, Math.round((Date.now() - this.#since) / 1000))
    this.#since = null
    logger.info(`Redis back after ${seconds}s`)
    for (const listener of this.#listeners) listener()
    return true
  }

  onBack(listener: () => void) {
    this.#listeners.push(listener)
  }

  /**
   * An 'error' handler for a queue, worker or connection: connection errors feed the outage
   * (logged once), anything else is a real error and logged as such.
   */
  handler(what: string, extra: Record<string, unknown> = {}) {
    return (error: Error) => {
      if (isConnectionError(error)) this.down(error)
      else logger.error({ err: error, ...extra }, what)
    }
  }
}
