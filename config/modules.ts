import { existsSync } from 'node:fs'

/**
 * Installed business modules. Adding a module is adding its folder under
 * `modules/` and one line here; removing it is deleting the line.
 * Keys are module ids and folder names (migrations, seeders, views, texts).
 * Order matters: migrations and seeders run in this order.
 */
export const installedModules: Record<string, () => Promise<{ default: unknown }>> = {
  job_seeking: () => import('#modules/job_seeking/module'),
  events: () => import('#modules/events/module'),
  procedures: () => import('#modules/procedures/module'),
  // The test suite plugs in its own tiny module to prove the contract.
  ...(process.env.NODE_ENV === 'test'
    ? { hello: () => import('#tests/fixtures/modules/hello/module') }
    : {}),
}

export const installedModuleIds = Object.keys(installedModules)

/** Folder of a module relative to the app root (test-only modules live under tests/fixtures). */
export function moduleFolder(id: string) {
  return existsSync(new URL(`../modules/${id}`, import.meta.url))
    ? `modules/${id}`
    : `tests/fixtures/modules/${id}`
}

/** Module sub-folders that exist (migrations, seeders, lang …), in module order. */
export function moduleSubfolders(sub: string) {
  return installedModuleIds
    .map((id) => `${moduleFolder(id)}/${sub}`)
    .filter((path) => existsSync(new URL(`../${path}`, import.meta.url)))
}
