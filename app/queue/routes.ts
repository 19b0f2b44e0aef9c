import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FailedJobsController = () => import('#core/queue/controllers/failed_jobs_controller')

// 失败任务 (province admin) is the admin resource `jobs` (list, detail, 重新执行: mounted by
// app/admin/routes.ts); here: 队列自检 and the old 重试 URL, redirected to the resource's action.
router
  .group(() => {
    router.post('/jobs/probe', [FailedJobsController, 'probe']).as('province.jobs.probe')
    router
      .post('/jobs/:id/retry', [FailedJobsController, 'legacyRetry'])
      .where('id', router.matchers.number())
      .as('province.jobs.retry')
  })
  .prefix('/province')
  .use(middleware.auth({ kinds: ['admin'] }))
