import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import queue from '#core/queue/dispatcher'
import queueConfig from '#config/queue'
import failedJobs from '#core/queue/failed_jobs'
import outbox from '#core/queue/outbox'
import jobRegistry from '#core/queue/job_registry'
import moduleRegistry from '#core/modules/registry'
import { fromDb, nowDb } from '#core/database/time'
import { Refusal } from '#core/http/refusal'
import type { DispatchResult } from '#core/queue/types'
import type FailedJob from '#core/queue/models/failed_job'

/** The message of a 重新执行 per dispatch outcome. */
export const RETRY_MESSAGES: Record<
  DispatchResult['status'],
  { text: string; type: 'success' | 'error' | 'info' }
> = {
  completed: { text: '已重新执行，任务成功', type: 'success' },
  queued: { text: '已重新加入队列，等待 worker 执行', type: 'success' },
  outboxed: { text: 'Redis 暂不可用，任务已暂存，恢复后自动执行', type: 'info' },
  skipped: { text: '该模块在此学校已关闭，任务已跳过', type: 'info' },
  failed: { text: '重新执行仍然失败，已记录为新的失败任务', type: 'error' },
}

export const ALREADY_RETRIED = '该任务已被重试，请刷新列表'
/** The failed job's name is no longer declared (its module was removed): it cannot run again. */
export const JOB_GONE = '该任务已不存在（所属模块已移除），无法重试'

/** Domain operations behind 失败任务 (/province/jobs, app/queue/admin/failed_jobs_resource.ts). */
export class FailedJobService {
  ownerName(queueName: string) {
    if (queueName === 'core') return '平台核心'
    if (queueName === 'unknown') return '未知（模块已移除）'
    return moduleRegistry.get(queueName)?.name.zh ?? queueName
  }

  /** First line of the error (the list's 错误 column). */
  summary(error: string) {
    return String(error ?? '')
      .split('\n')[0]
      .slice(0, 200)
  }

  /** The job's arguments, pretty-printed when they are JSON. */
  payloadText(payload: string) {
    let text = payload
    try {
      text = JSON.stringify(JSON.parse(payload), null, 2)
    } catch {}
    return String(text ?? '').slice(0, 2000)
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
   * 重新执行, step 1 (in the admin action's transaction): marks the row retried once — a
   * conditional update, so two admins clicking together retry it once. Refuses a job whose
   * name is no longer declared (its module was removed).
   */
  async markRetried(job: FailedJob, userId: number, trx: TransactionClientContract) {
    if (!(await jobRegistry.get(job.name))) throw new Refusal(JOB_GONE, { status: 409 })
    const retriedAt = await failedJobs.markRetried(job.id, userId, trx)
    if (!retriedAt) throw new Refusal(ALREADY_RETRIED, { status: 409 })
    return retriedAt
  }

  /** 重新执行, step 2 (after the commit): runs / queues the job again through the current driver. */
  async runAgain(id: number): Promise<DispatchResult> {
    const row = await failedJobs.find(id)
    if (!row) throw Refusal.notFound()
    return queue.retry(row)
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
