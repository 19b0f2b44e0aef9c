import { test } from '@japa/runner'
import i18nManager from '@adonisjs/i18n/services/main'
import app from '@adonisjs/core/services/app'
import { isTextKey } from '#core/i18n/text'
import { Machine } from '#core/state/machine'
import moduleRegistry from '#start/modules'
import { filesUnder, moduleIds } from './source_scan.js'

/**
 * Every machine a module defines (one file each under machines/) is declared in
 * its manifest's `machines`, and each refusal and state label it names exists in zh-CN.
 */
async function machinesIn(id: string) {
  const found: Machine<any, any>[] = []
  for (const path of filesUnder(`modules/${id}/machines`, '.ts')) {
    const exported = await import(app.makeURL(path).href)
    for (const value of Object.values(exported))
      if (value instanceof Machine && !found.includes(value)) found.push(value)
  }
  return found
}

test.group('Contract: machines are declared and speak Chinese', (group) => {
  group.setup(() => i18nManager.loadTranslations())

  test('{$self} declares every machine it defines')
    .with(moduleIds().filter((id) => filesUnder(`modules/${id}/machines`, '.ts').length))
    .run(async ({ assert }, id) => {
      const manifest = (await moduleRegistry.load()).get(id)!
      const declared = Object.values((await manifest.machines?.()) ?? {})
      const defined = await machinesIn(id)
      assert.isAbove(defined.length, 0)
      assert.sameMembers(
        declared.map((m) => m.name),
        defined.map((m) => m.name),
        'manifest.machines must list every machine of machines/'
      )
    })

  test('{$self} machines name only existing refusal and label keys')
    .with(moduleIds().filter((id) => filesUnder(`modules/${id}/machines`, '.ts').length))
    .run(async ({ assert }, id) => {
      const texts = i18nManager.getTranslationsFor('zh-CN')
      const missing: string[] = []
      for (const machine of await machinesIn(id)) {
        const { transitions, labels = {}, states } = machine.def
        for (const [action, t] of Object.entries(transitions) as [string, any][])
          if (!isTextKey(t.refuse) || !(t.refuse in texts))
            missing.push(`${machine.name}.${action} refuse: ${t.refuse}`)
        for (const state of states) {
          const key = (labels as Record<string, string>)[state]
          if (key && (!isTextKey(key) || !(key in texts)))
            missing.push(`${machine.name} label ${state}: ${key}`)
        }
      }
      assert.deepEqual(missing, [], missing.join('\n'))
    })
})
