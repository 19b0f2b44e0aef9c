import type { Router } from '@adonisjs/core/http'
import { Route, RouteGroup, RouteResource, BriskRoute } from '@adonisjs/core/http'

/**
 * Every id column is a 32-bit integer (MAX_ID in #core/validation/rules): a route id outside
 * 1..2147483647 cannot name a record, and passing it to PostgreSQL answers 500
 * ("out of range for type integer"). Such URLs match no route and answer 404.
 */
const ID_PATTERN =
  /^(?:[1-9]\d{0,8}|1\d{9}|20\d{8}|21[0-3]\d{7}|214[0-6]\d{6}|2147[0-3]\d{5}|21474[0-7]\d{4}|214748[0-2]\d{3}|2147483[0-5]\d{2}|21474836[0-3]\d|214748364[0-7])$/

/** Route param matcher for ids: 1..2147483647, cast to a number. */
export function idMatcher() {
  return { match: ID_PATTERN, cast: (value: string) => Number(value) }
}

/** `id`, `fileId`, `section_id` …: the params that name a record. */
export function isIdParam(name: string) {
  return name === 'id' || /Id$/.test(name) || /_id$/.test(name)
}

export function* allRoutes(items: unknown[]): Generator<Route> {
  for (const item of items) {
    if (item instanceof Route) yield item
    else if (item instanceof RouteGroup || item instanceof RouteResource)
      yield* allRoutes(item.routes as unknown[])
    else if (item instanceof BriskRoute && item.route) yield item.route
  }
}

/**
 * Applied once after every core and module route is registered: each id-like param of
 * every route gets the bounded matcher. `Route.where()` keeps a matcher declared earlier,
 * so a declared one (modules use `router.matchers.number()`, which accepts 2^31 and more)
 * is tightened in place; the object is the route's own (number() returns a fresh one).
 */
export function boundIdParams(router: Router) {
  for (const name of ['id', 'fileId', 'sectionId']) router.where(name, idMatcher())
  for (const route of allRoutes(router.routes as unknown[])) {
    const json = route.toJSON()
    const params = [...json.pattern.matchAll(/:([A-Za-z_][\w]*)/g)].map((m) => m[1])
    for (const param of params.filter(isIdParam)) {
      const declared = json.matchers[param] as { match?: RegExp; cast?: unknown } | undefined
      if (!declared) route.where(param, idMatcher())
      else if (declared.match !== ID_PATTERN) Object.assign(declared, idMatcher())
    }
  }
}
