import { defineMachine } from '#core/state/machine'

/**
 * 全国系统回传文件 import: previewed → importing (claimed by exactly one confirm) → imported.
 * A failed import rolls back with its transaction, so the file is previewed again.
 */
export const nationalImportMachine = defineMachine({
  name: 'procedures.national_import',
  table: 'national_sync_imports',
  states: ['previewed', 'importing', 'imported'],
  initial: ['previewed'],
  transitions: {
    claim: {
      from: ['previewed'],
      to: 'importing',
      refuse: 'procedures.refusals.national_import_done',
    },
    finish: {
      from: ['importing'],
      to: 'imported',
      refuse: 'procedures.refusals.national_import_done',
    },
  },
  labels: {
    previewed: 'procedures.states.national_import.previewed',
    importing: 'procedures.states.national_import.importing',
    imported: 'procedures.states.national_import.imported',
  },
})
