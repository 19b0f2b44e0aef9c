import { defineMachine } from '#core/state/machine'

/**
 * 生源库导入 (registry_imports.status): a checked file waits as previewed; one confirm claims it
 * (importing) and finishes it (imported) in the same transaction, so a double click cannot import
 * twice and a failed import rolls back to previewed.
 */
export const registryImportMachine = defineMachine({
  name: 'registry.import',
  table: 'registry_imports',
  states: ['previewed', 'importing', 'imported', 'discarded'],
  initial: ['previewed'],
  transitions: {
    claim: { from: ['previewed'], to: 'importing', refuse: 'errors.import_done' },
    finish: { from: ['importing'], to: 'imported', refuse: 'errors.import_done' },
  },
})

export default registryImportMachine
