import { test } from '@japa/runner'

test.group('Public assets', () => {
  test('/favicon.ico is served (browsers ask for it on every site)', async ({ client, assert }) => {
    for (const host of ['localhost', 'njsf.localhost']) {
      const response = await client.get('/favicon.ico').header('host', host)
      response.assertStatus(200)
      assert.match(String(response.header('content-type')), /image\/(x-icon|vnd\.microsoft\.icon)/)
    }
  })
})
