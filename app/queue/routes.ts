import router from '@adonisjs/core/services/router'
import { middleware } from '#start/kernel'

const FailedJobsController = () => import('#core/queue/controllers/failed_jobs_controller')

// 失败任务 (province admin): failed background jobs of both drivers, retry, queue self-check.
router
  .group(() => {
    router.get('/jobs', [FailedJobsController, 'index']).as('province.jobs')
    router.post('/jobs/probe', [FailedJobsController, 'probe']).as('province.jobs.probe')
    router
      .post('/jobs/:id/retry', [FailedJobsController, 'retry'])
      .where('id', router.matchers.number())
      .as('province.jobs.retry')
  })
  .prefix('/province')
  .use(middleware.auth({ kinds: ['admin'] }))
