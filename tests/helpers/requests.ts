import type { ApiClient, ApiRequest } from '@japa/api-client'
import type User from '#core/accounts/models/user'

/** Where a request is made: a school subsite by its code (`njsf` → `njsf.localhost`), else the main site. */
export type Where = { site?: string | null; host?: string }

/**
 * Requests as an actor would make them, so a test reads as the rule it proves:
 * `as(client, zhang).visit(route('student.home'))`, `as(client, staff, { site: 'njsf' }).postForm(url, form)`.
 * `user` null is a guest. Every builder answers the Japa request, so it can be chained further.
 */
export function as(client: ApiClient, user: User | null, where: Where = {}) {
  const prepare = (request: ApiRequest) => {
    const host = where.host ?? (where.site ? `${where.site}.localhost` : null)
    if (host) request.header('host', host)
    if (user) request.loginAs(user)
    return request
  }
  return {
    /** GET a page. */
    visit: (url: string) => prepare(client.get(url)),
    /** POST a form with the CSRF token, redirects not followed (the answer is the 302 itself). */
    postForm: (url: string, form: Record<string, unknown> = {}) =>
      prepare(client.post(url).form(form).withCsrfToken().redirects(0)),
    /** POST a form as htmx does (`hx-request: true`). */
    htmx: (url: string, form: Record<string, unknown> = {}) =>
      prepare(client.post(url).form(form).withCsrfToken().header('hx-request', 'true')),
  }
}

/** A visitor who has not logged in (on the main site, or `{ site: 'njsf' }`). */
export function guest(client: ApiClient, where: Where = {}) {
  return as(client, null, where)
}

/**
 * Calls of the open API (JSON in and out) on a site, with a bearer token when given
 * (`api(client, { site: 'njsf', token }).get(route('api.me'))`).
 */
export function api(client: ApiClient, where: Where & { token?: string | null } = {}) {
  const prepare = (request: ApiRequest) => {
    const host = where.host ?? (where.site ? `${where.site}.localhost` : null)
    if (host) request.header('host', host)
    if (where.token) request.header('authorization', where.token)
    return request
  }
  return {
    get: (url: string) => prepare(client.get(url)),
    post: (url: string, body?: Record<string, unknown>) =>
      prepare(body ? client.post(url).json(body) : client.post(url)),
    put: (url: string, body: Record<string, unknown>) => prepare(client.put(url).json(body)),
    delete: (url: string) => prepare(client.delete(url)),
  }
}
