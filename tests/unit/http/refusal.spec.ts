import { test } from '@japa/runner'
import { IncomingMessage } from 'node:http'
import { Socket } from 'node:net'
import testUtils from '@adonisjs/core/services/test_utils'
import { FieldErrors, Refusal, respondToRefusal } from '#core/http/refusal'
import { registrationRefusal } from '#modules/events/services/registration_service'
import { refused } from '#modules/procedures/services/errors'
import { refused as applyRefused } from '#modules/job_seeking/services/applications'

async function contextFor(url: string, headers: Record<string, string> = {}) {
  const req = new IncomingMessage(new Socket())
  req.url = url
  req.method = 'POST'
  req.headers = { host: 'localhost', ...headers }
  return testUtils.createHttpContext({ req })
}

test.group('Refusal: one way to refuse, answered as the request needs', () => {
  test('an API client gets { error: { code, message, fields } } with the status', async ({
    assert,
  }) => {
    const ctx = await contextFor('/api/v1/jobs/1/apply')
    await respondToRefusal(ctx, new FieldErrors({ resume_id: '请选择简历' }))
    assert.equal(ctx.response.getStatus(), 422)
    assert.deepEqual(ctx.response.getBody(), {
      error: { code: 'invalid_input', message: '请选择简历', fields: { resume_id: '请选择简历' } },
    })
  })

  test('an htmx request gets a toast (ASCII-escaped header), no swap, and the status', async ({
    assert,
  }) => {
    const ctx = await contextFor('/student/events/1/register', { 'hx-request': 'true' })
    await respondToRefusal(ctx, new Refusal('名额已满', { code: 'seats_full', status: 409 }))
    assert.equal(ctx.response.getStatus(), 409)
    assert.equal(ctx.response.getHeader('HX-Reswap'), 'none')
    const trigger = String(ctx.response.getHeader('HX-Trigger'))
    assert.isTrue(
      [...trigger].every((c) => c.charCodeAt(0) < 128),
      'ASCII only'
    )
    assert.deepEqual(JSON.parse(trigger), { toast: { message: '名额已满', type: 'error' } })
  })

  test('a page that may not be seen answers the 404 page', async ({ assert }) => {
    const ctx = await contextFor('/student/registrations/9')
    await respondToRefusal(ctx, Refusal.notFound())
    assert.equal(ctx.response.getStatus(), 404)
    assert.include(String(ctx.response.getBody()), '页面不存在')
  })

  test("the modules' refusals are Refusals with their code, status and field", async ({
    assert,
  }) => {
    const seats = registrationRefusal('名额已满', 'seats_full', 409)
    const signing = refused('该邀请已过期', { field: 'deadline' })
    const apply = applyRefused('请选择简历', 'resume_id')
    for (const refusal of [seats, signing, apply]) assert.instanceOf(refusal, Refusal)
    assert.equal(seats.code, 'seats_full')
    assert.equal(seats.status, 409)
    assert.deepEqual(signing.fieldErrors(), { deadline: '该邀请已过期' })
    assert.equal(signing.status, 409)
    assert.deepEqual(apply.fieldErrors(), { resume_id: '请选择简历' })
  })
})
