import router from '@adonisjs/core/services/router'

const FilesController = () => import('#core/files/controllers/files_controller')

// Private uploads: signed link, or a logged-in user the file's purpose policy allows.
router
  .get('/files/:id', [FilesController, 'show'])
  .where('id', router.matchers.number())
  .as('files.show')
