import db from '@adonisjs/lucid/services/db'
import { nowDb } from '#core/database/time'
import moduleSwitches from '#core/modules/module_switches'
import { text } from '#core/i18n/text'
import { SOURCE_FIELDS, editableSettingKey } from '#modules/procedures/services/source_fields'
import {
  DEFAULT_VERSION,
  isCodeVersion,
  type CodeVersion,
} from '#modules/procedures/services/destination_codes'

/**
 * Settings of the procedures module (declared in the manifest): the province default (main
 * site's `site_modules.settings`) overridden by the school (its subsite's row). Flat JSON,
 * read through the core's module switches each time (several processes agree).
 */
export const SETTINGS_DEFAULTS: Record<string, boolean> = {
  termination_materials_required: true,
  ...Object.fromEntries(SOURCE_FIELDS.map((f) => [editableSettingKey(f.key), f.editable])),
}

export type ProceduresMode = '2021' | '2023'
/** A select option whose label is a lang text, read when the option is shown or audited. */
const option = <V extends string>(value: V, key: string) => ({
  value,
  get label() {
    return text(key)
  },
})
export const PROCEDURES_MODES: { value: ProceduresMode; readonly label: string }[] = [
  option('2021', 'procedures.settings.modes.m2021'),
  option('2023', 'procedures.settings.modes.m2023'),
]
export const CODE_VERSION_OPTIONS: { value: CodeVersion; readonly label: string }[] = [
  option('2024', 'procedures.settings.code_versions.v2024'),
  option('2021', 'procedures.settings.code_versions.v2021'),
]

/**
 * Province-level settings (not school-overridable): the procedures mode (报到证 until 2022,
 * 毕业去向登记 since 2023) and the destination code version. Defaults: 2023+ and 2024.
 */
export const PROVINCE_SETTINGS_DEFAULTS = {
  procedures_mode: '2023' as ProceduresMode,
  destination_code_version: DEFAULT_VERSION as CodeVersion,
}

/** The mode and code version the province has chosen (a school cannot override them). */
export async function provinceProcedures(
  schoolId: number | null
): Promise<{ mode: ProceduresMode; version: CodeVersion }> {
  const effective = await moduleSwitches.settingsFor(schoolId, 'procedures')
  const mode = String(effective.procedures_mode ?? '') === '2021' ? '2021' : '2023'
  const version = isCodeVersion(effective.destination_code_version)
    ? effective.destination_code_version
    : PROVINCE_SETTINGS_DEFAULTS.destination_code_version
  return { mode, version }
}

function parse(value: unknown): Record<string, unknown> {
  if (!value) return {}
  if (typeof value === 'object') return value as Record<string, unknown>
  try {
    const parsed = JSON.parse(String(value))
    return parsed && typeof parsed === 'object' ? parsed : {}
  } catch {
    return {}
  }
}

/** Effective settings for a school, read through the core (defaults ← province ← school overrides). */
export async function settingsFor(schoolId: number | null): Promise<Record<string, boolean>> {
  const effective = await moduleSwitches.settingsFor(schoolId, 'procedures')
  const merged: Record<string, boolean> = { ...SETTINGS_DEFAULTS }
  for (const [key, value] of Object.entries(effective)) {
    if (key in SETTINGS_DEFAULTS)
      merged[key] = value === true || value === 'true' || value === 1 || value === '1'
  }
  return merged
}

/** Writes the school's overrides (merged into its subsite's module row). */
export async function saveSchoolSettings(schoolId: number, values: Record<string, boolean>) {
  const site = await db.from('sites').where('school_id', schoolId).first()
  if (!site) throw new Error('school has no site')
  const existing = await db
    .from('site_modules')
    .where('site_id', site.id)
    .where('module_id', 'procedures')
    .first()
  const next = { ...parse(existing?.settings) }
  for (const key of Object.keys(SETTINGS_DEFAULTS)) if (key in values) next[key] = values[key]
  if (existing) {
    await db
      .from('site_modules')
      .where('id', existing.id)
      .update({ settings: JSON.stringify(next), updated_at: nowDb() })
  } else {
    await db.table('site_modules').insert({
      site_id: site.id,
      module_id: 'procedures',
      enabled: true,
      settings: JSON.stringify(next),
      created_at: nowDb(),
      updated_at: nowDb(),
    })
  }
  return next
}
