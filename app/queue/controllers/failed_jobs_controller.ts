import type { HttpContext } from '@adonisjs/core/http'
import audit from '#core/audit/audit_service'
import { adminMenu } from '#core/admin/menu'
import { isHtmx, page, redirectTo, toast } from '#core/http/htmx'
import failedJobService, {
  AlreadyRetriedError,
  JobGoneError,
  type FailedFilter,
} from '#core/queue/failed_job_service'
import type { DispatchResult } from '#core/queue/types'
import { queryPage } from '#core/http/query'

const FILTERS: FailedFilter[] = ['pending', 'retried', 'all']

const RETRY_MESSAGES: Record<
  DispatchResult['status'],
  { text: string; type: 'success' | 'error' | 'info' }
> = {
  completed: { text: '已重新执行，任务成功', type: 'success' },
  queued: { text: '已重新加入队列，等待 worker 执行', type: 'success' },
  outboxed: { text: 'Redis 暂不可用，任务已暂存，恢复后自动执行', type: 'info' },
  skipped: { text: '该模块在此学校已关闭，任务已跳过', type: 'info' },
  failed: { text: '重新执行仍然失败，已记录为新的失败任务', type: 'error' },
}

/** 失败任务: failed background jobs for the province admin (list, error, attempts, 重试). */
export default class FailedJobsController {
  async index(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProvince')
    const status = FILTERS.includes(ctx.request.input('status'))
      ? (ctx.request.input('status') as FailedFilter)
      : 'pending'
    const { paginator, rows } = await failedJobService.list(
      status,
      queryPage(ctx.request.input('page'))
    )
    const state = {
      status,
      paginator,
      rows,
      overview: await failedJobService.overview(),
      filters: FILTERS,
      adminMenu: await adminMenu(ctx, 'province'),
    }
    return page(ctx, 'pages/queue/failed_jobs', state, 'pages/queue/_failed_jobs_table')
  }

  async retry(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProvince')
    const user = ctx.auth.use('web').user!
    const id = Number(ctx.params.id)
    try {
      const { row, result } = await failedJobService.retry(id, user.id)
      await audit.record({
        ctx,
        action: 'queue.failed_job.retry',
        subject: { type: 'failed_job', id },
        note: `${row.name} → ${result.status}`,
      })
      const message = RETRY_MESSAGES[result.status]
      toast(ctx, message.text, message.type)
      if (isHtmx(ctx)) return ctx.view.render('pages/queue/_failed_job_row', { row })
      return ctx.response.redirect().back()
    } catch (error) {
      if (error instanceof AlreadyRetriedError || error instanceof JobGoneError) {
        toast(ctx, error.message, 'error')
        return isHtmx(ctx) ? ctx.response.status(409).send('') : ctx.response.redirect().back()
      }
      if ((error as Error).message === 'not found') {
        return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
      }
      throw error
    }
  }

  async probe(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProvince')
    const result = await failedJobService.probe(ctx.auth.use('web').user!.id)
    const text =
      result.status === 'completed'
        ? '自检任务已执行完成（同步模式）'
        : result.status === 'queued'
          ? '自检任务已加入队列；worker 运行时几秒内完成，刷新查看结果'
          : result.status === 'outboxed'
            ? 'Redis 暂不可用，自检任务已暂存，恢复后自动执行'
            : '自检任务执行失败，请查看失败任务列表'
    toast(ctx, text, result.status === 'failed' ? 'error' : 'success')
    return redirectTo(ctx, '/province/jobs')
  }
}
