/**
 * Installed business modules. Adding a module is adding its folder under
 * `modules/` and one line here; removing it is deleting the line.
 * Keys are module ids and folder names (migrations, seeders, views, texts).
 */
export const installedModules = {} satisfies Record<string, () => Promise<{ default: unknown }>>

export const installedModuleIds = Object.keys(installedModules)
