import env from '#start/env'

/**
 * Background jobs (app/queue). `sync` runs every job inline inside the dispatching
 * process (quick start, unit tests; delays ignored); `redis` enqueues into BullMQ and
 * `node ace queue:work` runs the workers.
 */
const queueConfig = {
  driver: env.get('QUEUE_DRIVER', 'sync') as 'sync' | 'redis',
  /** BullMQ key prefix (never an ioredis keyPrefix): lets several apps/tests share one Redis. */
  prefix: env.get('QUEUE_PREFIX', 'sep'),
  redis: {
    host: env.get('REDIS_HOST', '127.0.0.1'),
    port: env.get('REDIS_PORT', 6379),
    password: env.get('REDIS_PASSWORD') || undefined,
  },
  defaults: {
    /** Attempts per job (first run included) unless the job class or the dispatch says otherwise. */
    attempts: 5,
    /** Exponential back-off: 2s, 4s, 8s, … */
    backoffMs: 2000,
    /** Keep the last completed/failed jobs only, or Redis keeps every job forever. */
    removeOnComplete: { count: 1000, age: 24 * 3600 },
    removeOnFail: { count: 5000, age: 14 * 24 * 3600 },
  },
  worker: {
    concurrency: 10,
    /** How often the worker moves jobs from the outbox table into Redis. */
    outboxFlushMs: 5000,
    /** How often the worker checks that the repeatable schedules still exist (lost after a Redis restart). */
    scheduleCheckMs: 60_000,
  },
}

export default queueConfig
