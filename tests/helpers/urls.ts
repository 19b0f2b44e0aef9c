import router from '@adonisjs/core/services/router'

/** Base URL of the test server for a site: main site or `<code>.localhost`. */
export function siteUrl(code: string | null, path = '/') {
  const port = process.env.PORT
  const host = code ? `${code}.localhost` : 'localhost'
  return `http://${host}:${port}${path}`
}

/**
 * The URL of a named route, as views and redirects build it (`route('student.activate')`).
 * Synchronous (spec files are imported after the app has started); `await route(…)` still works.
 */
export function route(
  name: string,
  params: any[] | Record<string, any> = [],
  qs?: Record<string, any>
) {
  return router.makeUrl(name, params, qs ? { qs } : undefined)
}
