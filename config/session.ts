import env from '#start/env'
import app from '@adonisjs/core/services/app'
import { defineConfig, stores } from '@adonisjs/session'
import { leanDatabaseStore } from '#core/http/session/lean_database_store'

/**
 * Logged-in sessions end after 2 hours without a request (idle) and 12 hours after login
 * (absolute), whatever the client does; both are checked on the server by the session
 * lifetime middleware. `age` is also the store's TTL, refreshed at most once a minute.
 */
export const sessionLifetime = {
  idleSeconds: 2 * 60 * 60,
  absoluteSeconds: 12 * 60 * 60,
}

/**
 * The database store keeps sessions on the server: several web processes share them,
 * the cookie holds only the signed session id (a long refused form flashes back in full),
 * and logout or a password change can end a session. The cookie store remains available
 * (SESSION_DRIVER=cookie) but cannot be ended server-side except through the session version.
 */
const sessionConfig = defineConfig({
  enabled: true,
  cookieName: 'employment-session',
  clearWithBrowser: false,
  age: '2h',
  cookie: {
    path: '/',
    httpOnly: true,
    secure: app.inProduction,
    sameSite: 'lax',
  },
  store: env.get('SESSION_DRIVER'),
  stores: {
    // The package's database store with the expiry refresh of an unchanged session at most once a minute.
    database: leanDatabaseStore({ tableName: 'sessions', gcProbability: 1 }),
    cookie: stores.cookie(),
  },
})

export default sessionConfig
