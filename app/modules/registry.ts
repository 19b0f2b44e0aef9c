import { installedModules } from '#config/modules'
import type {
  ModuleManifest,
  NavigationEntry,
  TodoArea,
  Widget,
} from '#core/modules/manifest'

/** Loads the manifests listed in `config/modules.ts`; the core wires everything from them. */
export class ModuleRegistry {
  #modules = new Map<string, ModuleManifest>()
  #loaded = false

  constructor(private loaders: Record<string, () => Promise<{ default: unknown }>>) {}

  async load() {
    if (this.#loaded) return this
    for (const [id, loader] of Object.entries(this.loaders)) {
      const manifest = (await loader()).default as ModuleManifest
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

const moduleRegistry = new ModuleRegistry(installedModules)
export default moduleRegistry
