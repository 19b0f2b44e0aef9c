import type { Route } from '@adonisjs/core/http'
import type { VineValidator } from '@vinejs/vine'

/**
 * A response shape, small enough to write beside a route:
 * - a type name: 'integer' | 'number' | 'string' | 'boolean' | 'date-time' | 'date' | 'binary',
 *   with a trailing '?' when the value may be null ('date-time?');
 * - an object of field shapes; an array of one shape (a list of those).
 */
export type Shape = string | readonly Shape[] | { readonly [field: string]: Shape }

export interface ApiDescription {
  summary: string
  description?: string
  tags: string[]
  /** Validator of the query string (GET lists) — its VineJS schema becomes the parameters. */
  query?: VineValidator<any, any>
  /** Validator of the JSON body — its VineJS schema becomes the request body. */
  body?: VineValidator<any, any>
  /** Shape of `data` (one object) or of each item of a paged list (`paged: true`). */
  response?: Shape
  /** The answer is `{ data: [...], meta: { page, per_page, total?, has_more } }`. */
  paged?: boolean
  /** Another content type than JSON (a PDF). */
  produces?: string
  /** Requires a bearer token (student endpoints). */
  auth?: boolean
  /** Documented refusals besides the common ones: status → Chinese explanation. */
  refusals?: Record<number, string>
}

/** Descriptions by route; the OpenAPI generator reads each route's final pattern after boot. */
const descriptions = new Map<Route, ApiDescription>()

/**
 * Declares an /api route's documentation next to the route itself:
 * `describe(router.get('/fairs', …), { summary: '招聘会列表', tags: ['活动'], … })`.
 * Every /api route needs one (tests/functional/api/openapi.spec.ts fails otherwise).
 */
export function describe<R extends Route>(route: R, description: ApiDescription): R {
  descriptions.set(route, description)
  return route
}

export function describedRoutes() {
  return descriptions
}
