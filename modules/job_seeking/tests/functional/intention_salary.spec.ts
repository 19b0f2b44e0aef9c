import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import { as } from '#tests/helpers/requests'
import { hiringWorld, sendIntention } from '#modules/job_seeking/tests/helpers'

test.group('求职意向: 期望年薪 is a yearly figure', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the 期望年薪 choices are annual ranges, not the monthly job-salary ranges', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld()
    const page = await as(client, world.zhang, { site: 'njsf' }).visit('/student/intention')
    page.assertStatus(200)
    const select =
      page.text().match(/<select[^>]*name="expected_salary"[\s\S]*?<\/select>/)?.[0] ?? ''
    assert.include(select, '10万-15万/年')
    assert.notInclude(select, '/月')
  })

  test('a chosen 期望年薪 is stored with its monthly equivalent for matching jobs', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld()
    await sendIntention(client, world.zhang, {
      type: 'employment',
      expected_salary: '10万-15万/年',
    })
    const row = await db.from('job_intentions').where('user_id', world.zhang.id).first()
    assert.equal(row.expected_salary, '10万-15万/年')
    assert.equal(Number(row.expected_salary_min), 8333)

    const monthly = await sendIntention(client, world.zhang, {
      type: 'employment',
      expected_salary: '8千-1.2万/月',
    })
    monthly.assertFlashMessage('errorsBag', { expected_salary: '请从列表中选择' })
  })
})
