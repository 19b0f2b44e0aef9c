import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { guest } from '#tests/helpers/requests'

test.group('服务协议 and 个人信息保护政策 can be opened and read', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('/agreement and /privacy are real pages on the main site and on a school subsite', async ({
    client,
    assert,
  }) => {
    await world.school({ code: 'njsf' })
    for (const site of [null, 'njsf']) {
      const agreement = await guest(client, { site }).visit(route('portal.agreement'))
      agreement.assertStatus(200)
      assert.include(agreement.text(), '《就业平台服务协议》')
      assert.include(agreement.text(), '使用规范')
      const privacy = await guest(client, { site }).visit(route('portal.privacy'))
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
    await world.school({ code: 'njsf' })
    const activate = await guest(client, { site: 'njsf' }).visit(route('student.activate'))
    activate.assertStatus(200)
    const html = activate.text()
    assert.match(html, /<a href="\/agreement"[^>]*>《就业平台服务协议》<\/a>/)
    assert.match(html, /<a href="\/privacy"[^>]*>《个人信息保护政策》<\/a>/)
    const login = await guest(client, { host: 'localhost' }).visit(route('student.login'))
    const footer = login.text().split('<footer')[1] ?? ''
    assert.include(footer, 'href="/agreement"')
    assert.include(footer, 'href="/privacy"')
  })
})
