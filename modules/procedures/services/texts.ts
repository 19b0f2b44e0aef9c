import { text } from '#core/i18n/text'

/**
 * Texts read when used: the lang file is loaded after the code, so the module's tables of labels
 * (field definitions, history and audit names) hold lang keys and resolve them on access.
 */

/** name → text of its key; `name in table`, `table[name]`, `Object.entries(table)` all work. */
export function textTable<K extends string>(keys: Record<K, string>): Record<K, string> {
  const table = {} as Record<K, string>
  for (const [name, key] of Object.entries(keys) as [K, string][])
    Object.defineProperty(table, name, { enumerable: true, get: () => text(key) })
  return table
}

/**
 * A definition given with lang keys as its `label` (and `help`): the copy returned reads them as
 * texts when asked. Copy the key form (`{ ...def }` before `labelled`), never the labelled one at
 * load time (a spread reads the getters).
 */
export function labelled<T extends { label: string; help?: string }>(def: T): T {
  const out = { ...def }
  Object.defineProperty(out, 'label', { enumerable: true, get: () => text(def.label) })
  if (def.help !== undefined)
    Object.defineProperty(out, 'help', { enumerable: true, get: () => text(def.help!) })
  return out
}

/**
 * Field name → label of field definitions (`labelled` ones), read when asked: the validators'
 * message labels follow the lang files and the request instead of being fixed at import.
 */
export function labelTable<T extends { key: string; label: string }>(
  fields: readonly T[],
  name: (field: T) => string = (field) => field.key
): Record<string, string> {
  const table: Record<string, string> = {}
  for (const field of fields)
    Object.defineProperty(table, name(field), { enumerable: true, get: () => field.label })
  return table
}
