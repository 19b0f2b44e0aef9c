import { test } from '@japa/runner'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import { AuthorizationResponse, errors as bouncerErrors } from '@adonisjs/bouncer'
import HttpExceptionHandler from '#core/exceptions/handler'

async function apiContext(url = '/api/v1/fairs') {
  const req = new IncomingMessage(new Socket())
  req.url = url
  req.method = 'GET'
  req.headers = { host: 'localhost' }
  return testUtils.createHttpContext({ req })
}

test.group('API errors are JSON in Chinese, never an HTML page or a stack trace', () => {
  test('an unexpected fault answers 500 { error: { code: server_error } } without its message', async ({
    assert,
  }) => {
    const ctx = await apiContext()
    await new HttpExceptionHandler().handle(new Error('secret internals'), ctx)
    assert.equal(ctx.response.getStatus(), 500)
    assert.deepEqual(ctx.response.getBody(), {
      error: { code: 'server_error', message: '服务器内部错误，请稍后再试' },
    })
  })

  test('a bouncer refusal answers 403 JSON', async ({ assert }) => {
    const ctx = await apiContext()
    await new HttpExceptionHandler().handle(
      new bouncerErrors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny('no')),
      ctx
    )
    assert.equal(ctx.response.getStatus(), 403)
    assert.equal((ctx.response.getBody() as any).error.code, 'forbidden')
  })

  test('pages outside /api keep their HTML error pages', async ({ assert }) => {
    const ctx = await apiContext('/fairs')
    await new HttpExceptionHandler().handle(new Error('boom'), ctx)
    assert.equal(ctx.response.getStatus(), 500)
    assert.notProperty(Object(ctx.response.getBody()), 'error')
  })
})
