/*
| Modules that exist only for the tests, registered after the app's own list
| (start/modules.ts) and before the config and routes read it: imported by bin/test.ts while
| the app boots.
*/
import moduleRegistry from '#start/modules'

// A tiny module that proves the module contract (tests/functional/modules/module_contract.spec.ts).
moduleRegistry.register('hello', () => import('#tests/fixtures/modules/hello/module'), {
  folder: 'tests/fixtures/modules/hello',
})
