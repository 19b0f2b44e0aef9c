/**
 * Installed business modules. Adding a module is adding its folder under
 * `modules/` and one line here; removing it is deleting the line.
 * Keys are module ids and folder names (migrations, seeders, views, texts).
 * Order matters: migrations and seeders run in this order.
 */
export const installedModules = {
  job_seeking: () => import('#modules/job_seeking/module'),
  events: () => import('#modules/events/module'),
  procedures: () => import('#modules/procedures/module'),
} satisfies Record<string, () => Promise<{ default: unknown }>>

export const installedModuleIds = Object.keys(installedModules)
