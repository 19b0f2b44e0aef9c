import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import type { Widget } from '#core/modules/manifest'
import { schoolIdForModules } from '#core/ui/navigation'

/** Renders the widgets of enabled modules for a slot; a disabled module's widgets never show. */
export async function renderWidgets(
  ctx: HttpContext,
  slot: Widget['slot'],
  props?: Record<string, any>
) {
  const enabled = await moduleSwitches.enabledIds(schoolIdForModules(ctx))
  const html: string[] = []
  for (const widget of moduleRegistry.widgets(slot)) {
    if (enabled.has(widget.moduleId)) html.push(await widget.render(ctx, props))
  }
  return html
}
