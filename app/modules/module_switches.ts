import db from '@adonisjs/lucid/services/db'
import Site from '#core/tenancy/models/site'
import moduleRegistry from '#core/modules/registry'
import { nowDb } from '#core/database/time'
import configCache from '#core/tenancy/config_cache'
import type { SettingField } from '#core/modules/manifest'

/**
 * Per-site enablement is data: a `site_modules` row per (site, module). The main site's
 * row is the province availability and default settings; a school row is that school's
 * switch and its setting overrides. No row means on (a new school gets every available
 * module) with the manifest's defaults.
 *
 * CACHING: one indexed query reads the province row and the school row together (at most 2
 * rows per module). Its rows are cached per school under the tenancy version
 * (#core/tenancy/config_cache: a random value that database triggers replace on every write to
 * `site_modules` or `sites`, read once per request by the site middleware). A switch saved in
 * any process is thus seen by every process on its next request; the version read replaces the
 * switch queries of the request (navigation, guards, to-dos). Workers and commands, which make
 * no request, query every time.
 */
interface Row {
  module_id: string
  enabled: boolean | number
  settings: string | Record<string, unknown> | null
  is_main: boolean | number
}

export interface ModuleState {
  /** Province availability (main site row). */
  available: boolean
  /** The school's own switch (true when it has no row). */
  schoolOn: boolean
  /** Available and switched on. */
  enabled: boolean
  provinceSettings: Record<string, unknown>
  schoolSettings: Record<string, unknown>
}

function parseSettings(value: Row['settings']): Record<string, unknown> {
  if (!value) return {}
  // A copy: the rows are shared through the cache.
  if (typeof value === 'object') return { ...value }
  try {
    const parsed = JSON.parse(value)
    return parsed && typeof parsed === 'object' ? parsed : {}
  } catch {
    return {}
  }
}

export class ModuleSwitches {
  /** Province row + school row of the given modules in one query. */
  async #rows(schoolId: number | null, moduleId?: string): Promise<Row[]> {
    const rows = await configCache.get(`switches:${schoolId ?? 'province'}`, () =>
      this.#query(schoolId)
    )
    return moduleId ? rows.filter((r) => r.module_id === moduleId) : rows
  }

  async #query(schoolId: number | null): Promise<Row[]> {
    const query = db
      .from('site_modules')
      .join('sites', 'sites.id', 'site_modules.site_id')
      .where((q) => {
        q.where('sites.is_main', true)
        if (schoolId) q.orWhere('sites.school_id', schoolId)
      })
      .select(
        'site_modules.module_id',
        'site_modules.enabled',
        'site_modules.settings',
        'sites.is_main'
      )
    return query
  }

  #state(rows: Row[], moduleId: string): ModuleState {
    const province = rows.find((r) => r.module_id === moduleId && Boolean(r.is_main))
    const school = rows.find((r) => r.module_id === moduleId && !r.is_main)
    const available = moduleRegistry.has(moduleId) && (province ? Boolean(province.enabled) : true)
    const schoolOn = school ? Boolean(school.enabled) : true
    return {
      available,
      schoolOn,
      enabled: available && schoolOn,
      provinceSettings: parseSettings(province?.settings ?? null),
      schoolSettings: parseSettings(school?.settings ?? null),
    }
  }

  /** The full state of every installed module for a school (or the province with null). */
  async states(schoolId: number | null): Promise<Map<string, ModuleState>> {
    const rows = await this.#rows(schoolId)
    const out = new Map<string, ModuleState>()
    for (const m of moduleRegistry.all()) {
      const state = this.#state(rows, m.id)
      if (!schoolId) state.enabled = state.available
      out.set(m.id, state)
    }
    return out
  }

  async isAvailableInProvince(moduleId: string) {
    if (!moduleRegistry.has(moduleId)) return false
    return this.#state(await this.#rows(null, moduleId), moduleId).available
  }

  /** Enabled for a school: available in the province and switched on by the school. */
  async isEnabledForSchool(schoolId: number, moduleId: string) {
    if (!moduleRegistry.has(moduleId)) return false
    return this.#state(await this.#rows(schoolId, moduleId), moduleId).enabled
  }

  /** Which modules are on for a school (or, with null, available in the province). One query. */
  async enabledIds(schoolId: number | null): Promise<Set<string>> {
    const ids = new Set<string>()
    for (const [id, state] of await this.states(schoolId)) if (state.enabled) ids.add(id)
    return ids
  }

  /**
   * Effective settings of a module: manifest defaults ← province defaults ← the school's
   * overrides (only for fields marked `schoolOverridable`).
   */
  async settingsFor(schoolId: number | null, moduleId: string): Promise<Record<string, unknown>> {
    const manifest = moduleRegistry.get(moduleId)
    if (!manifest) return {}
    const state = this.#state(await this.#rows(schoolId, moduleId), moduleId)
    return this.effectiveSettings(moduleId, state)
  }

  effectiveSettings(
    moduleId: string,
    state: Pick<ModuleState, 'provinceSettings' | 'schoolSettings'>
  ) {
    const manifest = moduleRegistry.get(moduleId)
    const fields: SettingField[] = manifest?.settings?.fields ?? []
    const result: Record<string, unknown> = { ...(manifest?.settings?.defaults ?? {}) }
    for (const f of fields) {
      if (f.key in state.provinceSettings) result[f.key] = state.provinceSettings[f.key]
    }
    for (const f of fields) {
      if (f.schoolOverridable && f.key in state.schoolSettings)
        result[f.key] = state.schoolSettings[f.key]
    }
    return result
  }

  async setEnabled(site: Site, moduleId: string, enabled: boolean) {
    await writeSiteModule(site, moduleId, { enabled, settings: null }, 'enabled')
  }

  /** Stores the province defaults (main site) or a school's overrides (its site). */
  async setSettings(site: Site, moduleId: string, settings: Record<string, unknown>) {
    await writeSiteModule(
      site,
      moduleId,
      { enabled: true, settings: JSON.stringify(settings) },
      'settings'
    )
  }
}

/**
 * Writes one site's row of a module: a new row gets `values`; an existing row changes only the
 * `changed` column (the switch or the settings).
 */
async function writeSiteModule(
  site: Site,
  moduleId: string,
  values: { enabled: boolean; settings: string | null },
  changed: 'enabled' | 'settings'
) {
  const now = nowDb()
  await db
    .knexQuery()
    .table('site_modules')
    .insert({ site_id: site.id, module_id: moduleId, ...values, created_at: now, updated_at: now })
    .onConflict(['site_id', 'module_id'])
    .merge([changed, 'updated_at'])
  // The rest of this request sees the change too (other requests see the new version).
  configCache.invalidate()
}

const moduleSwitches = new ModuleSwitches()
export default moduleSwitches
