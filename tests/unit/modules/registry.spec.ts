import { execFile } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import moduleRegistry, { ModuleRegistry } from '#core/modules/registry'

const hello = () => import('#tests/fixtures/modules/hello/module')
const helloFolder = { folder: 'tests/fixtures/modules/hello' }

test.group('Module registry', () => {
  test('removing the line from start/modules.ts removes the module', async ({ assert }) => {
    const withLine = await new ModuleRegistry().register('hello', hello, helloFolder).load()
    const withoutLine = await new ModuleRegistry().load()
    assert.isTrue(withLine.has('hello'))
    assert.isFalse(withoutLine.has('hello'))
    assert.isTrue(withLine.navigation('student').some((n) => n.moduleId === 'hello'))
    assert.isFalse(withoutLine.navigation('student').some((n) => n.moduleId === 'hello'))
    assert.isFalse(withoutLine.widgets('student.home').some((w) => w.moduleId === 'hello'))
  })

  test('a manifest must carry the id of its folder', async ({ assert }) => {
    const registry = new ModuleRegistry().register('wrong', hello)
    await assert.rejects(
      () => registry.load(),
      'Module folder "wrong" exports a manifest with id "hello"'
    )
  })

  test('a module registered after the routes were mounted is refused', async ({ assert }) => {
    assert.throws(
      () => moduleRegistry.register('late', hello),
      'Module "late" registered after the module registry was loaded'
    )
    assert.isFalse(moduleRegistry.ids().includes('late'))
  })

  test('the test run registers the test fixture module after the app modules', ({ assert }) => {
    assert.deepEqual(moduleRegistry.ids(), ['job_seeking', 'events', 'procedures', 'hello'])
    assert.equal(moduleRegistry.folder('hello'), 'tests/fixtures/modules/hello')
    assert.include(
      moduleRegistry.subfolders('resources/lang'),
      'tests/fixtures/modules/hello/resources/lang'
    )
  })

  test('测试模块不进生产环境: the production module list has no hello module', async ({
    assert,
  }) => {
    // The app's own list, as a production process reads it (config, provider, routes): no test
    // entry point involved. Manifests are loaded from exactly these ids.
    const script = `
      const { default: registry } = await import('#start/modules')
      console.log(JSON.stringify({
        ids: registry.ids(),
        lang: registry.subfolders('resources/lang'),
        migrations: registry.subfolders('database/migrations'),
      }))
      process.exit(0)
    `
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import=ts-node-maintained/register/esm', '--input-type=module', '-e', script],
      { cwd: app.makePath(), env: { ...process.env, NODE_ENV: 'production' }, timeout: 60_000 }
    )
    const listing = JSON.parse(stdout.trim().split('\n').pop()!)
    assert.deepEqual(listing.ids, ['job_seeking', 'events', 'procedures'])
    for (const path of [...listing.lang, ...listing.migrations]) assert.notInclude(path, 'hello')
    // And no production source names a test module (config/modules.ts once did, behind NODE_ENV).
    for (const dir of ['app', 'config', 'start', 'providers', 'modules']) {
      for (const entry of readdirSync(app.makePath(dir), { recursive: true }) as string[]) {
        if (!entry.endsWith('.ts') || entry.includes(`tests`)) continue
        const source = readFileSync(join(app.makePath(dir), entry), 'utf8')
        assert.notMatch(source, /#tests\/fixtures|tests\/fixtures\/modules/, `${dir}/${entry}`)
      }
    }
  }).timeout(90_000)
})
