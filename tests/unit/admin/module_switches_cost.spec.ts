import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import moduleSwitches from '#core/modules/module_switches'
import moduleRegistry from '#core/modules/registry'

/**
 * The module switches are read from the database on every check (no per-process cache that
 * could disagree between web processes). This measures that the read stays cheap: one query
 * for all modules of a school.
 */
test.group('Module switches: uncached reads are cheap and always current', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('enabledIds for a school costs one point query (measured)', async ({ assert }) => {
    const main = await world.mainSite()
    const { school: njsf, site: njsfSite } = await world.school()
    await moduleRegistry.load()
    for (const m of moduleRegistry.all()) {
      await moduleSwitches.setEnabled(main, m.id, true)
      await moduleSwitches.setEnabled(njsfSite, m.id, true)
    }
    for (let i = 0; i < 50; i++) await moduleSwitches.enabledIds(njsf.id)
    const runs = 200
    // Baseline under the same machine load: one point query on an indexed column.
    const startedBase = process.hrtime.bigint()
    for (let i = 0; i < runs; i++) await db.from('sites').where('school_id', njsf.id).first()
    const baseline = Number(process.hrtime.bigint() - startedBase) / runs / 1e6
    const started = process.hrtime.bigint()
    for (let i = 0; i < runs; i++) await moduleSwitches.enabledIds(njsf.id)
    const perCall = Number(process.hrtime.bigint() - started) / runs / 1e6
    const started2 = process.hrtime.bigint()
    for (let i = 0; i < runs; i++) await moduleSwitches.isEnabledForSchool(njsf.id, 'hello')
    const perCheck = Number(process.hrtime.bigint() - started2) / runs / 1e6
    console.log(
      `module switches (${process.env.DB_CONNECTION ?? 'sqlite'}): point query ${baseline.toFixed(3)} ms, enabledIds ${perCall.toFixed(3)} ms, isEnabledForSchool ${perCheck.toFixed(3)} ms per call`
    )
    // One query for every module of the school: about the cost of one point query, never N queries.
    assert.isBelow(perCall, baseline * 4)
  }).timeout(120_000)

  test('a change is seen by the next read at once (what another process would see)', async ({
    assert,
  }) => {
    const { school: njsf, site: njsfSite } = await world.school()
    assert.isTrue(await moduleSwitches.isEnabledForSchool(njsf.id, 'hello'))
    await moduleSwitches.setEnabled(njsfSite, 'hello', false)
    assert.isFalse(await moduleSwitches.isEnabledForSchool(njsf.id, 'hello'))
    assert.isFalse((await moduleSwitches.enabledIds(njsf.id)).has('hello'))
  })
})
