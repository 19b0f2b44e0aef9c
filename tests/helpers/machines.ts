import { text } from '#core/i18n/text'
import type { Machine } from '#core/state/machine'
import i18nManager from '@adonisjs/i18n/services/main'
import type { Assert } from '@japa/assert'

/** action → [the states it starts from, the state it leads to ('=' keeps the state), its refusal key]. */
export type TransitionTable = Record<string, [string[], string, string]>

/**
 * A machine is exactly its table: every transition allowed from the listed states only and leading
 * where the table says, refused with its key (a zh-CN text, not the key itself), every state labelled.
 */
export function assertMachineTable(
  assert: Assert,
  machine: Machine<any, any>,
  table: TransitionTable
) {
  assert.sameMembers(Object.keys(machine.def.transitions), Object.keys(table))
  const texts = i18nManager.getTranslationsFor('zh-CN')
  for (const [action, [from, to, key]] of Object.entries(table)) {
    for (const state of machine.def.states) {
      assert.equal(machine.can(action, state), from.includes(state), `${action} from ${state}`)
      if (from.includes(state)) assert.equal(machine.target(action, state), to === '=' ? state : to)
    }
    assert.equal(machine.transition(action).refuse, key)
    assert.isTrue(key in texts, key)
    const refusal = machine.refusal(action)
    assert.equal(refusal.message, text(key))
    assert.notEqual(refusal.message, key)
  }
  for (const state of machine.def.states) {
    assert.notEqual(machine.label(state), state, `label of ${state}`)
  }
}
