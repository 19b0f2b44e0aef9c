import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { world } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import queue from '#core/queue/dispatcher'
import jobRegistry from '#core/queue/job_registry'
import { nowDb } from '#core/database/time'

let failNext = 0
let succeeded = 0

class FlakyInvitationJob {
  async handle() {
    if (failNext > 0) {
      failNext--
      throw new Error('签约邀请 #42 暂时无法处理')
    }
    succeeded++
  }
}

test.group('Province 失败任务 page (/province/jobs)', (group) => {
  group.setup(() =>
    jobRegistry.register('core', {
      'test-flaky-invitation': async () => ({ default: FlakyInvitationJob }),
    })
  )
  group.each.setup(() => {
    failNext = 0
    succeeded = 0
    return testUtils.db().truncate()
  })

  test('a job that failed in sync mode is listed with its error and attempts', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    failNext = 1
    const result = await queue.dispatch(
      'test-flaky-invitation',
      { invitationId: 42 },
      { jobId: 'sign-deadline-42' }
    )
    const response = await as(client, admin).visit('/province/jobs')
    response.assertStatus(200)
    response.assertTextIncludes('失败任务')
    response.assertTextIncludes('test-flaky-invitation')
    response.assertTextIncludes('sign-deadline-42')
    response.assertTextIncludes('签约邀请 #42 暂时无法处理')
    response.assertTextIncludes('平台核心')
    // In the province admin sidebar (系统设置 → 失败任务), marked as the current page.
    response.assertTextIncludes('<a href="/province/jobs" class="active">失败任务</a>')
    response.assertTextIncludes('重新执行')
    response.assertTextIncludes('队列自检')
    assert.equal(result.status, 'failed')
  })

  test('重新执行 runs the job again once, marks it 已重试 and writes the audit log', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    failNext = 1
    await queue.dispatch('test-flaky-invitation', { invitationId: 42 })
    const row = await db.from('failed_jobs').firstOrFail()

    const response = await as(client, admin).postForm(`/province/jobs/${row.id}/actions/retry`)
    response.assertStatus(302)
    response.assertFlashMessage('success', '已重新执行，任务成功')
    assert.equal(succeeded, 1)
    const after = await db.from('failed_jobs').where('id', row.id).first()
    assert.isNotNull(after.retried_at)
    assert.equal(after.retried_by, admin.id)
    const log = await db.from('audit_logs').where('action', 'queue.failed_job.retry').first()
    assert.equal(log.subject_id, String(row.id))

    // The row now sits under 已重试, without the action.
    const retried = await as(client, admin).visit('/province/jobs?tab=retried')
    retried.assertTextIncludes('test-flaky-invitation')
    retried.assertTextIncludes('已重试')
    const pending = await as(client, admin).visit('/province/jobs')
    pending.assertTextIncludes('没有失败的后台任务')

    // A second click (or a second admin) does not run it again.
    const again = await as(client, admin).postForm(`/province/jobs/${row.id}/actions/retry`)
    again.assertStatus(302)
    again.assertFlashMessage('error', '当前状态不能执行此操作')
    assert.equal(succeeded, 1)
  })

  test('the old 重试 URL redirects (307) to the 重新执行 action', async ({ client, assert }) => {
    const admin = await world.provinceAdmin()
    failNext = 1
    await queue.dispatch('test-flaky-invitation', { invitationId: 42 })
    const row = await db.from('failed_jobs').firstOrFail()
    const response = await as(client, admin).postForm(`/province/jobs/${row.id}/retry`)
    response.assertStatus(307)
    assert.equal(response.header('location'), `/province/jobs/${row.id}/actions/retry`)
    assert.equal(succeeded, 0)
  })

  test('the detail page shows the arguments and the error stack', async ({ client }) => {
    const admin = await world.provinceAdmin()
    failNext = 1
    await queue.dispatch('test-flaky-invitation', { invitationId: 42 }, { jobId: 'sign-42' })
    const row = await db.from('failed_jobs').firstOrFail()
    const response = await as(client, admin).visit(`/province/jobs/${row.id}`)
    response.assertStatus(200)
    response.assertTextIncludes('任务参数')
    response.assertTextIncludes('invitationId')
    response.assertTextIncludes('错误堆栈')
    response.assertTextIncludes('签约邀请 #42 暂时无法处理')
    response.assertTextIncludes('重新执行')
  })

  test('the tabs count 未重试 / 已重试 / 全部', async ({ client }) => {
    const admin = await world.provinceAdmin()
    failNext = 2
    await queue.dispatch('test-flaky-invitation', { invitationId: 1 })
    await queue.dispatch('test-flaky-invitation', { invitationId: 2 })
    await db
      .from('failed_jobs')
      .where('id', (await db.from('failed_jobs').min('id as id').first()).id)
      .update({ retried_at: nowDb() })
    const response = await as(client, admin).visit('/province/jobs')
    response.assertTextIncludes('data-tab="pending">未重试')
    for (const tab of ['pending', 'retried', 'all'])
      response.assertTextIncludes(`data-tab="${tab}"`)
  })

  test('a retry that fails again is recorded as a new failed job', async ({ client, assert }) => {
    const admin = await world.provinceAdmin()
    failNext = 2
    await queue.dispatch('test-flaky-invitation', { invitationId: 42 })
    const row = await db.from('failed_jobs').firstOrFail()
    const response = await as(client, admin).postForm(`/province/jobs/${row.id}/actions/retry`)
    response.assertStatus(302)
    response.assertFlashMessage('error', '重新执行仍然失败，已记录为新的失败任务')
    assert.lengthOf(await db.from('failed_jobs').whereNull('retried_at'), 1)
  })

  test('the page shows an empty state when nothing failed', async ({ client }) => {
    const admin = await world.provinceAdmin()
    const response = await as(client, admin).visit('/province/jobs')
    response.assertTextIncludes('没有失败的后台任务')
  })

  test('队列自检 runs the probe job (sync mode) and the page shows it completed', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const response = await as(client, admin).postForm('/province/jobs/probe')
    response.assertStatus(302)
    response.assertFlashMessage('success', '自检任务已执行完成（同步模式）')
    const probe = await db.from('queue_probes').firstOrFail()
    assert.isNotNull(probe.processed_at)
    const page = await as(client, admin).visit('/province/jobs')
    page.assertTextIncludes('已完成')
  })

  test('{actor} cannot see or retry failed jobs')
    .with([
      { actor: 'school staff', make: async () => world.staff((await world.school()).school) },
      { actor: 'an employer', make: async () => (await world.employer()).user },
      {
        actor: 'a student',
        make: async () => (await world.student((await world.school()).school)).user,
      },
    ])
    .run(async ({ client }, row) => {
      const user = await row.make()
      failNext = 1
      await queue.dispatch('test-flaky-invitation', { invitationId: 42 })
      const failed = await db.from('failed_jobs').firstOrFail()
      ;(await as(client, user).visit('/province/jobs').redirects(0)).assertStatus(403)
      for (const url of [
        `/province/jobs/${failed.id}/retry`,
        `/province/jobs/${failed.id}/actions/retry`,
      ])
        (await as(client, user).postForm(url)).assertStatus(403)
    })
})

test.group('Province 失败任务: jobs of a removed module', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('a failed job whose module was removed is shown and its 重试 refused with a reason', async ({
    client,
    assert,
  }) => {
    const admin = await world.provinceAdmin()
    const [row] = await db
      .table('failed_jobs')
      .insert({
        driver: 'redis',
        queue: 'unknown',
        name: 'removed-module-job',
        job_id: null,
        payload: '{}',
        error: 'UnknownJobError: Unknown background job "removed-module-job"',
        attempts: 0,
        failed_at: nowDb(),
      })
      .returning('id')
    const id = Number(typeof row === 'object' ? row.id : row)
    const list = await as(client, admin).visit('/province/jobs')
    list.assertTextIncludes('未知（模块已移除）')
    const retry = await as(client, admin).postForm(`/province/jobs/${id}/actions/retry`)
    retry.assertStatus(302)
    retry.assertFlashMessage('error', '该任务已不存在（所属模块已移除），无法重试')
    const after = await db.from('failed_jobs').where('id', id).first()
    assert.isNull(after.retried_at)
  })
})
