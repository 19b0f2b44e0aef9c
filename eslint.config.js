import { configApp } from '@adonisjs/eslint-config'

export default configApp(
  // `(await import('…')).default` is how lazy imports read in this codebase.
  { rules: { '@unicorn/no-await-expression-member': 'off' } },
  { ignores: ['build/**', 'tmp/**', 'storage/**', 'public/vendor/**'] }
)
