/*
|--------------------------------------------------------------------------
| HTTP server entrypoint
|--------------------------------------------------------------------------
|
| The "server.ts" file is the entrypoint for starting the AdonisJS HTTP
| server. Either you can run this file directly or use the "serve"
| command to run this file and monitor file changes
|
*/

process.env.TZ = 'UTC'
import 'reflect-metadata'
import cluster from 'node:cluster'
import { Ignitor, prettyPrintError } from '@adonisjs/core'

/**
 * WEB_CONCURRENCY=N (N > 1): N web processes behind one port (Node's cluster module; the primary
 * hands connections round-robin to the workers). They share nothing in memory: sessions, seats and
 * caches live in the database (and Redis), so any worker may serve any request.
 */
const webConcurrency = Number(process.env.WEB_CONCURRENCY ?? 1)

/**
 * URL to the application root. AdonisJS need it to resolve
 * paths to file and directories for scaffolding commands
 */
const APP_ROOT = new URL('../', import.meta.url)

/**
 * The importer is used to import files in context of the
 * application.
 */
const IMPORTER = (filePath: string) => {
  if (filePath.startsWith('./') || filePath.startsWith('../')) {
    return import(new URL(filePath, APP_ROOT).href)
  }
  return import(filePath)
}

function startPrimary(count: number) {
  let stopping = false
  const listening = new WeakSet<object>()
  const fork = () =>
    cluster.fork().on('listening', function (this: object) {
      listening.add(this)
    })
  for (let i = 0; i < count; i++) fork()
  // A worker that dies after it served is replaced (one that never started would only crash again:
  // then the primary stops too); on SIGTERM/SIGINT every worker terminates gracefully first.
  cluster.on('exit', (worker, code, signal) => {
    if (!stopping && !listening.has(worker)) {
      stopping = true
      for (const other of Object.values(cluster.workers ?? {})) other?.process.kill('SIGTERM')
      process.exitCode = code || 1
    } else if (!stopping) {
      console.error(`web worker ${worker.process.pid} exited (${signal ?? code}); starting another`)
      fork()
    } else if (!Object.keys(cluster.workers ?? {}).length) {
      process.exit(0)
    }
  })
  const stop = (signal: NodeJS.Signals) => {
    stopping = true
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal)
    if (!Object.keys(cluster.workers ?? {}).length) process.exit(0)
  }
  process.on('SIGTERM', () => stop('SIGTERM'))
  process.on('SIGINT', () => stop('SIGINT'))
}

if (cluster.isPrimary && Number.isInteger(webConcurrency) && webConcurrency > 1) {
  startPrimary(webConcurrency)
} else {
  startServer()
}

function startServer() {
  new Ignitor(APP_ROOT, { importer: IMPORTER })
    .tap((app) => {
      app.booting(async () => {
        await import('#start/env')
      })
      app.listen('SIGTERM', () => app.terminate())
      app.listenIf(app.managedByPm2, 'SIGINT', () => app.terminate())
    })
    .httpServer()
    .start()
    .catch((error) => {
      process.exitCode = 1
      prettyPrintError(error)
    })
}
