import { existsSync } from 'node:fs'
import { randomUUID } from 'node:crypto'
import { Request } from '@adonisjs/core/http'
import type { ApplicationService } from '@adonisjs/core/types'
import type { Edge } from 'edge.js'
import moduleRegistry from '#start/modules'
import { skipEmptyFreshSessions } from '#core/http/session/lean_database_store'
import { cacheMessageFormats } from '#core/ui/message_format_cache'
import { lookUpUsersWithUnreadCount } from '#core/accounts/services/session_user_lookup'

/** Boots the business modules: their Edge view namespaces and their own boot hooks. */
export default class PlatformProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    await moduleRegistry.load()
    const edge = (await import('edge.js')).default
    const { default: files } = await import('#core/files/file_service')
    for (const manifest of moduleRegistry.all()) {
      files.registerPurposes(manifest.id, manifest.filePurposes)
      const views = this.app.makePath(moduleRegistry.folder(manifest.id), 'resources', 'views')
      if (existsSync(views)) edge.mount(manifest.id, views)
      await manifest.boot?.()
    }
    skipEmptyFreshSessions()
    // The session guard's user lookup brings the unread message count (one round trip for both).
    lookUpUsersWithUnreadCount()
    if (this.app.inProduction) cacheEdgeWork(edge)
    if (this.app.config.get('app.http.generateRequestId', false)) cheapRequestIds()
    // Compiled ICU messages per locale + text (every environment: the tests run the same path).
    cacheMessageFormats(await this.app.container.make('i18n'))
  }

  /**
   * Ace commands (queue:work, queue:sweep, db:seed) build links by route name too (message links,
   * job and event URLs): the HTTP server commits the routes when it starts, a command does not, so
   * they are committed here once the preloads (start/routes) have declared them.
   */
  async ready() {
    if (this.app.getEnvironment() !== 'console') return
    const router = await this.app.container.make('router')
    router.commit()
  }
}

/**
 * The request id (x-request-id, logged with every line) is made with cuid2, a SHA-3 hash per
 * request: ≈ 11 % of the CPU of a micro-cached page under load. A random UUID is as unique for
 * tracing and costs a fraction. A client's own x-request-id is kept, as before.
 */
function cheapRequestIds() {
  Request.prototype.id = function (this: Request) {
    let requestId = this.header('x-request-id')
    if (!requestId) {
      requestId = randomUUID()
      this.request.headers['x-request-id'] = requestId
    }
    return requestId
  }
}

/**
 * Edge 6.5 keeps two costs per render even with `cache` on (measured on /announcements under
 * load: ≈ 11 % and ≈ 3.5 % of the web process's CPU):
 * - `compilePartial` with local variables (an `@include` inside `@each` or after `@let`) is never
 *   cached: the partial is re-read, tokenised and parsed on every render. Its compiled function
 *   depends only on the file and the names of the local variables, so it is cached on both.
 * - the components plugin is registered `recurring` (the `edge` singleton is created before
 *   `configure({ cache })`) and lists every mounted components directory on each render. The
 *   listing is kept until a disk is mounted or unmounted.
 * Only in production, where templates do not change while the process runs.
 */
export function cacheEdgeWork(edge: Edge) {
  for (const compiler of [edge.compiler, edge.asyncCompiler]) {
    const compile = compiler.compile.bind(compiler)
    const partials = new Map<string, ReturnType<typeof compile>>()
    compiler.compile = (templatePath: string, localVariables?: string[]) => {
      if (!localVariables?.length || !compiler.cacheManager.enabled) {
        return compile(templatePath, localVariables)
      }
      const key = `${templatePath}\0${localVariables.join(',')}`
      let fn = partials.get(key)
      if (!fn) partials.set(key, (fn = compile(templatePath, localVariables)))
      return fn
    }
  }
  const loader = edge.loader
  const list = loader.listComponents.bind(loader)
  let listed: ReturnType<typeof list> | undefined
  loader.listComponents = () => (listed ??= list())
  const mount = loader.mount.bind(loader)
  const unmount = loader.unmount.bind(loader)
  loader.mount = (...args: Parameters<typeof mount>) => ((listed = undefined), mount(...args))
  loader.unmount = (...args: Parameters<typeof unmount>) => ((listed = undefined), unmount(...args))
}
