import type { HttpContext } from '@adonisjs/core/http'
import moduleRegistry from '#core/modules/registry'
import type { Widget } from '#core/modules/manifest'
import logger from '@adonisjs/core/services/logger'
import { enabledModulesFor } from '#core/ui/navigation'

/** Renders the widgets of enabled modules for a slot; a disabled module's widgets never show. */
export async function renderWidgets(
  ctx: HttpContext,
  slot: Widget['slot'],
  props?: Record<string, any>
) {
  const enabled = await enabledModulesFor(ctx)
  // All widgets at once (each waits on its own queries), in the registry's order.
  return Promise.all(
    moduleRegistry
      .widgets(slot)
      .filter((widget) => enabled.has(widget.moduleId))
      .map(async (widget) => {
        try {
          return await widget.render(ctx, props)
        } catch (error) {
          // One module's broken widget must not take the whole home page down.
          logger.error(
            { err: error, module: widget.moduleId, widget: widget.id },
            'widget failed to render'
          )
          return `<section class="card"><div class="card-body muted">${ctx.i18n.t('layout.widget_failed')}</div></section>`
        }
      })
  )
}
