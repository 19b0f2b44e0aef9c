import { defineConfig } from '@adonisjs/core/app'

export default defineConfig({
  experimental: {
    mergeMultipartFieldsAndFiles: true,
    shutdownInReverseOrder: true,
  },

  commands: [
    () => import('@adonisjs/core/commands'),
    () => import('@adonisjs/lucid/commands'),
    // Commands shipped by the core (queue worker) and by every installed module.
    () => import('#core/modules/commands_loader'),
  ],

  providers: [
    () => import('@adonisjs/core/providers/app_provider'),
    () => import('@adonisjs/core/providers/hash_provider'),
    { file: () => import('@adonisjs/core/providers/repl_provider'), environment: ['repl', 'test'] },
    () => import('@adonisjs/core/providers/vinejs_provider'),
    () => import('@adonisjs/core/providers/edge_provider'),
    () => import('@adonisjs/session/session_provider'),
    () => import('@adonisjs/shield/shield_provider'),
    () => import('@adonisjs/static/static_provider'),
    () => import('@adonisjs/lucid/database_provider'),
    () => import('@adonisjs/auth/auth_provider'),
    () => import('@adonisjs/bouncer/bouncer_provider'),
    () => import('@adonisjs/i18n/i18n_provider'),
    () => import('@adonisjs/limiter/limiter_provider'),
    () => import('#providers/platform_provider'),
  ],

  preloads: [
    () => import('#start/routes'),
    () => import('#start/kernel'),
    () => import('#start/view'),
  ],

  tests: {
    suites: [
      {
        name: 'unit',
        files: ['tests/unit/**/*.spec.ts', 'modules/*/tests/unit/**/*.spec.ts'],
        timeout: 10000,
      },
      {
        name: 'functional',
        files: ['tests/functional/**/*.spec.ts', 'modules/*/tests/functional/**/*.spec.ts'],
        timeout: 30000,
      },
      {
        name: 'browser',
        files: ['tests/browser/**/*.spec.ts', 'modules/*/tests/browser/**/*.spec.ts'],
        timeout: 60000,
      },
      {
        name: 'security',
        files: ['tests/security/**/*.spec.ts', 'modules/*/tests/security/**/*.spec.ts'],
        timeout: 120000,
      },
    ],
    forceExit: true,
  },

  metaFiles: [
    { pattern: 'resources/views/**/*.edge', reloadServer: false },
    { pattern: 'modules/**/resources/views/**/*.edge', reloadServer: false },
    { pattern: 'resources/lang/**/*.json', reloadServer: false },
    { pattern: 'modules/**/resources/lang/**/*.json', reloadServer: false },
    { pattern: 'public/**', reloadServer: false },
    // Data files read at runtime (common-password list).
    { pattern: 'app/accounts/data/**', reloadServer: false },
  ],
})
