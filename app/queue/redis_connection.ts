import { Redis, type RedisOptions } from 'ioredis'
import queueConfig from '#config/queue'

export interface RedisTarget {
  host: string
  port: number
  password?: string
}

export function redisTarget(): RedisTarget {
  return { ...queueConfig.redis }
}

/** A connection to `target` with the given behaviour (the two kinds below). */
function connectTo(target: RedisTarget, options: RedisOptions) {
  return new Redis({ host: target.host, port: target.port, password: target.password, ...options })
}

/**
 * Connection for the web side (enqueue only): `enableOfflineQueue: false` makes every command
 * fail at once while Redis is unreachable, so a request never waits for Redis; the dispatcher
 * then writes the job to the outbox table. ioredis keeps reconnecting in the background.
 */
export function createProducerConnection(
  target: RedisTarget = redisTarget(),
  extra: RedisOptions = {}
) {
  return connectTo(target, {
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    connectTimeout: 1000,
    retryStrategy: (times) => Math.min(times * 200, 2000),
    lazyConnect: false,
    ...extra,
  })
}

/** Connection for workers (blocking commands): BullMQ requires `maxRetriesPerRequest: null`. */
export function createWorkerConnection(
  target: RedisTarget = redisTarget(),
  extra: RedisOptions = {}
) {
  return connectTo(target, {
    maxRetriesPerRequest: null,
    retryStrategy: (times) => Math.min(times * 500, 5000),
    ...extra,
  })
}

/** Resolves true once the connection is ready, false after `ms` (never rejects). */
export function waitReady(connection: Redis, ms: number): Promise<boolean> {
  if (connection.status === 'ready') return Promise.resolve(true)
  return new Promise((resolve) => {
    const done = (value: boolean) => {
      clearTimeout(timer)
      connection.off('ready', onReady)
      resolve(value)
    }
    const onReady = () => done(true)
    const timer = setTimeout(() => done(false), ms)
    connection.once('ready', onReady)
  })
}

/** Rejects when `promise` takes longer than `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms)
    }),
  ]).finally(() => clearTimeout(timer))
}
