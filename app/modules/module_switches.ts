import db from '@adonisjs/lucid/services/db'
import Site from '#core/tenancy/models/site'
import moduleRegistry from '#core/modules/registry'
import { nowDb } from '#core/database/time'

/**
 * Per-site enablement is data: a `site_modules` row per (site, module). The main
 * site's row is the province availability; a school row is that school's switch.
 * No row means on (a new school gets every available module).
 * Read from the database each time, so every web process and worker agrees at once.
 */
export class ModuleSwitches {
  async isAvailableInProvince(moduleId: string) {
    if (!moduleRegistry.has(moduleId)) return false
    const row = await db
      .from('site_modules')
      .join('sites', 'sites.id', 'site_modules.site_id')
      .where('sites.is_main', true)
      .where('site_modules.module_id', moduleId)
      .select('site_modules.enabled')
      .first()
    return row ? Boolean(row.enabled) : true
  }

  /** Enabled for a school: available in the province and switched on by the school. */
  async isEnabledForSchool(schoolId: number, moduleId: string) {
    if (!(await this.isAvailableInProvince(moduleId))) return false
    const row = await db
      .from('site_modules')
      .join('sites', 'sites.id', 'site_modules.site_id')
      .where('sites.school_id', schoolId)
      .where('site_modules.module_id', moduleId)
      .select('site_modules.enabled')
      .first()
    return row ? Boolean(row.enabled) : true
  }

  /** Which modules are on for a school (or, with null, for the province). */
  async enabledIds(schoolId: number | null): Promise<Set<string>> {
    const ids = new Set<string>()
    for (const m of moduleRegistry.all()) {
      const on = schoolId
        ? await this.isEnabledForSchool(schoolId, m.id)
        : await this.isAvailableInProvince(m.id)
      if (on) ids.add(m.id)
    }
    return ids
  }

  async setEnabled(site: Site, moduleId: string, enabled: boolean) {
    const now = nowDb()
    await db
      .knexQuery()
      .table('site_modules')
      .insert({
        site_id: site.id,
        module_id: moduleId,
        enabled,
        settings: null,
        created_at: now,
        updated_at: now,
      })
      .onConflict(['site_id', 'module_id'])
      .merge(['enabled', 'updated_at'])
  }
}

const moduleSwitches = new ModuleSwitches()
export default moduleSwitches
