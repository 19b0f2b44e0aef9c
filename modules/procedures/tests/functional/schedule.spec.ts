import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import signingService, { signingDeadlineKey } from '#modules/procedures/services/signing_service'
import {
  world,
  worldFor,
  invite,
  acceptForm,
  passDeadline,
} from '#modules/procedures/tests/helpers'

async function entry(userId: number, invitationId: number) {
  return db
    .from('schedule_entries')
    .where('user_id', userId)
    .where('source_key', signingDeadlineKey(invitationId))
    .first()
}

test.group('我的日程: 签约截止 of every open signing invitation', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('sending an invitation puts its deadline with the work city in 我的日程, once', async ({
    client,
    assert,
  }) => {
    const { w, zhang } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id)
    const row = await entry(w.studentZhang.id, invitation.id)
    assert.exists(row)
    assert.include(row.title, '签约截止')
    assert.equal(row.location, '南京市')
    assert.isNull(row.cancelled_at)
    const count = await db
      .from('schedule_entries')
      .where('source_key', signingDeadlineKey(invitation.id))
      .count('* as c')
      .first()
    assert.equal(Number(count.c), 1)
    const page = await zhang.visit('/student/schedule')
    page.assertTextIncludes('签约截止')
  })

  test('accepting removes the deadline from 我的日程', async ({ client, assert }) => {
    const { w, zhang } = await worldFor(client)
    const invitation = await invite(w.employerUser, w.njsf.id)
    await zhang.postForm(`/student/procedures/signing/${invitation.id}/accept`, acceptForm)
    assert.isNotNull((await entry(w.studentZhang.id, invitation.id)).cancelled_at)
  })

  test('rejecting, withdrawing or expiring removes it too', async ({ assert }) => {
    const w = await world()
    const rejected = await invite(w.employerUser, w.njsf.id)
    await signingService.reject(w.studentZhang, rejected.id, null)
    assert.isNotNull((await entry(w.studentZhang.id, rejected.id)).cancelled_at)

    const withdrawn = await invite(w.employerUser, w.njsf.id)
    await signingService.withdraw(w.employerUser, withdrawn.id)
    assert.isNotNull((await entry(w.studentZhang.id, withdrawn.id)).cancelled_at)

    const expired = await invite(w.employerUser, w.njsf.id)
    await passDeadline(expired)
    await signingService.expireIfDue(expired.id)
    assert.isNotNull((await entry(w.studentZhang.id, expired.id)).cancelled_at)
  })
})
