import { spawn } from 'node:child_process'
import { test } from '@japa/runner'
import { DateTime } from 'luxon'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import queue from '#core/queue/dispatcher'
import type { QueueDriver } from '#core/queue/types'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { world, invite, passDeadline } from '#modules/procedures/tests/helpers'
import { makeEvent } from '#modules/events/tests/helpers'
import registrations from '#modules/events/services/registration_service'

/** Runs `node ace queue:sweep` as its own process (no worker, QUEUE_DRIVER=sync), on this run's database. */
function sweep() {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, ['ace', 'queue:sweep'], {
      cwd: app.makePath(),
      env: { ...process.env, QUEUE_DRIVER: 'sync', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout!.on('data', (chunk) => (output += chunk.toString()))
    child.stderr!.on('data', (chunk) => (output += chunk.toString()))
    child.once('exit', (code) => resolve({ code, output }))
  })
}

test.group('node ace queue:sweep (QUEUE_DRIVER=sync has no worker)', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('无后台进程也到期: queue:sweep expires due invitations and sends due reminders once', async ({
    assert,
  }) => {
    const w = await world()
    const invitation = await invite(w.employerUser, w.njsf.id)
    await passDeadline(invitation)
    const startsAt = DateTime.now().plus({ hours: 20 })
    const event = await makeEvent(w, {
      startsAt,
      endsAt: startsAt.plus({ hours: 3 }),
      registrationEndsAt: startsAt.minus({ hours: 1 }),
    })
    // The per-registration job never ran (lost, or a sync deployment where it was not due yet).
    const lost: QueueDriver = {
      name: 'redis',
      dispatch: async () => ({ status: 'queued', jobId: null }),
      retry: async () => ({ status: 'queued', jobId: null }),
      close: async () => {},
    }
    const previous = queue.use(lost)
    try {
      await registrations.register(w.studentZhang, event.id)
    } finally {
      queue.use(previous)
    }

    const first = await sweep()
    assert.equal(first.code, 0, first.output)
    assert.include(first.output, 'procedures-deadline-sweep')
    assert.include(first.output, 'events-reminder-sweep')
    const second = await sweep()
    assert.equal(second.code, 0, second.output)

    assert.equal((await SigningInvitation.findOrFail(invitation.id)).status, 'expired')
    const reminders = await db
      .from('messages')
      .where('user_id', w.studentZhang.id)
      .where('title', 'like', '活动提醒%')
    assert.lengthOf(reminders, 1)
  }).timeout(90_000)
})
