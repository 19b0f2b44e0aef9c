import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const RegistrationController = () => import('#core/employer/controllers/registration_controller')
const VerificationController = () => import('#core/employer/controllers/verification_controller')
const ProfileController = () => import('#core/employer/controllers/profile_controller')

// Private files (/files/:id) are served by the core file service.
await import('#core/files/routes')

// 单位注册 (visitors only)
router
  .group(() => {
    router.get('/employer/register', [RegistrationController, 'show']).as('employer.register')
    router.post('/employer/register', [RegistrationController, 'store'])
  })
  .use(middleware.guest())

// Any employer account, verified or not: the verification state and its correction.
router
  .group(() => {
    router.get('/resubmit', [VerificationController, 'edit']).as('employer.resubmit')
    router.post('/resubmit', [VerificationController, 'update'])
    router.get('/licence', [VerificationController, 'licence']).as('employer.licence')
  })
  .prefix('/employer')
  .use(middleware.auth({ kinds: ['employer'] }))

// Verified employers only.
router
  .group(() => {
    router.get('/profile', [ProfileController, 'edit']).as('employer.profile')
    router.post('/profile', [ProfileController, 'update'])
  })
  .prefix('/employer')
  .use([middleware.auth({ kinds: ['employer'] }), middleware.verifiedEmployer()])
