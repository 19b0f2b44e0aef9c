import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { nowDb } from '#core/database/time'
import signingService from '#modules/procedures/services/signing_service'
import Termination from '#modules/procedures/models/termination'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import {
  worldFor,
  invite,
  acceptForm,
  type ProceduresWorld,
} from '#modules/procedures/tests/helpers'

type World = ProceduresWorld

/** 张三 signed online with the demo employer; the student asks to terminate: 待单位应答. */
async function terminationAwaitingEmployer(w: World) {
  const invitation = await invite(w.employerUser, w.njsf.id)
  await signingService.accept(w.studentZhang, invitation.id, acceptForm)
  const plan = await EmploymentPlan.query().where('graduate_id', w.zhangsan.id).firstOrFail()
  return Termination.create({
    planId: plan.id,
    graduateId: w.zhangsan.id,
    schoolId: w.njsf.id,
    college: w.zhangsan.college,
    employerId: plan.employerId,
    signingType: plan.signingType,
    initiatedBy: 'student',
    initiatorId: w.studentZhang.id,
    reason: '个人原因',
    description: '个人原因申请解约',
    materialFileIds: [],
    status: 'pending_employer',
    forced: false,
    openKey: plan.id,
  } as any)
}

/** The `count` of the to-do whose label includes `label`, and its link, from a home page. */
function todoOf(html: string, label: string) {
  for (const m of html.matchAll(
    /<li><a href="([^"]+)">([^<]+)<\/a><span class="tag tag-orange">(\d+)<\/span><\/li>/g
  )) {
    if (m[2].includes(label)) return { href: m[1].replace(/&amp;/g, '&'), count: Number(m[3]) }
  }
  return null
}

function reviewRows(html: string) {
  return [...html.matchAll(/<tr data-row="(\d+)"/g)].map((m) => Number(m[1]))
}

test.group('就业手续待办：徽标、工作台计数与打开的列表一致', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('解约办理: the badge counts a 待单位应答 request and the default filter lists it', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const termination = await terminationAwaitingEmployer(w)
    const page = await staff.visit('/school/procedures/reviews?type=terminations')
    page.assertStatus(200)
    const html = page.text()
    // The queue strip (nav of the declared queue resources): 解约办理 with its awaiting count.
    const badge = html.match(
      /reviews\/terminations"[^>]*>解约办理\s*<span class="badge-count">(\d+)</
    )
    assert.equal(Number(badge?.[1]), 1)
    assert.deepEqual(reviewRows(html), [termination.id])
    // 批量通过 is not offered for requests the school cannot approve (it may only force them).
    assert.notInclude(html, '批量通过')
  })

  test('学校工作台: each 就业手续 to-do opens its queue listing exactly the counted records', async ({
    client,
    assert,
  }) => {
    const { w, staff } = await worldFor(client)
    const termination = await terminationAwaitingEmployer(w)
    // 李四 submitted source info; a school-review termination of 李四 (offline) is noise-free.
    await db.from('source_records').where('graduate_id', w.lisi.id).update({ status: 'pending' })
    const home = await staff.visit('/school')
    const html = home.text()
    const expected = [
      { label: '待审核的生源信息', ids: [(await sourceIdOf(w.lisi.id))!] },
      { label: '待处理的解约申请', ids: [termination.id] },
    ]
    for (const { label, ids } of expected) {
      const todo = todoOf(html, label)
      assert.isNotNull(todo, `to-do ${label} missing`)
      assert.equal(todo!.count, ids.length)
      const list = await staff.visit(todo!.href)
      assert.sameMembers(reviewRows(list.text()), ids, `${label}: ${todo!.href}`)
    }
    // Queues with nothing pending show no to-do.
    assert.isNull(todoOf(html, '待审核的就业推荐表'))
  })

  test('单位中心: 签约邀请待应答 and 解约待应答 open the lists filtered to exactly those', async ({
    client,
    assert,
  }) => {
    const { w, hr } = await worldFor(client)
    const termination = await terminationAwaitingEmployer(w)
    // A second invitation (to 王五 of 苏州示范, made signable) awaits an answer; the accepted one does not.
    await db.from('graduates').where('id', w.wangwu.id).update({ signable: true })
    const pending = await invite(w.employerUser, w.szsf.id, {
      student_number: '2026100001',
      name: '王五',
    })
    // An earlier, finished request must not be counted.
    await db.table('terminations').insert({
      plan_id: termination.planId,
      graduate_id: w.zhangsan.id,
      school_id: w.njsf.id,
      employer_id: termination.employerId,
      signing_type: 'online',
      initiated_by: 'student',
      initiator_id: w.studentZhang.id,
      reason: '个人原因',
      description: '已处理的申请',
      material_file_ids: '[]',
      status: 'refused',
      forced: false,
      created_at: nowDb(),
      updated_at: nowDb(),
    })
    const home = await hr.visit('/employer')
    home.assertStatus(200)
    const html = home.text()

    const signing = todoOf(html, '等待学生应答的签约邀请')
    assert.equal(signing?.count, 1)
    const signingList = (await hr.visit(signing!.href)).text()
    const invitationLinks = [
      ...new Set(
        [...signingList.matchAll(/href="\/employer\/procedures\/signing\/(\d+)"/g)].map((m) =>
          Number(m[1])
        )
      ),
    ]
    assert.deepEqual(invitationLinks, [pending.id])

    const answers = todoOf(html, '等待本单位应答的解约申请')
    assert.equal(answers?.count, 1)
    const answerList = (await hr.visit(answers!.href)).text()
    const table = answerList.match(
      /<table class="table" id="employer-terminations">[\s\S]*?<\/table>/
    )
    const listed = [
      ...new Set(
        [...(table?.[0] ?? '').matchAll(/\/employer\/procedures\/terminations\/(\d+)"/g)].map((m) =>
          Number(m[1])
        )
      ),
    ]
    assert.deepEqual(listed, [termination.id])
  })
})

async function sourceIdOf(graduateId: number) {
  const row = await db.from('source_records').where('graduate_id', graduateId).first()
  return row ? Number(row.id) : null
}
