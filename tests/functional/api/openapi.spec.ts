import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { api } from '#tests/helpers/requests'
import { apiRoutes, openApiDocument } from '#core/api/openapi'

test.group('OpenAPI 3.1 document (generated from the routes and validators)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('every /api route carries a describe(): none is left undocumented', ({ assert }) => {
    const routes = apiRoutes()
    assert.isAbove(routes.length, 30)
    const missing = routes.filter((r) => !r.description).map((r) => `${r.method} ${r.pattern}`)
    assert.deepEqual(missing, [], `routes without describe(): ${missing.join(', ')}`)
  })

  test('the document has the required OpenAPI 3.1 fields and declares every path parameter', ({
    assert,
  }) => {
    const doc = openApiDocument() as any
    assert.equal(doc.openapi, '3.1.0')
    assert.isString(doc.info.title)
    assert.isString(doc.info.version)
    assert.isObject(doc.paths)
    const operationIds = new Set<string>()
    const documentedTags = new Set(doc.tags.map((t: any) => t.name))
    for (const [path, item] of Object.entries<any>(doc.paths)) {
      assert.isTrue(path.startsWith('/'), path)
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]).sort()
      for (const [method, op] of Object.entries<any>(item)) {
        assert.include(['get', 'post', 'put', 'patch', 'delete'], method)
        assert.isString(op.summary, `${method} ${path} summary`)
        assert.isNotEmpty(op.tags)
        for (const tag of op.tags) assert.isTrue(documentedTags.has(tag), tag)
        assert.isFalse(operationIds.has(op.operationId), `duplicate operationId ${op.operationId}`)
        operationIds.add(op.operationId)
        const declared = (op.parameters ?? [])
          .filter((p: any) => p.in === 'path')
          .map((p: any) => {
            assert.isTrue(p.required, `${path} ${p.name} must be required`)
            return p.name
          })
          .sort()
        assert.deepEqual(declared, templated, `${method} ${path} path params`)
        for (const p of op.parameters ?? []) {
          assert.include(['path', 'query', 'header', 'cookie'], p.in)
          assert.isObject(p.schema)
        }
        assert.isObject(op.responses)
        assert.property(op.responses, '200')
        for (const [status, response] of Object.entries<any>(op.responses)) {
          assert.match(status, /^[1-5]\d\d$/)
          assert.isString(response.description)
          const ref = response.$ref
          if (ref) assert.property(doc.components.responses, ref.split('/').pop())
        }
        if (op.security) assert.property(doc.components.securitySchemes, 'bearerAuth')
      }
    }
  })

  test('validators become schemas: page range, enum filters, required body fields', ({
    assert,
  }) => {
    const doc = openApiDocument() as any
    const fairs = doc.paths['/fairs'].get
    const page = fairs.parameters.find((p: any) => p.name === 'page')
    assert.deepInclude(page.schema, { type: 'integer', minimum: 1, maximum: 1000 })
    const tab = fairs.parameters.find((p: any) => p.name === 'tab')
    assert.deepEqual(tab.schema.enum, ['upcoming', 'past'])
    const token = doc.paths['/auth/token'].post.requestBody.content['application/json'].schema
    assert.sameMembers(token.required, ['student_number', 'password'])
    assert.equal(token.properties.student_number.maxLength, 32)
    assert.equal(
      doc.paths['/me/resumes/{id}/pdf'].get.responses['200'].content['application/pdf'] ? 1 : 0,
      1
    )
  })

  test('served at /api/v1/openapi.json, with a reference page at /api/v1/docs', async ({
    client,
    assert,
  }) => {
    await world.school({ code: 'njsf' })
    const json = await api(client, { site: 'njsf' }).get('/api/v1/openapi.json')
    json.assertStatus(200)
    assert.equal(json.body().openapi, '3.1.0')
    assert.property(json.body().paths, '/jobs')
    const page = await api(client, { site: 'njsf' }).get('/api/v1/docs')
    page.assertStatus(200)
    assert.include(page.header('content-type'), 'text/html')
    page.assertTextIncludes('招聘会列表')
    page.assertTextIncludes('/api/v1/me/registrations/{id}/ticket')
    // No CDN: the page loads nothing from another host.
    assert.notMatch(page.text(), /<(script|link)[^>]+(src|href)="https?:/)
  })
})
