import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core/modules/registry'
import { resourcesOf } from '#core/admin/resource_registry'
import type { AdminArea } from '#core/admin/resource'
import { enabledModulesFor, schoolIdForModules } from '#core/ui/navigation'
import { ResourceService } from '#core/admin/resource_service'
import { basePathOf, localize } from '#core/admin/resource'
import { text } from '#core/i18n/text'

export interface AdminMenuGroup {
  label: string
  items: { label: string; href: string }[]
}

const PAGES: Record<AdminArea, { group: string; label: string; href: string; order: number }[]> = {
  school: [
    { group: '概览', label: '工作台', href: '/school', order: 0 },
    { group: '概览', label: '站内消息', href: '/school/messages', order: 1 },
    { group: '系统设置', label: '功能模块', href: '/school/modules', order: 90 },
  ],
  province: [
    { group: '概览', label: '工作台', href: '/province', order: 0 },
    { group: '概览', label: '站内消息', href: '/province/messages', order: 1 },
    { group: '系统设置', label: '功能模块', href: '/province/modules', order: 90 },
  ],
  employer: [{ group: '概览', label: '单位首页', href: '/employer', order: 0 }],
}

/** Sidebar of the admin areas: core pages, core resources, and resources of modules enabled here. */
export async function adminMenu(ctx: HttpContext, area: AdminArea): Promise<AdminMenuGroup[]> {
  // The employer area: modules enabled province-wide.
  const enabled = await enabledModulesFor(ctx, area === 'school' ? schoolIdForModules(ctx) : null)
  const user = ctx.auth.use('web').user
  // A college-scoped teacher does not manage the school's settings.
  const entries = PAGES[area].filter((p) => !(user?.college && p.href === '/school/modules'))
  for (const original of await resourcesOf(area)) {
    const def = localize(original, text)
    if (def.menu === false) continue
    if (def.moduleId && !enabled.has(def.moduleId)) continue
    const service = new ResourceService(def, ctx)
    if (!(await service.allows(service.abilityFor('list')))) continue
    const group =
      def.group ??
      (def.moduleId ? (moduleRegistry.get(def.moduleId)?.name.zh ?? '业务模块') : '基础数据')
    entries.push({ group, label: def.label, href: basePathOf(def), order: def.order ?? 50 })
  }
  // Pages that modules add to the admin areas through their navigation entries.
  for (const entry of moduleRegistry.navigation(area)) {
    if (!enabled.has(entry.moduleId)) continue
    const group = moduleRegistry.get(entry.moduleId)?.name.zh ?? '业务模块'
    entries.push({
      group,
      label: ctx.i18n.t(entry.label, {}, entry.label),
      href: entry.href,
      order: entry.order ?? 50,
    })
  }
  const groups = new Map<string, AdminMenuGroup & { order: number }>()
  for (const e of entries.sort((a, b) => a.order - b.order)) {
    if (!groups.has(e.group)) groups.set(e.group, { label: e.group, items: [], order: e.order })
    groups.get(e.group)!.items.push({ label: e.label, href: e.href })
  }
  return [...groups.values()].sort((a, b) => a.order - b.order)
}
