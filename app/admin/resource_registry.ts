import moduleRegistry from '#core/modules/registry'
import type { AdminArea, ResourceDefinition } from '#core/admin/resource'

/** The core's own admin resources; modules add theirs through `adminResources` in their manifest. */
const CORE: (() => Promise<{ default: ResourceDefinition | ResourceDefinition[] }>)[] = [
  () => import('#core/registry/admin/graduates_resource'),
  () => import('#core/admin/resources/staff_resource'),
  () => import('#core/admin/resources/announcements_resource'),
  () => import('#core/admin/resources/schools_resource'),
  () => import('#core/admin/resources/school_admins_resource'),
  () => import('#core/admin/resources/employers_resource'),
  () => import('#core/admin/resources/audit_logs_resource'),
  () => import('#core/queue/admin/failed_jobs_resource'),
]

let loaded: ResourceDefinition[] | null = null

/** Every admin resource (core + installed modules). Definitions are code, so loading once per process is safe. */
export async function allResources(): Promise<ResourceDefinition[]> {
  if (loaded) return loaded
  const list: ResourceDefinition[] = []
  for (const load of CORE) list.push(...([] as ResourceDefinition[]).concat((await load()).default))
  await moduleRegistry.load()
  for (const manifest of moduleRegistry.all()) {
    if (!manifest.adminResources) continue
    for (const def of await manifest.adminResources()) list.push({ ...def, moduleId: manifest.id })
  }
  const seen = new Set<string>()
  for (const def of list) {
    const key = `${def.area}/${def.id}`
    if (seen.has(key)) throw new Error(`Two admin resources are mounted at /${key}`)
    seen.add(key)
  }
  loaded = list.sort((a, b) => (a.order ?? 100) - (b.order ?? 100))
  return loaded
}

export async function resourcesOf(area: AdminArea) {
  return (await allResources()).filter((r) => r.area === area)
}
