import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import type { SettingField } from '#core/modules/manifest'
import Site from '#core/tenancy/models/site'
import audit from '#core/audit/audit_service'
import { Refusal } from '#core/http/refusal'

/**
 * Reads a settings form for the given fields; bad values are refused beside their inputs
 * (`s_<key>`), the message naming them all.
 */
export function parseSettingsInput(
  fields: SettingField[],
  input: Record<string, any>,
  label: (key: string) => string
) {
  const values: Record<string, unknown> = {}
  const errors: Record<string, string> = {}
  for (const f of fields) {
    const raw = input[`s_${f.key}`]
    if (f.type === 'boolean') {
      values[f.key] = raw === 'on' || raw === '1' || raw === 'true'
    } else if (f.type === 'number') {
      const n = Number(raw)
      if (raw === undefined || raw === '' || !Number.isFinite(n))
        errors[f.key] = `${label(f.label)}必须是数字`
      else values[f.key] = n
    } else if (f.type === 'select') {
      if (!f.options?.some((o) => o.value === raw)) errors[f.key] = `请选择有效的${label(f.label)}`
      else values[f.key] = raw
    } else {
      const text = typeof raw === 'string' ? raw.trim() : ''
      if (text.length > 500) errors[f.key] = `${label(f.label)}不能超过 500 个字符`
      else values[f.key] = text
    }
  }
  if (Object.keys(errors).length) {
    const refusal = new Refusal(Object.values(errors).join('；'), {
      code: 'invalid_input',
      field: `s_${Object.keys(errors)[0]}`,
    })
    refusal.fields = Object.fromEntries(Object.entries(errors).map(([k, v]) => [`s_${k}`, v]))
    throw refusal
  }
  return values
}

/**
 * Province: availability + default settings of each module (main site rows).
 * School: the school's switch + overrides of the overridable settings (its site's rows).
 */
export class ModuleSettingsService {
  constructor(private ctx: HttpContext) {}

  async overview(schoolId: number | null) {
    const states = await moduleSwitches.states(schoolId)
    const t = (key: string) => this.ctx.i18n.t(key, {}, key)
    return moduleRegistry.all().map((m) => {
      const state = states.get(m.id)!
      const effective = moduleSwitches.effectiveSettings(m.id, state)
      const fields = (m.settings?.fields ?? [])
        .filter((f) => !schoolId || f.schoolOverridable)
        .map((f) => ({
          ...f,
          label: t(f.label),
          options: f.options?.map((o) => ({ value: o.value, label: t(o.label) })),
          value: effective[f.key],
          overridden: schoolId ? f.key in state.schoolSettings : f.key in state.provinceSettings,
        }))
      return {
        id: m.id,
        name: m.name.zh,
        description: m.description ?? '',
        version: m.version,
        ...state,
        fields,
      }
    })
  }

  /** Saves a switch or the settings and answers the success message; refusals are thrown. */
  async update(site: Site, moduleId: string, input: Record<string, any>) {
    const manifest = moduleRegistry.get(moduleId)
    if (!manifest) throw Refusal.notFound('模块不存在')
    const schoolId = site.isMain ? null : site.schoolId
    const before = (await moduleSwitches.states(schoolId)).get(moduleId)!
    if ('enabled' in input) {
      const enabled = input.enabled === '1' || input.enabled === 'true' || input.enabled === 'on'
      if (schoolId && enabled && !before.available)
        throw new Refusal('该功能未在全省开放，暂不能开通', { code: 'not_available', status: 409 })
      await moduleSwitches.setEnabled(site, moduleId, enabled)
      await audit.record({
        ctx: this.ctx,
        action: `module.${enabled ? 'enable' : 'disable'}`,
        subject: { type: 'module', id: moduleId },
        schoolId,
        before: {
          [schoolId ? 'enabled' : 'available']: schoolId ? before.schoolOn : before.available,
        },
        after: { [schoolId ? 'enabled' : 'available']: enabled },
      })
      const what = schoolId
        ? enabled
          ? '已为本校开通'
          : '已为本校关闭'
        : enabled
          ? '已在全省开放'
          : '已在全省停用'
      return `${what}：${manifest.name.zh}`
    }
    const fields = (manifest.settings?.fields ?? []).filter((f) => !schoolId || f.schoolOverridable)
    if (!fields.length) throw new Refusal('该模块没有可设置的项目', { code: 'no_settings' })
    const values = parseSettingsInput(fields, input, (key) => this.ctx.i18n.t(key, {}, key))
    const previous = schoolId ? before.schoolSettings : before.provinceSettings
    const next = { ...previous, ...values }
    await moduleSwitches.setSettings(site, moduleId, next)
    await audit.record({
      ctx: this.ctx,
      action: 'module.settings',
      subject: { type: 'module', id: moduleId },
      schoolId,
      before: previous,
      after: next,
    })
    return `已保存${manifest.name.zh}的设置`
  }
}
