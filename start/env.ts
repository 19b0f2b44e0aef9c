import { Env } from '@adonisjs/core/env'

export default await Env.create(new URL('../', import.meta.url), {
  NODE_ENV: Env.schema.enum(['development', 'production', 'test'] as const),
  PORT: Env.schema.number(),
  HOST: Env.schema.string({ format: 'host' }),
  APP_KEY: Env.schema.string(),
  APP_NAME: Env.schema.string.optional(),
  /** Bare domain of the main site; subsites live at `<code>.<APP_DOMAIN>`. */
  APP_DOMAIN: Env.schema.string(),
  LOG_LEVEL: Env.schema.string(),
  /** Load balancers allowed to set X-Forwarded-*: comma-separated IPs/CIDRs; empty trusts none. */
  TRUSTED_PROXIES: Env.schema.string.optional(),
  SESSION_DRIVER: Env.schema.enum(['database', 'cookie', 'memory'] as const),

  DB_CONNECTION: Env.schema.enum(['sqlite', 'pg'] as const),
  SQLITE_FILE: Env.schema.string.optional(),
  PG_HOST: Env.schema.string.optional(),
  PG_PORT: Env.schema.number.optional(),
  PG_USER: Env.schema.string.optional(),
  PG_PASSWORD: Env.schema.string.optional(),
  PG_DATABASE: Env.schema.string.optional(),
  DB_POOL_MAX: Env.schema.number.optional(),

  QUEUE_DRIVER: Env.schema.enum(['sync', 'redis'] as const),
  REDIS_HOST: Env.schema.string.optional(),
  REDIS_PORT: Env.schema.number.optional(),
  REDIS_PASSWORD: Env.schema.string.optional(),
  QUEUE_PREFIX: Env.schema.string.optional(),

  LIMITER_STORE: Env.schema.enum(['database', 'memory'] as const),
  SMS_DRIVER: Env.schema.enum(['log'] as const),
  STORAGE_PATH: Env.schema.string.optional(),
})
