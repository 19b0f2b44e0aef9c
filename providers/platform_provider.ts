import { existsSync } from 'node:fs'
import type { ApplicationService } from '@adonisjs/core/types'
import moduleRegistry from '#core/modules/registry'
import { moduleFolder } from '#config/modules'

/** Boots the business modules: their Edge view namespaces and their own boot hooks. */
export default class PlatformProvider {
  constructor(protected app: ApplicationService) {}

  async boot() {
    await moduleRegistry.load()
    const edge = (await import('edge.js')).default
    for (const manifest of moduleRegistry.all()) {
      const views = this.app.makePath(moduleFolder(manifest.id), 'resources', 'views')
      if (existsSync(views)) edge.mount(manifest.id, views)
      await manifest.boot?.()
    }
  }
}
