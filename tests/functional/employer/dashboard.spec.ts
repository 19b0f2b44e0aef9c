import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { route } from '#tests/helpers/urls'
import { as } from '#tests/helpers/requests'
import { nowDb } from '#core/database/time'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import moduleSwitches from '#core/modules/module_switches'

test.group('单位中心首页：待办事项', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('shows the to-dos of the modules enabled in the province and none of a switched-off module', async ({
    client,
    assert,
  }) => {
    const main = await world.mainSite()
    const { school: njsf } = await world.school()
    const { user: student } = await world.student(njsf)
    const { employer, user: hr } = await world.employer()
    // A résumé sent to the employer's job and not looked at yet.
    const job = await JobFactory.merge({ employerId: employer.id }).create()
    await db.table('job_applications').insert({
      job_id: job.id,
      employer_id: employer.id,
      user_id: student.id,
      school_id: njsf.id,
      status: 'submitted',
      created_at: nowDb(),
      updated_at: nowDb(),
    })
    const page = await as(client, hr).visit(route('employer.home'))
    page.assertStatus(200)
    assert.match(page.text(), /id="todos"[\s\S]*新投递、尚未查看的简历/)
    await moduleSwitches.setEnabled(main, 'job_seeking', false)
    const off = (await as(client, hr).visit(route('employer.home'))).text()
    assert.notInclude(off, '新投递、尚未查看的简历')
  })
})
