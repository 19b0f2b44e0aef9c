import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world, NJSF } from '#modules/procedures/tests/helpers'
import RecommendationForm from '#modules/procedures/models/recommendation_form'

const FORM = {
  health: '健康',
  education: '2022.09-2026.06 南京示范大学 软件工程 本科',
  positions: '班级学习委员',
  awards: '校一等奖学金',
  selfAssessment: '踏实肯干，热爱编程',
}

test.group('就业推荐表申请 (rule 11)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('submit requires health, education and self-assessment', async ({ client }) => {
    const w = await world()
    const response = await client
      .post('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ intent: 'submit' })
      .redirects(0)
    response.assertFlashMessage('errorsBag', {
      health: '请填写健康状况',
      education: '请填写教育背景',
      selfAssessment: '请填写自我评价',
    })
  })

  test('the school review area shows only after the review; approval shows comments and makes everything read-only', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await client
      .post('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ ...FORM, intent: 'submit' })
    const form = await RecommendationForm.findByOrFail('graduate_id', w.zhangsan.id)
    assert.equal(form.status, 'pending')
    const pending = await client
      .get('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    assert.notInclude(pending.text(), 'id="school-review-area"')

    const noOpinion = await client
      .post(`/school/procedures/reviews/recommendations/${form.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'approve' })
      .redirects(0)
    noOpinion.assertFlashMessage('errorsBag', { opinion: '请填写学校推荐意见' })
    await client
      .post(`/school/procedures/reviews/recommendations/${form.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'approve', school_comment: '该生品学兼优', opinion: '同意推荐' })
    await form.refresh()
    assert.equal(form.status, 'approved')

    const approved = await client
      .get('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    approved.assertTextIncludes('id="school-review-area"')
    approved.assertTextIncludes('该生品学兼优')
    approved.assertTextIncludes('同意推荐')
    assert.notInclude(approved.text(), 'id="recommendation-form"')
    const edit = await client
      .post('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ ...FORM, awards: '改' })
      .redirects(0)
    edit.assertFlashMessage('error', '推荐表已提交或已审核通过，不能修改')
    await form.refresh()
    assert.equal(form.awards, '校一等奖学金')
  })

  test('a returned form shows the reason and can be edited and resubmitted', async ({
    client,
    assert,
  }) => {
    const w = await world()
    await client
      .post('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ ...FORM, intent: 'submit' })
    const form = await RecommendationForm.findByOrFail('graduate_id', w.zhangsan.id)
    await client
      .post(`/school/procedures/reviews/recommendations/${form.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'return', comment: '请补充获奖时间' })
    const page = await client
      .get('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
    page.assertTextIncludes('学校退回：请补充获奖时间')
    await client
      .post('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ ...FORM, awards: '2024 校一等奖学金', intent: 'submit' })
    await form.refresh()
    assert.equal(form.status, 'pending')
    assert.equal(form.awards, '2024 校一等奖学金')
  })

  test('the school prints the approved form on an A4 page; another school cannot', async ({
    client,
  }) => {
    const w = await world()
    await client
      .post('/student/procedures/recommendation')
      .header('host', NJSF)
      .loginAs(w.studentZhang)
      .withCsrfToken()
      .form({ ...FORM, intent: 'submit' })
    const form = await RecommendationForm.findByOrFail('graduate_id', w.zhangsan.id)
    await client
      .post(`/school/procedures/reviews/recommendations/${form.id}`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
      .withCsrfToken()
      .form({ decision: 'approve', opinion: '同意推荐' })
    const print = await client
      .get(`/school/procedures/recommendations/${form.id}/print`)
      .header('host', NJSF)
      .loginAs(w.njsfStaff)
    print.assertStatus(200)
    print.assertTextIncludes('size: A4')
    print.assertTextIncludes('南京示范大学毕业生就业推荐表')
    print.assertTextIncludes('踏实肯干，热爱编程')
    const other = await client
      .get(`/school/procedures/recommendations/${form.id}/print`)
      .header('host', 'szsf.localhost')
      .loginAs(w.szsfStaff)
    other.assertStatus(404)
  })
})
