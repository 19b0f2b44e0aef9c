import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'

test.group('服务协议 and 个人信息保护政策 can be opened and read', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('/agreement and /privacy are real pages on the main site and on a school subsite', async ({
    client,
    assert,
  }) => {
    await seedCore()
    for (const host of ['localhost', 'njsf.localhost']) {
      const agreement = await client.get('/agreement').header('host', host)
      agreement.assertStatus(200)
      assert.include(agreement.text(), '《就业平台服务协议》')
      assert.include(agreement.text(), '使用规范')
      const privacy = await client.get('/privacy').header('host', host)
      privacy.assertStatus(200)
      // PIPL: what is collected, why, who sees it, how long, the rights.
      for (const heading of [
        '我们收集的个人信息',
        '处理目的与法律依据',
        '谁能看到您的信息',
        '保存期限',
        '您的权利',
      ]) {
        assert.include(privacy.text(), heading)
      }
      assert.include(privacy.text(), '敏感个人信息')
    }
  })

  test('activation step 1 links both texts beside its checkbox, and every footer links them', async ({
    client,
    assert,
  }) => {
    await seedCore()
    const activate = await client.get('/activate').header('host', 'njsf.localhost')
    activate.assertStatus(200)
    const html = activate.text()
    assert.match(html, /<a href="\/agreement"[^>]*>《就业平台服务协议》<\/a>/)
    assert.match(html, /<a href="\/privacy"[^>]*>《个人信息保护政策》<\/a>/)
    const login = await client.get('/login').header('host', 'localhost')
    const footer = login.text().split('<footer')[1] ?? ''
    assert.include(footer, 'href="/agreement"')
    assert.include(footer, 'href="/privacy"')
  })
})
