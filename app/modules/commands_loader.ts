import { ListLoader } from '@adonisjs/core/ace'
import type { CommandMetaData } from '@adonisjs/core/types/ace'

/**
 * Ace only scans ./commands; the core's own commands (queue worker …) are
 * listed here and loaded only when ace asks for them.
 */
async function loader() {
  const commands = await Promise.all(
    ([] as (() => Promise<{ default: any }>)[]).map(async (load) => (await load()).default)
  ).catch(() => [])
  return new ListLoader(commands)
}

export async function getMetaData() {
  return (await loader()).getMetaData()
}

export async function getCommand(metaData: CommandMetaData) {
  return (await loader()).getCommand(metaData)
}
