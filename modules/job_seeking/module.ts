import type { Router } from '@adonisjs/core/http'
import { defineModule } from '#core/modules/manifest'

const Jobs = () => import('#modules/job_seeking/controllers/jobs_controller')
const StudentApplications = () =>
  import('#modules/job_seeking/controllers/student_applications_controller')
const Intention = () => import('#modules/job_seeking/controllers/intention_controller')
const Resumes = () => import('#modules/job_seeking/controllers/resumes_controller')
const EmployerJobs = () => import('#modules/job_seeking/controllers/employer_jobs_controller')
const EmployerApplications = () =>
  import('#modules/job_seeking/controllers/employer_applications_controller')

const id = (router: Router) => router.matchers.number()

export default defineModule({
  id: 'job_seeking',
  name: { zh: '求职中心', en: 'Job seeking' },
  version: '0.2.0',
  description: '求职意向与订阅推送、简历、招聘职位、申请与收藏、面试邀请、求职记录',
  routes: {
    public: (router) => {
      router.get('/jobs', [Jobs, 'index']).as('jobs.index')
      router.get('/jobs/:id', [Jobs, 'show']).as('jobs.show').where('id', id(router))
      router.get('/companies/:id', [Jobs, 'company']).as('companies.show').where('id', id(router))
    },
    student: (router) => {
      router.get('/jobs', [Jobs, 'index']).as('student.jobs')
      router.get('/jobs/:id/apply', [StudentApplications, 'create']).where('id', id(router))
      router.post('/jobs/:id/apply', [StudentApplications, 'store']).where('id', id(router))
      router
        .get('/jobs/:id/favourite', [StudentApplications, 'favouriteReturn'])
        .where('id', id(router))
      router.post('/jobs/:id/favourite', [StudentApplications, 'favourite']).where('id', id(router))
      router.get('/records', [StudentApplications, 'records']).as('student.records')
      router
        .get('/applications/:id', [StudentApplications, 'showApplication'])
        .where('id', id(router))
      router.get('/interviews/:id', [StudentApplications, 'showInvitation']).where('id', id(router))
      router.post('/interviews/:id/answer', [StudentApplications, 'answer']).where('id', id(router))
      router.get('/intention', [Intention, 'edit']).as('student.intention')
      router.post('/intention', [Intention, 'update'])
      router.get('/resumes', [Resumes, 'index']).as('student.resumes')
      router.post('/resumes', [Resumes, 'store'])
      router.get('/resumes/:id', [Resumes, 'edit']).where('id', id(router))
      router.post('/resumes/:id', [Resumes, 'update']).where('id', id(router))
      router.post('/resumes/:id/delete', [Resumes, 'destroy']).where('id', id(router))
      router.get('/resumes/:id/preview', [Resumes, 'preview']).where('id', id(router))
      router.get('/resumes/:id/pdf', [Resumes, 'pdf']).where('id', id(router))
      router.post('/resumes/:id/sections', [Resumes, 'addSection']).where('id', id(router))
      router
        .post('/resumes/:id/sections/:sectionId', [Resumes, 'updateSection'])
        .where('id', id(router))
      router
        .post('/resumes/:id/sections/:sectionId/delete', [Resumes, 'removeSection'])
        .where('id', id(router))
      router
        .post('/resumes/:id/sections/:sectionId/move', [Resumes, 'moveSection'])
        .where('id', id(router))
      router.post('/resumes/:id/attachment', [Resumes, 'uploadAttachment']).where('id', id(router))
      router.get('/resumes/:id/attachment', [Resumes, 'downloadAttachment']).where('id', id(router))
      router
        .post('/resumes/:id/attachment/delete', [Resumes, 'removeAttachment'])
        .where('id', id(router))
    },
    employer: (router) => {
      router.get('/jobs', [EmployerJobs, 'index']).as('employer.jobs')
      router.get('/jobs/new', [EmployerJobs, 'create'])
      router.post('/jobs', [EmployerJobs, 'store'])
      router.get('/jobs/:id/edit', [EmployerJobs, 'edit']).where('id', id(router))
      router.post('/jobs/:id', [EmployerJobs, 'update']).where('id', id(router))
      router.post('/jobs/:id/close', [EmployerJobs, 'close']).where('id', id(router))
      router.post('/jobs/:id/reopen', [EmployerJobs, 'reopen']).where('id', id(router))
      router.get('/applications', [EmployerApplications, 'index']).as('employer.applications')
      router.get('/applications/:id', [EmployerApplications, 'show']).where('id', id(router))
      router
        .post('/applications/:id/status', [EmployerApplications, 'status'])
        .where('id', id(router))
      router
        .post('/applications/:id/interview', [EmployerApplications, 'invite'])
        .where('id', id(router))
      router
        .get('/applications/:id/resume.pdf', [EmployerApplications, 'resumePdf'])
        .where('id', id(router))
      router
        .get('/applications/:id/attachment', [EmployerApplications, 'resumeAttachment'])
        .where('id', id(router))
    },
  },
  navigation: [
    { area: 'public', label: 'job_seeking.nav.jobs', href: '/jobs', order: 30 },
    {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.intention',
      href: '/student/intention',
      order: 10,
    },
    {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.resumes',
      href: '/student/resumes',
      order: 11,
    },
    {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.jobs',
      href: '/student/jobs',
      order: 12,
    },
    {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.records',
      href: '/student/records',
      order: 13,
    },
    { area: 'employer', label: 'job_seeking.nav.employer_jobs', href: '/employer/jobs', order: 10 },
    {
      area: 'employer',
      label: 'job_seeking.nav.employer_applications',
      href: '/employer/applications',
      order: 11,
    },
  ],
  widgets: [
    {
      id: 'job_seeking.stats',
      slot: 'student.home',
      order: 10,
      render: async (ctx) => (await import('#modules/job_seeking/widgets')).studentStatsWidget(ctx),
    },
    {
      id: 'job_seeking.latest_jobs.home',
      slot: 'student.home',
      order: 40,
      render: async (ctx) => (await import('#modules/job_seeking/widgets')).latestJobsWidget(ctx),
    },
    {
      id: 'job_seeking.latest_jobs.portal',
      slot: 'portal',
      order: 30,
      render: async (ctx) => (await import('#modules/job_seeking/widgets')).latestJobsWidget(ctx),
    },
  ],
  // 单位中心 待办: new applicants, interviews awaiting the student or coming up (filtered 应聘管理).
  todos: {
    employer: async (ctx) =>
      (await import('#modules/job_seeking/services/todos')).employerTodos(ctx),
  },
  jobs: {
    'job-subscription-push': () => import('#modules/job_seeking/jobs/job_subscription_push'),
    'job-push-digest-daily': () => import('#modules/job_seeking/jobs/job_push_digest_daily'),
    'job-push-digest-weekly': () => import('#modules/job_seeking/jobs/job_push_digest_weekly'),
    'interview-reminder': () => import('#modules/job_seeking/jobs/interview_reminder'),
  },
  schedules: [
    // Patterns run in Asia/Shanghai: digests at 08:00 (weekly on Monday), reminder sweep hourly.
    { name: 'job-push-digest-daily', pattern: '0 8 * * *' },
    { name: 'job-push-digest-weekly', pattern: '0 8 * * 1' },
    { name: 'interview-reminder', pattern: '15 * * * *', payload: {} },
  ],
})
