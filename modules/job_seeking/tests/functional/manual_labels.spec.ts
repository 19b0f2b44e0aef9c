import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { as } from '#tests/helpers/requests'
import { hiringWorld } from '#modules/job_seeking/tests/helpers'

test.group('手册按钮文字: the student pages name their buttons as the manual does', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('求职意向管理 is sent with 【提交】 (manual: “设置好后，点击【提交】按钮”)', async ({
    client,
  }) => {
    const world = await hiringWorld()
    const page = await as(client, world.zhang, { site: 'njsf' }).visit('/student/intention')
    page.assertStatus(200)
    page.assertTextIncludes('type="submit">【提交】</button>')
  })
})
