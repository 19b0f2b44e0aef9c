import { request as httpRequest } from 'node:http'

/**
 * A browser-like client that connects FROM a chosen loopback address (127.0.0.0/8 all reach the
 * test server), so tests can show what a different real peer address does — something a header
 * cannot fake. Keeps cookies, fetches the CSRF token from the form page, posts like a form.
 */
export class PeerClient {
  #cookies = new Map<string, string>()

  constructor(
    readonly localAddress = '127.0.0.1',
    readonly host = 'localhost'
  ) {}

  async get(path: string, headers: Record<string, string> = {}) {
    return this.#send('GET', path, null, headers)
  }

  /** GETs `formPage` for the CSRF token, posts `form` to `path`, then GETs where it redirected. */
  async submit(
    formPage: string,
    path: string,
    form: Record<string, string>,
    headers: Record<string, string> = {}
  ) {
    const page = await this.get(formPage, headers)
    const token = /name=['"]_csrf['"] value=['"]([^'"]+)['"]/.exec(page.body)?.[1]
    if (!token) throw new Error(`no CSRF token on ${formPage} (status ${page.status})`)
    const body = new URLSearchParams({ ...form, _csrf: token }).toString()
    const posted = await this.#send('POST', path, body, {
      'content-type': 'application/x-www-form-urlencoded',
      'referer': `http://${this.host}:${process.env.PORT}${formPage}`,
      ...headers,
    })
    const location = posted.headers.location
    if (posted.status !== 302 || typeof location !== 'string') return posted
    const next = await this.get(new URL(location, `http://${this.host}`).pathname, headers)
    return { ...next, redirectedTo: location }
  }

  #send(method: string, path: string, body: string | null, headers: Record<string, string>) {
    return new Promise<{
      status: number
      headers: Record<string, string | string[] | undefined>
      body: string
      redirectedTo?: string
    }>((resolve, reject) => {
      const cookie = [...this.#cookies].map(([k, v]) => `${k}=${v}`).join('; ')
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: Number(process.env.PORT),
          localAddress: this.localAddress,
          method,
          path,
          headers: {
            host: `${this.host}:${process.env.PORT}`,
            ...(cookie ? { cookie } : {}),
            ...(body ? { 'content-length': Buffer.byteLength(body) } : {}),
            ...headers,
          },
        },
        (res) => {
          for (const line of res.headers['set-cookie'] ?? []) {
            const [pair] = line.split(';')
            const index = pair.indexOf('=')
            this.#cookies.set(pair.slice(0, index).trim(), pair.slice(index + 1))
          }
          let data = ''
          res.setEncoding('utf8')
          res.on('data', (chunk) => (data += chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data })
          )
        }
      )
      req.on('error', reject)
      if (body) req.write(body)
      req.end()
    })
  }
}
