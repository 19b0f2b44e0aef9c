import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import type { ApiClient } from '@japa/api-client'
import { worldFor } from '#modules/procedures/tests/helpers'
import RecommendationForm from '#modules/procedures/models/recommendation_form'

const FORM = {
  health: '健康',
  education: '2022.09-2026.06 南京示范大学 软件工程 本科',
  positions: '班级学习委员',
  awards: '校一等奖学金',
  selfAssessment: '踏实肯干，热爱编程',
}

/** The world, with 张三 and his school's staff on the 就业推荐表 pages. */
async function recommendation(client: ApiClient) {
  const { w, zhang, staff, szsfStaff } = await worldFor(client)
  return {
    w,
    staff,
    szsfStaff,
    /** 张三's page. */
    page: () => zhang.visit('/student/procedures/recommendation'),
    /** 张三 saves (or, with `intent: 'submit'`, submits) the form. */
    save: (form: Record<string, unknown>) =>
      zhang.postForm('/student/procedures/recommendation', form),
    /** The school reviews it. */
    review: (form: RecommendationForm, decision: Record<string, unknown>) =>
      staff.postForm(`/school/procedures/reviews/recommendations/${form.id}`, decision),
  }
}

/** 张三 submitted the full form: it waits for the school's review. */
async function submitted(client: ApiClient) {
  const steps = await recommendation(client)
  await steps.save({ ...FORM, intent: 'submit' })
  return {
    ...steps,
    form: await RecommendationForm.findByOrFail('graduate_id', steps.w.zhangsan.id),
  }
}

test.group('就业推荐表申请 (rule 11)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('submit requires health, education and self-assessment', async ({ client }) => {
    const { save } = await recommendation(client)
    const response = await save({ intent: 'submit' })
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
    const { form, page, save, review } = await submitted(client)
    assert.equal(form.status, 'pending')
    const pending = await page()
    assert.notInclude(pending.text(), 'id="school-review-area"')

    const noOpinion = await review(form, { decision: 'approve' })
    noOpinion.assertFlashMessage('errorsBag', { opinion: '请填写学校推荐意见' })
    await review(form, { decision: 'approve', school_comment: '该生品学兼优', opinion: '同意推荐' })
    await form.refresh()
    assert.equal(form.status, 'approved')

    const approved = await page()
    approved.assertTextIncludes('id="school-review-area"')
    approved.assertTextIncludes('该生品学兼优')
    approved.assertTextIncludes('同意推荐')
    assert.notInclude(approved.text(), 'id="recommendation-form"')
    const edit = await save({ ...FORM, awards: '改' })
    edit.assertFlashMessage('error', '推荐表已提交或已审核通过，不能修改')
    await form.refresh()
    assert.equal(form.awards, '校一等奖学金')
  })

  test('a returned form shows the reason and can be edited and resubmitted', async ({
    client,
    assert,
  }) => {
    const { form, page, save, review } = await submitted(client)
    await review(form, { decision: 'return', comment: '请补充获奖时间' })
    const returned = await page()
    returned.assertTextIncludes('学校退回：请补充获奖时间')
    await save({ ...FORM, awards: '2024 校一等奖学金', intent: 'submit' })
    await form.refresh()
    assert.equal(form.status, 'pending')
    assert.equal(form.awards, '2024 校一等奖学金')
  })

  test('the school prints the approved form on an A4 page; another school cannot', async ({
    client,
  }) => {
    const { form, staff, szsfStaff, review } = await submitted(client)
    await review(form, { decision: 'approve', opinion: '同意推荐' })
    const print = await staff.visit(`/school/procedures/recommendations/${form.id}/print`)
    print.assertStatus(200)
    print.assertTextIncludes('size: A4')
    print.assertTextIncludes('南京示范大学毕业生就业推荐表')
    print.assertTextIncludes('踏实肯干，热爱编程')
    const other = await szsfStaff.visit(`/school/procedures/recommendations/${form.id}/print`)
    other.assertStatus(404)
  })
})
