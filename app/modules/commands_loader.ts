import { ListLoader } from '@adonisjs/core/ace'
import type { CommandMetaData } from '@adonisjs/core/types/ace'

/**
 * Ace only scans ./commands; the core's own commands (queue worker …) are
 * listed here and loaded only when ace asks for them.
 */
const COMMANDS: (() => Promise<{ default: any }>)[] = [
  () => import('#core/queue/commands/queue_work'),
  () => import('#core/queue/commands/queue_sweep'),
]

async function loader() {
  const commands = await Promise.all(COMMANDS.map(async (load) => (await load()).default))
  return new ListLoader(commands)
}

export async function getMetaData() {
  return (await loader()).getMetaData()
}

export async function getCommand(metaData: CommandMetaData) {
  return (await loader()).getCommand(metaData)
}
