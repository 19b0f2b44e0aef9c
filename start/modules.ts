/*
| The installed business modules: adding a module is adding its folder under `modules/` and
| one line here; removing it is deleting the line. Ids are folder names. Order matters:
| migrations and seeders run in this order. Test fixture modules are registered by the tests
| (tests/modules.ts), never here.
|
| Imported by the config files that list module folders (database, i18n), so the list is known
| before the app boots.
*/
import moduleRegistry from '#core/modules/registry'

moduleRegistry.register('job_seeking', () => import('#modules/job_seeking/module'))
moduleRegistry.register('events', () => import('#modules/events/module'))
moduleRegistry.register('procedures', () => import('#modules/procedures/module'))

export default moduleRegistry
