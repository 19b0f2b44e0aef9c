import router from '@adonisjs/core/services/router'
import server from '@adonisjs/core/services/server'

server.errorHandler(() => import('#core/exceptions/handler'))

server.use([
  () => import('#core/http/middleware/container_bindings_middleware'),
  () => import('#core/http/middleware/security_headers_middleware'),
  // public/ files only under its own top-level names (no disk stat for pages).
  () => import('#core/http/middleware/static_middleware'),
  // Anonymous public pages for a second (README: Caching); after the security headers.
  () => import('#core/http/middleware/micro_cache_middleware'),
])

router.use([
  // Session before the body parser: a body refused as too large can still flash its message.
  () => import('@adonisjs/session/session_middleware'),
  () => import('@adonisjs/core/bodyparser_middleware'),
  // Shield with a lazy CSRF secret: an anonymous page without a form makes no session.
  () => import('#core/http/middleware/shield_middleware'),
  () => import('@adonisjs/auth/initialize_auth_middleware'),
  () => import('#core/http/middleware/session_lifetime_middleware'),
  () => import('#core/authorization/bouncer_middleware'),
  () => import('#core/http/middleware/locale_middleware'),
  () => import('#core/tenancy/middleware/site_middleware'),
  () => import('#core/http/middleware/view_globals_middleware'),
  () => import('#core/http/middleware/input_guard_middleware'),
])

export const middleware = router.named({
  auth: () => import('#core/http/middleware/auth_middleware'),
  guest: () => import('#core/http/middleware/guest_middleware'),
  module: () => import('#core/modules/module_guard_middleware'),
  verifiedEmployer: () => import('#core/employer/middleware/verified_employer_middleware'),
})
