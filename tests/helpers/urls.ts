/** Base URL of the test server for a site: main site or `<code>.localhost`. */
export function siteUrl(code: string | null, path = '/') {
  const port = process.env.PORT
  const host = code ? `${code}.localhost` : 'localhost'
  return `http://${host}:${port}${path}`
}

/** The URL of a named route, as views and redirects build it (`route('student.activate')`). */
export async function route(
  name: string,
  params: any[] | Record<string, any> = [],
  qs?: Record<string, any>
) {
  const { default: router } = await import('@adonisjs/core/services/router')
  return router.makeUrl(name, params, qs ? { qs } : undefined)
}
