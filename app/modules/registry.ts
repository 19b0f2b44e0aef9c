import { existsSync } from 'node:fs'
import type { ModuleManifest, NavigationEntry, TodoArea, Widget } from '#core/modules/manifest'

type ManifestLoader = () => Promise<{ default: unknown }>

interface Registration {
  load: ManifestLoader
  /** Folder relative to the app root (migrations, seeders, views, texts). */
  folder: string
}

const APP_ROOT = new URL('../../', import.meta.url)

/**
 * The installed modules: `start/modules.ts` registers one manifest per line (the tests add
 * their fixture modules themselves); the core wires everything from them. Registration order
 * is migration and seeder order.
 */
export class ModuleRegistry {
  #registered = new Map<string, Registration>()
  #modules = new Map<string, ModuleManifest>()
  #loaded = false

  /** Registers a module folder's manifest; `folder` defaults to `modules/<id>`. */
  register(id: string, load: ManifestLoader, options: { folder?: string } = {}) {
    if (this.#loaded) {
      // Routes, views and jobs were already wired without it: registering now would half-install it.
      throw new Error(`Module "${id}" registered after the module registry was loaded`)
    }
    if (this.#registered.has(id)) throw new Error(`Module "${id}" is registered twice`)
    this.#registered.set(id, { load, folder: options.folder ?? `modules/${id}` })
    return this
  }

  /** Ids in registration order (known before any manifest is loaded: config reads them). */
  ids() {
    return [...this.#registered.keys()]
  }

  /** Folder of a module relative to the app root. */
  folder(id: string) {
    const registration = this.#registered.get(id)
    if (!registration) throw new Error(`Module "${id}" is not registered`)
    return registration.folder
  }

  /** Module sub-folders that exist (migrations, seeders, lang …), in registration order. */
  subfolders(sub: string) {
    return this.ids()
      .map((id) => `${this.folder(id)}/${sub}`)
      .filter((path) => existsSync(new URL(path, APP_ROOT)))
  }

  async load() {
    if (this.#loaded) return this
    for (const [id, { load }] of this.#registered) {
      const manifest = (await load()).default as ModuleManifest
      if (manifest.id !== id) {
        throw new Error(`Module folder "${id}" exports a manifest with id "${manifest.id}"`)
      }
      this.#modules.set(id, manifest)
    }
    this.#loaded = true
    return this
  }

  all(): ModuleManifest[] {
    return [...this.#modules.values()]
  }

  get(id: string) {
    return this.#modules.get(id)
  }

  has(id: string) {
    return this.#modules.has(id)
  }

  navigation(area: NavigationEntry['area']) {
    return this.all()
      .flatMap((m) =>
        (m.navigation ?? []).filter((n) => n.area === area).map((n) => ({ ...n, moduleId: m.id }))
      )
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
  }

  /** The to-do providers of an area's home, with the module that declares each. */
  todoProviders(area: TodoArea) {
    return this.all().flatMap((m) => {
      const provide = m.todos?.[area]
      return provide ? [{ moduleId: m.id, provide }] : []
    })
  }

  widgets(slot: Widget['slot']) {
    return this.all()
      .flatMap((m) =>
        (m.widgets ?? []).filter((w) => w.slot === slot).map((w) => ({ ...w, moduleId: m.id }))
      )
      .sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
  }
}

const moduleRegistry = new ModuleRegistry()
export default moduleRegistry
