import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import moduleSwitches from '#core/modules/module_switches'
import queue from '#core/queue/dispatcher'
import type { QueueDriver } from '#core/queue/types'
import reminders from '#modules/events/services/reminder_service'
import registrations from '#modules/events/services/registration_service'
import { eventsWorld, makeEvent } from '#modules/events/tests/helpers'

const reminderMessages = (userId: number) =>
  db.from('messages').where('user_id', userId).where('title', 'like', '活动提醒%')

test.group('活动提醒: the day before the event', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the sweep reminds each registered student once (站内消息 + 我的日程), however often it runs', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const tomorrow = DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 1 })
      .set({ hour: 10, minute: 0 })
      .toUTC()
    const event = await makeEvent(world, {
      title: '明天的招聘会',
      startsAt: tomorrow,
      endsAt: tomorrow.plus({ hours: 4 }),
      registrationEndsAt: tomorrow.minus({ hours: 1 }),
    })
    const later = await makeEvent(world, { title: '下周的招聘会' })
    await registrations.register(world.studentZhang, event.id)
    await registrations.register(world.studentZhang, later.id)
    await registrations.register(world.studentWang, event.id)
    // The registration-time reminder (sync driver) may already have fired; the sweep sends only the
    // missing ones, and a second sweep finds nothing left to send.
    await reminders.sweep()
    assert.equal(await reminders.sweep(), 0)
    const zhang = await reminderMessages(world.studentZhang.id)
    assert.lengthOf(zhang, 1)
    assert.include(zhang[0].title, '明天的招聘会')
    assert.lengthOf(await reminderMessages(world.studentWang.id), 1)
    const entries = await db
      .from('schedule_entries')
      .where('user_id', world.studentZhang.id)
      .whereNull('cancelled_at')
    assert.lengthOf(entries, 2)
  })

  test('cancelled registrations and schools with the module off get no reminder', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const tomorrow = DateTime.now().plus({ hours: 20 })
    const event = await makeEvent(world, {
      startsAt: tomorrow,
      endsAt: tomorrow.plus({ hours: 4 }),
      registrationEndsAt: tomorrow.minus({ hours: 1 }),
    })
    await moduleSwitches.setEnabled(world.szsfSite, 'events', false)
    // A driver that only queues: the registration-time reminder does not run inline here.
    const queueOnly: QueueDriver = {
      name: 'redis',
      dispatch: async () => ({ status: 'queued', jobId: null }),
      close: async () => {},
      retry: async () => ({ status: 'queued', jobId: null }),
    }
    const previous = queue.use(queueOnly)
    try {
      const zhang = await registrations.register(world.studentZhang, event.id)
      await registrations.register(world.studentWang, event.id)
      await registrations.cancel(world.studentZhang, zhang.id)
      assert.equal(await reminders.sweep(), 0)
    } finally {
      queue.use(previous)
    }
    assert.lengthOf(await reminderMessages(world.studentZhang.id), 0)
    assert.lengthOf(await reminderMessages(world.studentWang.id), 0)
  })

  test('the delayed per-registration job reminds only within the last 24 hours', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const soon = DateTime.now().plus({ hours: 12 })
    const near = await makeEvent(world, {
      startsAt: soon,
      endsAt: soon.plus({ hours: 3 }),
      registrationEndsAt: soon.minus({ hours: 1 }),
    })
    const far = await makeEvent(world)
    const nearRegistration = await registrations.register(world.studentZhang, near.id)
    const farRegistration = await registrations.register(world.studentZhang, far.id)
    assert.isFalse(await reminders.remindRegistration(farRegistration.id))
    // Dispatched at registration through the sync driver: already sent; running again changes nothing.
    assert.lengthOf(await reminderMessages(world.studentZhang.id), 1)
    assert.isTrue(await reminders.remindRegistration(nearRegistration.id))
    assert.lengthOf(await reminderMessages(world.studentZhang.id), 1)
  })

  test('both jobs are declared in the manifest and run through the dispatcher', async ({
    assert,
  }) => {
    const world = await eventsWorld()
    const soon = DateTime.now().plus({ hours: 6 })
    const event = await makeEvent(world, {
      startsAt: soon,
      endsAt: soon.plus({ hours: 2 }),
      registrationEndsAt: soon.minus({ hours: 1 }),
    })
    const registration = await registrations.register(world.studentZhang, event.id)
    const sweep = await queue.dispatch('events-reminder-sweep', {})
    assert.equal(sweep.status, 'completed')
    const single = await queue.dispatch(
      'events-reminder',
      { registrationId: registration.id, schoolId: world.njsf.id },
      { jobId: `events-reminder-${registration.id}-test` }
    )
    assert.equal(single.status, 'completed')
    assert.lengthOf(await reminderMessages(world.studentZhang.id), 1)
  })
})
