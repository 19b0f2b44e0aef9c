import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { world as core } from '#tests/helpers/world'
import { world, invite, acceptForm } from '#modules/procedures/tests/helpers'
import signingService from '#modules/procedures/services/signing_service'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import { Refusal } from '#core/http/refusal'

test.group('网上签约: many acceptances at the same moment (rule 12)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('twelve invitations accepted at once by the same student: exactly one succeeds, the others are refused with the reason', async ({
    assert,
  }) => {
    const w = await world()
    const invitations: SigningInvitation[] = []
    for (let i = 0; i < 12; i++) {
      const { user } = await core.employer({ name: `并发测试单位${i}` })
      invitations.push(await invite(user, w.njsf.id, { job_title: `职位${i}` }))
    }
    const started = performance.now()
    const results = await Promise.allSettled(
      invitations.map((inv) => signingService.accept(w.studentZhang, inv.id, acceptForm))
    )
    const elapsed = performance.now() - started
    const won = results.filter((r) => r.status === 'fulfilled')
    const refused = results.filter((r) => r.status === 'rejected' && r.reason instanceof Refusal)
    assert.lengthOf(won, 1)
    assert.lengthOf(refused, 11, 'every other acceptance is refused with a reason, none crashes')
    assert.lengthOf(await SigningInvitation.query().where('status', 'accepted'), 1)
    assert.lengthOf(
      await EmploymentPlan.query()
        .where('graduate_id', w.zhangsan.id)
        .whereNot('status', 'cancelled'),
      1
    )
    console.log(
      `[measure] 12 simultaneous acceptances settled in ${elapsed.toFixed(0)} ms (${process.env.DB_CONNECTION})`
    )
  })
})
