import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import { allRoutes, idMatcher, isIdParam } from '#core/http/route_params'

/**
 * Routes name their ids without a matcher of their own: boundIdParams gives every id-like param
 * of every core and module route the bounded id matcher (1..2147483647) once all are registered.
 */
const ROUTE_COUNT = [...allRoutes(router.routes as unknown[])].length
const UNBOUNDED = [...allRoutes(router.routes as unknown[])].flatMap((route) => {
  const json = route.toJSON()
  // The admin framework's own tests mount test-only fw-* resources after boot (not the app's routes).
  if (json.pattern.includes('/fw-')) return []
  const params = [...json.pattern.matchAll(/:([A-Za-z_][\w]*)/g)].map((m) => m[1])
  return params
    .filter(isIdParam)
    .filter(
      (p) =>
        (json.matchers[p] as { match?: RegExp } | undefined)?.match?.source !==
        idMatcher().match.source
    )
    .map((p) => `${json.pattern} :${p}`)
})

test.group('Route ids: every id param is bounded by the core', () => {
  test('every id-like param of every route has the bounded id matcher', ({ assert }) => {
    // Read before the router is committed (commit empties `routes`), like the bad-input probes.
    assert.isAbove(ROUTE_COUNT, 100)
    assert.deepEqual(UNBOUNDED, [])
  })

  test('the matcher takes 1..2147483647 and nothing else', ({ assert }) => {
    const { match } = idMatcher()
    for (const ok of ['1', '42', '2147483647']) assert.isTrue(match.test(ok), ok)
    for (const bad of ['0', '-1', '2147483648', '99999999999', 'abc', '01', 'new'])
      assert.isFalse(match.test(bad), bad)
  })
})
