import routes from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import { defineModule, type NavigationEntry } from '#core/modules/manifest'
import { describe } from '#core/api/describe'
import * as api from '#modules/job_seeking/controllers/api/schemas'
import { documented } from '#modules/job_seeking/controllers/api/schemas'
import { intentionValidator } from '#modules/job_seeking/validators/job_validators'
import { resumeFilePurposes } from '#modules/job_seeking/services/resumes'

const Jobs = () => import('#modules/job_seeking/controllers/public/jobs_controller')
const StudentApplications = () =>
  import('#modules/job_seeking/controllers/student/applications_controller')
const Intention = () => import('#modules/job_seeking/controllers/student/intention_controller')
const Resumes = () => import('#modules/job_seeking/controllers/student/resumes_controller')
const EmployerJobs = () => import('#modules/job_seeking/controllers/employer/jobs_controller')
const EmployerApplications = () =>
  import('#modules/job_seeking/controllers/employer/applications_controller')

const JobsApi = () => import('#modules/job_seeking/controllers/api/jobs_api_controller')
const StudentJobsApi = () => import('#modules/job_seeking/controllers/api/student_api_controller')
const JobsOpenData = () => import('#modules/job_seeking/controllers/api/open_data_controller')

/**
 * A navigation entry whose href is built from a route name when the menu is built (the routes
 * exist by then; the registry copies entries per request).
 */
const nav = (name: string, entry: Omit<NavigationEntry, 'href'>): NavigationEntry =>
  Object.defineProperty(entry, 'href', {
    enumerable: true,
    get: () => routes.makeUrl(name),
  }) as NavigationEntry

export default defineModule({
  id: 'job_seeking',
  // Read when shown (admin pages, audit): the texts are loaded by then.
  name: {
    get zh() {
      return text('job_seeking.labels.module.name')
    },
    en: 'Job seeking',
  },
  version: '0.2.0',
  get description() {
    return text('job_seeking.labels.module.description')
  },
  routes: {
    public: (router) => {
      router.get('/jobs', [Jobs, 'index']).as('jobs.index')
      router.get('/jobs/:id', [Jobs, 'show']).as('jobs.show')
      router.get('/companies/:id', [Jobs, 'company']).as('companies.show')
    },
    student: (router) => {
      router.get('/jobs', [Jobs, 'index']).as('student.jobs')
      router.get('/jobs/:id/apply', [StudentApplications, 'create']).as('job_seeking.student.apply')
      router
        .post('/jobs/:id/apply', [StudentApplications, 'store'])
        .as('job_seeking.student.apply.store')
      router
        .get('/jobs/:id/favourite', [StudentApplications, 'favouriteReturn'])
        .as('job_seeking.student.favourite.return')
      router
        .post('/jobs/:id/favourite', [StudentApplications, 'favourite'])
        .as('job_seeking.student.favourite')
      router.get('/records', [StudentApplications, 'records']).as('student.records')
      router
        .get('/applications/:id', [StudentApplications, 'showApplication'])
        .as('job_seeking.student.applications.show')
      router
        .get('/interviews/:id', [StudentApplications, 'showInvitation'])
        .as('job_seeking.student.interviews.show')
      router
        .post('/interviews/:id/answer', [StudentApplications, 'answer'])
        .as('job_seeking.student.interviews.answer')
      router.get('/intention', [Intention, 'edit']).as('student.intention')
      router.post('/intention', [Intention, 'update']).as('job_seeking.student.intention.update')
      router.get('/resumes', [Resumes, 'index']).as('student.resumes')
      router.post('/resumes', [Resumes, 'store']).as('job_seeking.student.resumes.store')
      router.get('/resumes/:id', [Resumes, 'edit']).as('job_seeking.student.resumes.edit')
      router.post('/resumes/:id', [Resumes, 'update']).as('job_seeking.student.resumes.update')
      router
        .post('/resumes/:id/delete', [Resumes, 'destroy'])
        .as('job_seeking.student.resumes.destroy')
      router
        .get('/resumes/:id/preview', [Resumes, 'preview'])
        .as('job_seeking.student.resumes.preview')
      router.get('/resumes/:id/pdf', [Resumes, 'pdf']).as('job_seeking.student.resumes.pdf')
      router
        .post('/resumes/:id/sections', [Resumes, 'addSection'])
        .as('job_seeking.student.resumes.sections.store')
      router
        .post('/resumes/:id/sections/:sectionId', [Resumes, 'updateSection'])
        .as('job_seeking.student.resumes.sections.update')
      router
        .post('/resumes/:id/sections/:sectionId/delete', [Resumes, 'removeSection'])
        .as('job_seeking.student.resumes.sections.destroy')
      router
        .post('/resumes/:id/sections/:sectionId/move', [Resumes, 'moveSection'])
        .as('job_seeking.student.resumes.sections.move')
      router
        .post('/resumes/:id/attachment', [Resumes, 'uploadAttachment'])
        .as('job_seeking.student.resumes.attachment.store')
      router
        .get('/resumes/:id/attachment', [Resumes, 'downloadAttachment'])
        .as('job_seeking.student.resumes.attachment')
      router
        .post('/resumes/:id/attachment/delete', [Resumes, 'removeAttachment'])
        .as('job_seeking.student.resumes.attachment.destroy')
    },
    // 职位管理 and 应聘管理 (lists, job record pages with 编辑, 应聘详情, row actions) are the admin
    // resources below (/employer/jobs, /employer/applications); these are their forms and files.
    employer: (router) => {
      router.get('/jobs/new', [EmployerJobs, 'create']).as('job_seeking.employer.jobs.create')
      router.post('/jobs', [EmployerJobs, 'store']).as('job_seeking.employer.jobs.store')
      router.post('/jobs/:id', [EmployerJobs, 'update']).as('job_seeking.employer.jobs.update')
      router
        .post('/applications/:id/status', [EmployerApplications, 'status'])
        .as('job_seeking.employer.applications.status')
      router
        .post('/applications/:id/interview', [EmployerApplications, 'invite'])
        .as('job_seeking.employer.applications.invite')
      router
        .get('/applications/:id/resume.pdf', [EmployerApplications, 'resumePdf'])
        .as('job_seeking.employer.applications.resume_pdf')
      router
        .get('/applications/:id/attachment', [EmployerApplications, 'resumeAttachment'])
        .as('job_seeking.employer.applications.attachment')
    },
  },
  // Open API (/api/v1): the same search, visibility and application services as the pages.
  api: {
    public: (router) => {
      describe(
        router.get('/jobs', [JobsApi, 'index']).as('api.jobs'),
        documented('job_seeking.labels.api.jobs', 'job_seeking.labels.api.tag_jobs', {
          query: api.jobListQuery,
          paged: true,
          response: api.JOB_SHAPE,
        })
      )
      describe(
        router.get('/jobs/:id', [JobsApi, 'show']).as('api.jobs.show'),
        documented('job_seeking.labels.api.job', 'job_seeking.labels.api.tag_jobs', {
          response: api.JOB_DETAIL_SHAPE,
        })
      )
      describe(
        router.get('/companies', [JobsApi, 'companies']).as('api.companies'),
        documented('job_seeking.labels.api.companies', 'job_seeking.labels.api.tag_companies', {
          query: api.companyListQuery,
          paged: true,
          response: api.COMPANY_SHAPE,
        })
      )
      describe(
        router.get('/companies/:id', [JobsApi, 'company']).as('api.companies.show'),
        documented('job_seeking.labels.api.company', 'job_seeking.labels.api.tag_companies', {
          response: api.COMPANY_DETAIL_SHAPE,
        })
      )
    },
    student: (router) => {
      describe(
        router.get('/me/intention', [StudentJobsApi, 'intention']).as('api.me.intention'),
        documented('job_seeking.labels.api.intention', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          response: api.INTENTION_SHAPE,
        })
      )
      describe(
        router.put('/me/intention', [StudentJobsApi, 'saveIntention']).as('api.me.intention.save'),
        documented(
          'job_seeking.labels.api.intention_save',
          'job_seeking.labels.api.tag_job_seeking',
          {
            auth: true,
            body: intentionValidator,
            response: api.INTENTION_SHAPE,
          }
        )
      )
      describe(
        router.get('/me/resumes', [StudentJobsApi, 'resumes']).as('api.me.resumes'),
        documented('job_seeking.labels.api.resumes', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          response: [api.RESUME_SHAPE],
        })
      )
      describe(
        router.get('/me/resumes/:id/pdf', [StudentJobsApi, 'resumePdf']).as('api.me.resumes.pdf'),
        documented('job_seeking.labels.api.resume_pdf', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          produces: 'application/pdf',
        })
      )
      describe(
        router.post('/jobs/:id/applications', [StudentJobsApi, 'apply']).as('api.jobs.apply'),
        documented('job_seeking.labels.api.apply', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          body: api.applyValidator,
          response: {
            id: 'integer',
            status: 'string',
            status_label: 'string',
            job: { id: 'integer', title: 'string' },
          },
        })
      )
      describe(
        router.post('/jobs/:id/favourite', [StudentJobsApi, 'favourite']).as('api.jobs.favourite'),
        documented('job_seeking.labels.api.favourite', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          response: { job_id: 'integer', favourite: 'boolean' },
        })
      )
      describe(
        router.get('/me/applications', [StudentJobsApi, 'applications']).as('api.me.applications'),
        documented(
          'job_seeking.labels.api.applications',
          'job_seeking.labels.api.tag_job_seeking',
          {
            auth: true,
            query: api.recordsQuery,
            paged: true,
            response: api.APPLICATION_SHAPE,
          }
        )
      )
      describe(
        router.get('/me/favourites', [StudentJobsApi, 'favourites']).as('api.me.favourites'),
        documented('job_seeking.labels.api.favourites', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          query: api.recordsQuery,
          paged: true,
          response: api.FAVOURITE_SHAPE,
        })
      )
      describe(
        router.get('/me/interviews', [StudentJobsApi, 'interviews']).as('api.me.interviews'),
        documented('job_seeking.labels.api.interviews', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          response: [api.INTERVIEW_SHAPE],
        })
      )
      describe(
        router
          .post('/me/interviews/:id/answer', [StudentJobsApi, 'answer'])
          .as('api.me.interviews.answer'),
        documented('job_seeking.labels.api.answer', 'job_seeking.labels.api.tag_job_seeking', {
          auth: true,
          body: api.answerValidator,
          response: api.INTERVIEW_SHAPE,
        })
      )
    },
    openData: (router) => {
      router
        .post('/web/wsjysc/lbxq/getZpgwPageList', [JobsOpenData, 'jobs'])
        .as('job_seeking.open_data.jobs')
      router
        .get('/web/wsjysc/lbxq/getZpgwxq', [JobsOpenData, 'job'])
        .as('job_seeking.open_data.job')
    },
    homeCounts: async (userId) => {
      const counts = await (
        await import('#modules/job_seeking/services/applications')
      ).default.countsFor(userId)
      return {
        applications: counts.applications,
        favourites: counts.favourites,
        interviews: counts.interviews,
      }
    },
  },
  navigation: [
    nav('jobs.index', { area: 'public', label: 'job_seeking.nav.jobs', order: 30 }),
    nav('student.intention', {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.intention',
      order: 10,
    }),
    nav('student.resumes', {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.resumes',
      order: 11,
    }),
    nav('student.jobs', {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.jobs',
      order: 12,
    }),
    nav('student.records', {
      area: 'student',
      menu: 'job_center',
      label: 'job_seeking.nav.records',
      order: 13,
    }),
    nav('employer.jobs.index', {
      area: 'employer',
      label: 'job_seeking.nav.employer_jobs',
      order: 10,
    }),
    nav('employer.applications.index', {
      area: 'employer',
      label: 'job_seeking.nav.employer_applications',
      order: 11,
    }),
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
  // 职位管理 / 应聘管理 of the 单位中心: declared resources of the employer area.
  adminResources: async () => [
    (await import('#modules/job_seeking/admin/jobs_resource')).default,
    (await import('#modules/job_seeking/admin/applications_resource')).default,
  ],
  audit: async () => (await import('#modules/job_seeking/services/audit_labels')).default,
  // 附件简历: stored and sent by #core/files (types by content, 5 MB, owner + employers applied to).
  machines: async () => ({
    interview: (await import('#modules/job_seeking/machines/interview')).default,
    jobApplication: (await import('#modules/job_seeking/machines/job_application')).default,
    jobPosting: (await import('#modules/job_seeking/machines/job_posting')).default,
  }),
  filePurposes: resumeFilePurposes,
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
