import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import { seedJobSeekingDemo } from '#modules/job_seeking/database/demo'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import moduleSwitches from '#core/modules/module_switches'
import db from '@adonisjs/lucid/services/db'

test.group('单位中心首页：待办事项', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('shows the to-dos of the modules enabled in the province and none of a switched-off module', async ({
    client,
    assert,
  }) => {
    const w = await seedCore()
    await dictionaries.ensureSeeded()
    await seedJobSeekingDemo(w)
    const job = await db.from('jobs').where('employer_id', w.company.id).first()
    await db.table('job_applications').insert({
      job_id: job.id,
      employer_id: w.company.id,
      user_id: w.studentZhang.id,
      school_id: w.njsf.id,
      status: 'submitted',
      created_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
      updated_at: new Date().toISOString().slice(0, 19).replace('T', ' '),
    })
    const page = await client.get('/employer').loginAs(w.employerUser)
    page.assertStatus(200)
    assert.match(page.text(), /id="todos"[\s\S]*新投递、尚未查看的简历/)
    await moduleSwitches.setEnabled(w.main, 'job_seeking', false)
    const off = (await client.get('/employer').loginAs(w.employerUser)).text()
    assert.notInclude(off, '新投递、尚未查看的简历')
  })
})
