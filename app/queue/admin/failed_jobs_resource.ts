import { defineResource } from '#core/admin/resource'
import FailedJob from '#core/queue/models/failed_job'
import failedJobService, { RETRY_MESSAGES } from '#core/queue/failed_job_service'

/**
 * 失败任务 (/province/jobs): background jobs that used up their attempts (both drivers), with
 * 重新执行 per row and 队列自检 (POST /province/jobs/probe, app/queue/routes.ts) above the list.
 */
export default defineResource({
  area: 'province',
  id: 'jobs',
  label: '失败任务',
  singular: '失败任务',
  subject: 'queue.failed_job',
  group: '系统设置',
  order: 92,
  model: FailedJob,
  scope: 'none',
  perPage: 20,
  defaultSort: { column: 'id', direction: 'desc' },
  title: (job) => `${job.name} #${job.id}`,
  tabs: [
    { id: 'pending', label: '未重试', where: (q) => q.whereNull('retried_at'), default: true },
    { id: 'retried', label: '已重试', where: (q) => q.whereNotNull('retried_at') },
    { id: 'all', label: '全部' },
  ],
  search: ['name', 'job_id'],
  searchPlaceholder: '任务名称或任务编号',
  columns: [
    { key: 'name', label: '任务', link: true, sortable: true },
    { key: 'jobId', label: '任务编号' },
    { key: 'owner', label: '所属', value: (job) => failedJobService.ownerName(job.queue) },
    { key: 'failedAt', label: '失败时间', sortable: 'failed_at', format: 'datetime' },
    { key: 'attempts', label: '尝试次数' },
    { key: 'summary', label: '错误', value: (job) => failedJobService.summary(job.error) },
    {
      key: 'state',
      label: '状态',
      value: (job) => (job.retriedAt ? 'retried' : 'failed'),
      tag: { retried: ['已重试', 'green'], failed: ['失败', 'red'] },
    },
  ],
  detail: [
    { key: 'name', label: '任务' },
    { key: 'jobId', label: '任务编号' },
    { key: 'owner', label: '所属', value: (job) => failedJobService.ownerName(job.queue) },
    { key: 'driver', label: '运行模式' },
    { key: 'attempts', label: '尝试次数' },
    { key: 'failedAt', label: '失败时间', format: 'datetime' },
    { key: 'retriedAt', label: '重试时间', format: 'datetime' },
    {
      key: 'payload',
      label: '任务参数',
      format: 'multiline',
      value: (job) => failedJobService.payloadText(job.payload),
    },
    { key: 'error', label: '错误堆栈', format: 'multiline' },
  ],
  emptyMessage: '没有失败的后台任务',
  toolbar: [{ label: '队列自检', href: '/province/jobs/probe', method: 'post' }],
  summary: async (ctx) =>
    ctx.view.render('pages/queue/_overview', { overview: await failedJobService.overview() }),
  rowActions: [
    {
      id: 'retry',
      label: '重新执行',
      confirm: '确定重新执行该任务吗？',
      visible: (job) => !job.retriedAt,
      handle: async ({ record, user, trx }) => {
        // Marked retried in the action's transaction (once: a conditional update); the job runs
        // again after the commit, through the current driver, with its own connection.
        const retriedAt = await failedJobService.markRetried(record as FailedJob, user.id, trx)
        return {
          message: '',
          before: { retriedAt: null },
          after: { retriedAt: retriedAt.toISO() },
          afterCommit: async () => {
            const result = await failedJobService.runAgain(record.id)
            const message = RETRY_MESSAGES[result.status]
            return { message: message.text, ok: message.type !== 'error' }
          },
        }
      },
    },
  ],
})
