import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'
import { mount } from '#core/admin/routes'
import { defineResource } from '#core/admin/resource'
import School from '#core/tenancy/models/school'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import auditLabels from '#core/audit/labels'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'

/*
| Framework features proven on test-only resources over core tables: `children` (a school's
| graduates on the school's record page), custom record `pages` (scope and ability of the detail
| page) and the `employer` area (the logged-in verified employer's rows only, its bulk action).
| The routes are mounted when this file is imported, before the HTTP server commits the router
| (suite setup), so they exist only in a run that includes this file.
*/

const fwGraduates = defineResource({
  area: 'province',
  id: 'fw-graduates',
  label: '测试学生',
  subject: 'graduate',
  model: Graduate,
  scope: 'none',
  menu: false,
  columns: [{ key: 'name', label: '姓名' }],
  rowActions: [
    {
      id: 'greet',
      label: '问候',
      handle: async ({ record }) => ({ message: `问候：${record.name}` }),
    },
  ],
})

const fwSchools = defineResource({
  area: 'province',
  id: 'fw-schools',
  label: '测试学校',
  subject: 'school',
  model: School,
  scope: 'none',
  menu: false,
  columns: [{ key: 'name', label: '名称', link: true }],
  children: [
    { id: 'students', label: '本校学生', resource: () => fwGraduates, foreignKey: 'school_id' },
  ],
})

const fwCards = defineResource({
  area: 'school',
  id: 'fw-cards',
  label: '测试名片',
  subject: 'graduate',
  model: Graduate,
  scope: { school: 'school_id', college: 'college' },
  menu: false,
  columns: [{ key: 'name', label: '姓名', link: true }],
  pages: [
    {
      id: 'card',
      label: '名片',
      render: ({ ctx, record, state }) =>
        ctx.view.render('admin/show', { ...state, title: `名片：${record.name}` }),
    },
    {
      id: 'secret',
      label: '学校页',
      ability: (_ctx, record) => ['manageSchool', record.schoolId],
      render: ({ ctx, state }) => ctx.view.render('admin/show', state),
    },
  ],
})

const fwAccounts = defineResource({
  area: 'employer',
  id: 'fw-accounts',
  label: '测试账号',
  subject: 'user',
  model: User,
  scope: { employer: 'employer_id' },
  menu: false,
  columns: [{ key: 'username', label: '账号', link: true }],
  bulkActions: [
    {
      id: 'rename',
      label: '批量改名',
      handle: async ({ records }) => {
        for (const record of records) await record.merge({ name: '已改名' }).save()
        return { message: `已改名 ${records.length} 个账号` }
      },
    },
  ],
})

// The test-only resources are not in the registry: the names their actions write are labelled here.
auditLabels.add({ subjects: { user: '测试账号' }, actions: { 'user.rename': '批量改名' } })

{
  router
    .group(() => [fwSchools, fwGraduates].forEach(mount))
    .prefix('/province')
    .use(middleware.auth({ kinds: ['admin'] }))
  router
    .group(() => mount(fwCards))
    .prefix('/school')
    .use(middleware.auth({ kinds: ['staff'] }))
  router
    .group(() => mount(fwAccounts))
    .prefix('/employer')
    .use([middleware.auth({ kinds: ['employer'] }), middleware.verifiedEmployer()])
}

test.group('Admin framework: children, record pages, employer area', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('children: the record page lists only this parent’s child rows', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const { school: a } = await world.school()
    const { school: b } = await world.school()
    await world.graduate(a, { name: '甲校学生' })
    await world.graduate(b, { name: '乙校学生' })
    const page = await client.get(`/province/fw-schools/${a.id}`).loginAs(admin)
    page.assertStatus(200)
    page.assertTextIncludes('本校学生')
    page.assertTextIncludes('甲校学生')
    assert.notInclude(page.text(), '乙校学生')
  })

  test('children: a child row action comes back to the parent page', async ({ client }) => {
    const admin = await world.provinceAdmin()
    const { school } = await world.school()
    const graduate = await world.graduate(school, { name: '甲校学生' })
    const page = await client.get(`/province/fw-schools/${school.id}`).loginAs(admin)
    page.assertTextIncludes(`/province/fw-graduates/${graduate.id}/actions/greet`)
    page.assertTextIncludes(`name="back" value="/province/fw-schools/${school.id}"`)
    const response = await client
      .post(`/province/fw-graduates/${graduate.id}/actions/greet`)
      .form({ back: `/province/fw-schools/${school.id}` })
      .loginAs(admin)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', `/province/fw-schools/${school.id}`)
    response.assertFlashMessage('success', '问候：甲校学生')
  })

  test('pages: a record page has the detail’s scope and ability', async ({ client }) => {
    const { school: a } = await world.school()
    const { school: b } = await world.school()
    const staff = await world.staff(a)
    const own = await world.graduate(a, { name: '本校学生', college: '文学院' })
    const other = await world.graduate(b, { name: '外校学生' })
    const page = await client.get(`/school/fw-cards/${own.id}/card`).loginAs(staff)
    page.assertStatus(200)
    page.assertTextIncludes('名片：本校学生')
    const foreign = await client.get(`/school/fw-cards/${other.id}/card`).loginAs(staff)
    foreign.assertStatus(404)
    const missing = await client.get(`/school/fw-cards/999999/card`).loginAs(staff)
    missing.assertStatus(404)
    // A teacher of another college does not reach the record at all.
    const teacher = await world.staff(a, { college: '理学院' })
    const outOfCollege = await client.get(`/school/fw-cards/${own.id}/card`).loginAs(teacher)
    outOfCollege.assertStatus(404)
    // The page's own ability (manageSchool) refuses a teacher of the record's own college.
    const sameCollege = await world.staff(a, { college: '文学院' })
    const reached = await client.get(`/school/fw-cards/${own.id}/card`).loginAs(sameCollege)
    reached.assertStatus(200)
    const secret = await client
      .get(`/school/fw-cards/${own.id}/secret`)
      .loginAs(sameCollege)
      .redirects(0)
    secret.assertStatus(403)
  })

  test('employer area: an employer sees only its own rows', async ({ client, assert }) => {
    const mine = await world.employer({ name: '本单位' })
    const theirs = await world.employer({ name: '他单位' })
    const list = await client.get('/employer/fw-accounts').loginAs(mine.user)
    list.assertStatus(200)
    list.assertTextIncludes(mine.user.username)
    assert.notInclude(list.text(), theirs.user.username)
    const own = await client.get(`/employer/fw-accounts/${mine.user.id}`).loginAs(mine.user)
    own.assertStatus(200)
    const other = await client.get(`/employer/fw-accounts/${theirs.user.id}`).loginAs(mine.user)
    other.assertStatus(404)
  })

  test('employer area: a bulk action changes the ticked own rows; a foreign id changes nothing', async ({
    client,
    assert,
  }) => {
    // The employer area's ability reads the employer with its own connection: checked inside the
    // action's transaction it waited for SQLite's one connection until the pool timed out.
    const mine = await world.employer({ name: '本单位' })
    const theirs = await world.employer({ name: '他单位' })
    const done = await as(client, mine.user).postForm('/employer/fw-accounts/bulk/rename', {
      ids: [mine.user.id],
    })
    done.assertStatus(302)
    await mine.user.refresh()
    assert.equal(mine.user.name, '已改名')

    const foreign = await as(client, mine.user).postForm('/employer/fw-accounts/bulk/rename', {
      ids: [theirs.user.id],
    })
    foreign.assertStatus(404)
    await theirs.user.refresh()
    assert.notEqual(theirs.user.name, '已改名')
  })

  test('employer area: an unverified employer is refused', async ({ client }) => {
    const pending = await world.employer({ verified: false })
    const response = await client.get('/employer/fw-accounts').loginAs(pending.user).redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/employer')
    const record = await client
      .get(`/employer/fw-accounts/${pending.user.id}`)
      .loginAs(pending.user)
      .redirects(0)
    record.assertStatus(302)
  })
})
