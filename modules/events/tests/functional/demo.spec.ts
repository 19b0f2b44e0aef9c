import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import testUtils from '@adonisjs/core/services/test_utils'
import { seedCore } from '#database/demo/core'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import { seedEvents } from '#modules/events/database/demo'

test.group('Demo events (DEMO.md)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('an open offline fair with 示范科技有限公司, an online fair, upcoming and past sessions at 南京示范大学; idempotent', async ({
    assert,
  }) => {
    const world = await seedCore()
    await seedEvents(world)
    await seedEvents(world)
    const now = DateTime.now()
    const fairs = await RecruitmentEvent.query().where('kind', 'fair').where('status', 'published')
    const openFair = fairs.find(
      (f) => f.isOffline && f.registrationOpenAt(now) && (f.seatsLeft ?? 0) > 0
    )
    assert.exists(openFair)
    assert.exists(
      await Exhibitor.query()
        .where('event_id', openFair!.id)
        .where('employer_id', world.company.id)
        .where('status', 'approved')
        .first()
    )
    assert.isTrue(fairs.some((f) => f.mode === 'online' && !f.isPast))
    const sessions = await RecruitmentEvent.query()
      .where('kind', 'session')
      .where('status', 'published')
      .where('employer_id', world.company.id)
      .where('school_id', world.njsf.id)
    assert.isTrue(sessions.some((s) => s.isOffline && !s.isPast))
    assert.isTrue(sessions.some((s) => s.isPast))
    assert.equal(
      await RecruitmentEvent.query()
        .count('* as n')
        .then((r) => Number(r[0].$extras.n)),
      8
    )
  })
})
