/** Base URL of the test server for a site: main site or `<code>.localhost`. */
export function siteUrl(code: string | null, path = '/') {
  const port = process.env.PORT
  const host = code ? `${code}.localhost` : 'localhost'
  return `http://${host}:${port}${path}`
}
