import db from '@adonisjs/lucid/services/db'
import queue from '#core/queue/dispatcher'
import queueConfig from '#config/queue'
import failedJobs, { type FailedJobRow } from '#core/queue/failed_jobs'
import outbox from '#core/queue/outbox'
import jobRegistry from '#core/queue/job_registry'
import moduleRegistry from '#core/modules/registry'
import { fromDb, nowDb } from '#core/database/time'
import type { DispatchResult } from '#core/queue/types'

export type FailedFilter = 'pending' | 'retried' | 'all'

export class AlreadyRetriedError extends Error {
  constructor() {
    super('该任务已被重试，请刷新列表')
  }
}

/** The failed job's name is no longer declared (its module was removed): it cannot run again. */
export class JobGoneError extends Error {
  constructor() {
    super('该任务已不存在（所属模块已移除），无法重试')
  }
}

/** Domain operations behind 失败任务 (/province/jobs). */
export class FailedJobService {
  ownerName(queueName: string) {
    if (queueName === 'core') return '平台核心'
    if (queueName === 'unknown') return '未知（模块已移除）'
    return moduleRegistry.get(queueName)?.name.zh ?? queueName
  }

  async list(filter: FailedFilter, page: number) {
    const query = db.from('failed_jobs').orderBy('id', 'desc')
    if (filter === 'pending') query.whereNull('retried_at')
    if (filter === 'retried') query.whereNotNull('retried_at')
    const paginator = await query.paginate(Math.max(1, page), 20)
    paginator.baseUrl('/province/jobs').queryString({ status: filter })
    const rows = paginator.all().map((raw) => this.present(failedJobs.toRow(raw)))
    return { paginator, rows }
  }

  present(row: FailedJobRow) {
    let payload = row.payload
    try {
      payload = JSON.stringify(JSON.parse(row.payload), null, 2)
    } catch {}
    return {
      ...row,
      owner: this.ownerName(row.queue),
      summary: row.error.split('\n')[0].slice(0, 200),
      payloadText: payload.slice(0, 2000),
    }
  }

  async overview() {
    const pending = await db.from('failed_jobs').whereNull('retried_at').count('* as total').first()
    const probe = await db.from('queue_probes').orderBy('id', 'desc').first()
    return {
      driver: queueConfig.driver,
      failedPending: Number(pending?.total ?? 0),
      outboxWaiting: await outbox.count(),
      lastProbe: probe
        ? {
            id: Number(probe.id),
            createdAt: fromDb(probe.created_at),
            processedAt: fromDb(probe.processed_at),
            driver: probe.driver,
          }
        : null,
    }
  }

  /**
   * 重试: marks the row retried (once: a conditional update, so two admins clicking together
   * retry it once) and runs/queues the job again through the current driver.
   */
  async retry(
    id: number,
    userId: number
  ): Promise<{ row: ReturnType<FailedJobService['present']>; result: DispatchResult }> {
    const row = await failedJobs.find(id)
    if (!row) throw new Error('not found')
    if (!(await jobRegistry.get(row.name))) throw new JobGoneError()
    if (!(await failedJobs.markRetried(id, userId))) throw new AlreadyRetriedError()
    const result = await queue.retry(row)
    const fresh = (await failedJobs.find(id))!
    return { row: this.present(fresh), result }
  }

  /** 队列自检: a probe row stamped by the `queue-probe` job once a worker (or the sync driver) ran it. */
  async probe(userId: number) {
    const [inserted] = await db
      .table('queue_probes')
      .insert({ requested_by: userId, created_at: nowDb() })
      .returning('id')
    const probeId = Number(typeof inserted === 'object' ? inserted.id : inserted)
    return queue.dispatch('queue-probe', { probeId }, { jobId: `queue-probe-${probeId}` })
  }
}

const failedJobService = new FailedJobService()
export default failedJobService
