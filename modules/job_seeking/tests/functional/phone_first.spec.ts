import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import Resume from '#modules/job_seeking/models/resume'
import { as } from '#tests/helpers/requests'
import { hiringWorld, sendIntention } from '#modules/job_seeking/tests/helpers'

const host = 'njsf.localhost'

test.group('求职中心: phone-first student forms', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('申请职位页默认选中默认简历', async ({ client, assert }) => {
    const world = await hiringWorld({ resumes: 2 })
    const byDefault = world.zhangResumes.find((r) => r.isDefault)!
    const other = world.zhangResumes.find((r) => !r.isDefault)!
    const page = await as(client, world.zhang, { site: 'njsf' }).visit(
      `/student/jobs/${world.devJob.id}/apply`
    )
    assert.equal(page.status(), 200)
    const html = page.text()
    assert.match(html, new RegExp(`<option value="${byDefault.id}"\\s+selected>`))
    assert.notMatch(html, new RegExp(`<option value="${other.id}"\\s+selected>`))
  })

  test('新建简历的求职意向取自求职意向管理（期望职位、城市、年薪、工作性质）', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ resumes: 2 })
    const saved = await sendIntention(client, world.zhang, {
      type: 'employment',
      job_nature: '全职',
      cities: ['南京市', '苏州市'],
      categories: ['软件开发'],
      expected_salary: '10万-15万/年',
    })
    assert.equal(saved.status(), 302)

    await as(client, world.zhang, { site: 'njsf' }).postForm('/student/resumes', {
      title: '新简历',
    })
    const resume = await Resume.query()
      .where('user_id', world.zhang.id)
      .where('title', '新简历')
      .firstOrFail()
    assert.deepEqual(resume.intention, {
      position: '软件开发',
      cities: '南京市、苏州市',
      salary: '10万-15万/年',
      nature: '全职',
    })
    const edit = await as(client, world.zhang, { site: 'njsf' }).visit(
      `/student/resumes/${resume.id}`
    )
    assert.include(edit.text(), 'value="南京市、苏州市"')
  })

  test('工作城市 is the 省 → 市 picker, not a 340-option select; it keeps the chosen cities and posts cities', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ resumes: 2 })
    await sendIntention(client, world.zhang, {
      type: 'employment',
      cities: ['南京市', '杭州市'],
    })
    const page = await as(client, world.zhang, { site: 'njsf' }).visit('/student/intention')
    const html = page.text()
    assert.notInclude(html, '<select id="f-cities"')
    assert.include(html, 'x-data="cityPicker"')
    assert.include(html, 'data-name="cities"')
    assert.include(html, 'data-max="10"')
    assert.include(html, '&quot;南京市&quot;,&quot;杭州市&quot;')
  })

  test('工作城市 最多 10 个: an eleventh city is refused beside the field', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ resumes: 2 })
    const eleven = [
      '南京市',
      '苏州市',
      '无锡市',
      '常州市',
      '镇江市',
      '扬州市',
      '泰州市',
      '南通市',
      '盐城市',
      '淮安市',
      '宿迁市',
    ]
    const response = await client
      .post('/student/intention')
      .header('host', host)
      .header('referer', '/student/intention')
      .loginAs(world.zhang)
      .withCsrfToken()
      .form({ type: 'employment', cities: eleven })
    assert.notInclude(response.text(), '求职意向已保存')
    assert.lengthOf(await db.from('job_intention_terms').where('user_id', world.zhang.id), 0)
  })
})
