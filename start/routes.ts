/*
| One route table for every site: the site comes from the Host header (SiteMiddleware).
| Core areas register their routes here; modules are mounted from their manifests,
| each area behind its actor check and the module guard.
*/
import router from '@adonisjs/core/services/router'
import app from '@adonisjs/core/services/app'
import { middleware } from '#start/kernel'
import moduleRegistry from '#core/modules/registry'
import { boundIdParams } from '#core/http/route_params'
import { VENDOR_FILES } from '#core/http/vendor_files'

const PortalController = () => import('#core/portal/controllers/portal_controller')
const LegalController = () => import('#core/portal/controllers/legal_controller')
const AnnouncementsController = () =>
  import('#core/announcements/controllers/announcements_controller')
const StudentSessionController = () =>
  import('#core/accounts/controllers/student_session_controller')
const AccountSessionController = () =>
  import('#core/accounts/controllers/account_session_controller')
const ActivationController = () => import('#core/accounts/controllers/activation_controller')
const HomeController = () => import('#core/student/controllers/home_controller')
const MessagesController = () => import('#core/messages/controllers/messages_controller')
const ScheduleController = () => import('#core/student/controllers/schedule_controller')
const DashboardController = () => import('#core/admin/controllers/dashboard_controller')
const EmployerDashboardController = () => import('#core/employer/controllers/dashboard_controller')

// Front-end libraries served from the app itself (no CDN).
// Served by the static middleware before routing (#core/http/middleware/static_middleware); this
// route answers only what that middleware passes on (an unknown name: 404).
const VENDOR = VENDOR_FILES
router.get('/vendor/:file', ({ params, response }) => {
  const file = VENDOR[params.file]
  if (!file) return response.notFound('')
  response.header('Cache-Control', 'public, max-age=86400')
  return response.download(app.makePath(file))
})

// Public portal
router.get('/', [PortalController, 'home']).as('portal.home')
router.get('/agreement', [LegalController, 'agreement']).as('portal.agreement')
router.get('/privacy', [LegalController, 'privacy']).as('portal.privacy')
router.get('/announcements', [AnnouncementsController, 'index']).as('announcements.index')
router
  .get('/announcements/:id', [AnnouncementsController, 'show'])
  .as('announcements.show')
  .where('id', router.matchers.number())

// Accounts
router
  .group(() => {
    router.get('/login', [StudentSessionController, 'show']).as('student.login')
    router.post('/login', [StudentSessionController, 'store'])
    router.get('/activate', [ActivationController, 'showStepOne']).as('student.activate')
    router.post('/activate', [ActivationController, 'storeStepOne'])
    router
      .get('/activate/password', [ActivationController, 'showStepTwo'])
      .as('student.activate.password')
    router.post('/activate/code', [ActivationController, 'sendCode']).as('student.activate.code')
    router.post('/activate/password', [ActivationController, 'storeStepTwo'])
    router.get('/employer/login', [AccountSessionController, 'showEmployer']).as('employer.login')
    router.post('/employer/login', [AccountSessionController, 'storeEmployer'])
    router.get('/admin/login', [AccountSessionController, 'showAdmin']).as('admin.login')
    router.post('/admin/login', [AccountSessionController, 'storeAdmin'])
  })
  .use(middleware.guest())
router.post('/logout', [AccountSessionController, 'destroy']).as('logout')

// 学生中心
router
  .group(() => {
    router.get('/', [HomeController, 'show']).as('student.home')
    router.get('/schedule', [ScheduleController, 'index']).as('student.schedule')
  })
  .prefix('/student')
  .use(middleware.auth({ kinds: ['student'] }))

router
  .get('/employer', [EmployerDashboardController, 'show'])
  .as('employer.home')
  .use(middleware.auth({ kinds: ['employer'] }))
router
  .get('/school', [DashboardController, 'school'])
  .as('school.home')
  .use(middleware.auth({ kinds: ['staff'] }))
router
  .get('/province', [DashboardController, 'province'])
  .as('province.home')
  .use(middleware.auth({ kinds: ['admin'] }))

// 站内消息: the same inbox in every actor area.
for (const [area, kind] of [
  ['student', 'student'],
  ['employer', 'employer'],
  ['school', 'staff'],
  ['province', 'admin'],
] as const) {
  router
    .group(() => {
      router.get('/messages', [MessagesController, 'index']).as(`${area}.messages`)
      router
        .post('/messages/read-all', [MessagesController, 'markAllRead'])
        .as(`${area}.messages.readAll`)
      router
        .post('/messages/:id/read', [MessagesController, 'markRead'])
        .as(`${area}.messages.read`)
    })
    .prefix(`/${area}`)
    .use(middleware.auth({ kinds: [kind] }))
}

// Core areas with their own route files.
await import('#core/admin/routes')
await import('#core/employer/routes')
await import('#core/queue/routes')

// Business modules, mounted from their manifests.
await moduleRegistry.load()
const AREA_PREFIX = {
  public: '',
  student: '/student',
  employer: '/employer',
  school: '/school',
  province: '/province',
} as const
const AREA_KINDS = {
  student: ['student'],
  employer: ['employer'],
  school: ['staff'],
  province: ['admin'],
} as const
for (const manifest of moduleRegistry.all()) {
  for (const [area, register] of Object.entries(manifest.routes ?? {})) {
    if (!register) continue
    const group = router.group(() => register(router))
    // An empty prefix would turn '/fairs' into '//fairs': public routes get none.
    const prefix = AREA_PREFIX[area as keyof typeof AREA_PREFIX]
    if (prefix) group.prefix(prefix)
    const guards =
      area === 'public'
        ? []
        : [middleware.auth({ kinds: [...AREA_KINDS[area as keyof typeof AREA_KINDS]] })]
    // Module pages of the employer centre are for verified employers (pending ones see 审核中).
    const verified = area === 'employer' ? [middleware.verifiedEmployer()] : []
    group.use([...guards, ...verified, middleware.module({ id: manifest.id })])
  }
}

// The open API (/api/v1) and the 91job-compatible open data, core and modules' endpoints.
await import('#core/api/routes')

// Ids in every URL (core and modules) are bounded once here: out-of-range ids answer 404.
boundIdParams(router)
