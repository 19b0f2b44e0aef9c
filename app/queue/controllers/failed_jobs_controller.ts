import type { HttpContext } from '@adonisjs/core/http'
import { redirectTo, toast } from '#core/http/htmx'
import failedJobService from '#core/queue/failed_job_service'

/**
 * 失败任务 is the province admin resource `jobs` (app/queue/admin/failed_jobs_resource.ts);
 * this controller keeps what is not a resource route: 队列自检 and the old 重试 URL.
 */
export default class FailedJobsController {
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

  /** The old 重试 URL: a 307 (the POST is repeated) to the resource's 重新执行 action. */
  async legacyRetry(ctx: HttpContext) {
    await ctx.bouncer.authorize('manageProvince')
    return ctx.response
      .redirect()
      .status(307)
      .toPath(`/province/jobs/${Number(ctx.params.id)}/actions/retry`)
  }
}
