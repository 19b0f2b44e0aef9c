import { test } from '@japa/runner'
import { ModuleRegistry } from '#core/modules/registry'
import { installedModules } from '#config/modules'

test.group('Module registry', () => {
  test('removing the line from config/modules.ts removes the module', async ({ assert }) => {
    const withoutHello = Object.fromEntries(
      Object.entries(installedModules).filter(([id]) => id !== 'hello')
    )
    const withLine = await new ModuleRegistry(installedModules).load()
    const withoutLine = await new ModuleRegistry(withoutHello).load()
    assert.isTrue(withLine.has('hello'))
    assert.isFalse(withoutLine.has('hello'))
    assert.isTrue(withLine.navigation('student').some((n) => n.moduleId === 'hello'))
    assert.isFalse(withoutLine.navigation('student').some((n) => n.moduleId === 'hello'))
    assert.isFalse(withoutLine.widgets('student.home').some((w) => w.moduleId === 'hello'))
  })

  test('a manifest must carry the id of its folder', async ({ assert }) => {
    const registry = new ModuleRegistry({ wrong: installedModules.hello })
    await assert.rejects(
      () => registry.load(),
      'Module folder "wrong" exports a manifest with id "hello"'
    )
  })
})
