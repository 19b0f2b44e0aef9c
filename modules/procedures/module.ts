import appRouter from '@adonisjs/core/services/router'
import { defineModule, type NavigationEntry } from '#core/modules/manifest'
import { materialFilePurposes } from '#modules/procedures/services/materials'
import { describe } from '#core/api/describe'
import { text } from '#core/i18n/text'
import { SOURCE_FIELDS, editableSettingKey } from '#modules/procedures/services/source_fields'
import {
  SETTINGS_DEFAULTS,
  PROVINCE_SETTINGS_DEFAULTS,
  PROCEDURES_MODES,
  CODE_VERSION_OPTIONS,
} from '#modules/procedures/services/settings'

const ProceduresApi = () => import('#modules/procedures/controllers/api/procedures_api_controller')
const SourceController = () => import('#modules/procedures/controllers/student/source_controller')
const RecommendationController = () =>
  import('#modules/procedures/controllers/student/recommendation_controller')
const StudentSigningController = () =>
  import('#modules/procedures/controllers/student/signing_controller')
const ReportController = () => import('#modules/procedures/controllers/student/report_controller')
const StudentTerminationController = () =>
  import('#modules/procedures/controllers/student/termination_controller')
const EmployerSigningController = () =>
  import('#modules/procedures/controllers/employer/signing_controller')
const EmployerTerminationController = () =>
  import('#modules/procedures/controllers/employer/termination_controller')
const ReviewsController = () => import('#modules/procedures/controllers/school/reviews_controller')
const StatsController = () => import('#modules/procedures/controllers/school/stats_controller')
const SettingsController = () =>
  import('#modules/procedures/controllers/school/settings_controller')
const NationalController = () =>
  import('#modules/procedures/controllers/school/national_controller')

/**
 * A navigation entry whose href is built from a route name when the menu is read (the routes are
 * registered after this manifest is loaded).
 */
function nav(entry: Omit<NavigationEntry, 'href'> & { route: string }): NavigationEntry {
  const { route, ...rest } = entry
  return {
    ...rest,
    get href() {
      return appRouter.makeUrl(route)
    },
  }
}

/**
 * 就业手续 (PRODUCT.md rules 10–14): 生源信息核对, 就业推荐表申请, 网上签约, 就业信息上报, 解约办理,
 * with their employer side (邀约, 解约应答) and school side (审核, 强制解约, 统计).
 */
export default defineModule({
  id: 'procedures',
  // Texts from the lang file, read when asked (the manifest is imported before translations load).
  name: {
    get zh() {
      return text('procedures.labels.module_name')
    },
    en: 'Employment procedures',
  },
  version: '1.0.0',
  get description() {
    return text('procedures.labels.module_description')
  },
  routes: {
    student: (router) => {
      router.get('/procedures/source', [SourceController, 'show']).as('procedures.source')
      router.post('/procedures/source', [SourceController, 'save']).as('procedures.source.save')
      router
        .post('/procedures/source/change', [SourceController, 'requestChange'])
        .as('procedures.source.change')
      router
        .get('/procedures/recommendation', [RecommendationController, 'show'])
        .as('procedures.recommendation')
      router
        .post('/procedures/recommendation', [RecommendationController, 'save'])
        .as('procedures.recommendation.save')
      router
        .get('/procedures/signing', [StudentSigningController, 'index'])
        .as('procedures.signing')
      router
        .get('/procedures/signing/:id', [StudentSigningController, 'show'])
        .as('procedures.signing.show')
      router
        .post('/procedures/signing/:id/accept', [StudentSigningController, 'accept'])
        .as('procedures.signing.accept')
      router
        .post('/procedures/signing/:id/reject', [StudentSigningController, 'reject'])
        .as('procedures.signing.reject')
      router.get('/procedures/report', [ReportController, 'show']).as('procedures.report')
      router.post('/procedures/report', [ReportController, 'save']).as('procedures.report.save')
      router
        .get('/procedures/termination', [StudentTerminationController, 'show'])
        .as('procedures.termination')
      router
        .post('/procedures/termination', [StudentTerminationController, 'store'])
        .as('procedures.termination.store')
      router
        .post('/procedures/termination/:id/answer', [StudentTerminationController, 'answer'])
        .as('procedures.termination.answer')
    },
    employer: (router) => {
      router
        .get('/procedures/signing', [EmployerSigningController, 'index'])
        .as('procedures.employer.signing')
      router
        .get('/procedures/signing/new', [EmployerSigningController, 'create'])
        .as('procedures.employer.signing.new')
      router
        .post('/procedures/signing', [EmployerSigningController, 'store'])
        .as('procedures.employer.signing.store')
      router
        .get('/procedures/signing/:id', [EmployerSigningController, 'show'])
        .as('procedures.employer.signing.show')
      router
        .post('/procedures/signing/:id/withdraw', [EmployerSigningController, 'withdraw'])
        .as('procedures.employer.signing.withdraw')
      router
        .get('/procedures/terminations', [EmployerTerminationController, 'index'])
        .as('procedures.employer.terminations')
      router
        .get('/procedures/terminations/:id', [EmployerTerminationController, 'show'])
        .as('procedures.employer.terminations.show')
      router
        .post('/procedures/terminations/:id/answer', [EmployerTerminationController, 'answer'])
        .as('procedures.employer.terminations.answer')
      router
        .post('/procedures/plans/:id/terminate', [EmployerTerminationController, 'start'])
        .as('procedures.employer.plans.terminate')
    },
    school: (router) => {
      router
        .get('/procedures/reviews', [ReviewsController, 'index'])
        .as('procedures.school.reviews')
      router
        .post('/procedures/reviews/bulk', [ReviewsController, 'bulk'])
        .as('procedures.school.reviews.bulk')
      router
        .get('/procedures/reviews/:type/:id', [ReviewsController, 'show'])
        .as('procedures.school.reviews.show')
      router
        .post('/procedures/reviews/:type/:id', [ReviewsController, 'decide'])
        .as('procedures.school.reviews.decide')
      router
        .post('/procedures/terminations/:id/force', [ReviewsController, 'force'])
        .as('procedures.school.terminations.force')
      router
        .get('/procedures/terminations/:id/materials/:fileId', [ReviewsController, 'material'])
        .as('procedures.school.terminations.material')
      router
        .get('/procedures/recommendations/:id/print', [ReviewsController, 'print'])
        .as('procedures.school.recommendations.print')
      router.get('/procedures/stats', [StatsController, 'school']).as('procedures.school.stats')
      router
        .get('/procedures/stats/export/:format', [StatsController, 'school'])
        .where('format', /^(csv|xlsx)$/)
        .as('procedures.school.stats.export')
      router
        .get('/procedures/stats/students', [StatsController, 'schoolStudents'])
        .as('procedures.school.stats.students')
      router
        .get('/procedures/national', [NationalController, 'show'])
        .as('procedures.school.national')
      router
        .get('/procedures/national/export/:format', [NationalController, 'export'])
        .where('format', /^(csv|xlsx)$/)
        .as('procedures.school.national.export')
      router
        .post('/procedures/national/import', [NationalController, 'preview'])
        .as('procedures.school.national.import')
      router
        .post('/procedures/national/import/confirm', [NationalController, 'confirm'])
        .as('procedures.school.national.import.confirm')
      router
        .get('/procedures/settings', [SettingsController, 'show'])
        .as('procedures.school.settings')
      router
        .post('/procedures/settings', [SettingsController, 'save'])
        .as('procedures.school.settings.save')
    },
    province: (router) => {
      router.get('/procedures/stats', [StatsController, 'province']).as('procedures.province.stats')
      router
        .get('/procedures/stats/export/:format', [StatsController, 'province'])
        .where('format', /^(csv|xlsx)$/)
        .as('procedures.province.stats.export')
      router
        .get('/procedures/stats/students', [StatsController, 'provinceStudents'])
        .as('procedures.province.stats.students')
    },
  },
  // Open API (/api/v1): the states the student home shows.
  api: {
    student: (router) => {
      describe(router.get('/me/procedures', [ProceduresApi, 'status']).as('api.me.procedures'), {
        summary: text('procedures.labels.api.status_summary'),
        tags: [text('procedures.labels.api.tag')],
        auth: true,
        response: [
          {
            id: 'string',
            label: 'string',
            status: 'string?',
            count: 'integer?',
            value: 'string',
            url: 'string',
          },
        ],
      })
    },
  },
  navigation: [
    nav({
      area: 'student',
      menu: 'procedures',
      label: 'procedures.nav.source',
      route: 'procedures.source',
      order: 10,
    }),
    nav({
      area: 'student',
      menu: 'procedures',
      label: 'procedures.nav.recommendation',
      route: 'procedures.recommendation',
      order: 11,
    }),
    nav({
      area: 'student',
      menu: 'procedures',
      label: 'procedures.nav.signing',
      route: 'procedures.signing',
      order: 12,
    }),
    nav({
      area: 'student',
      menu: 'procedures',
      label: 'procedures.nav.report',
      route: 'procedures.report',
      order: 13,
    }),
    nav({
      area: 'student',
      menu: 'procedures',
      label: 'procedures.nav.termination',
      route: 'procedures.termination',
      order: 14,
    }),
    nav({
      area: 'employer',
      label: 'procedures.nav.employer_signing',
      route: 'procedures.employer.signing',
      order: 30,
    }),
    nav({
      area: 'employer',
      label: 'procedures.nav.employer_terminations',
      route: 'procedures.employer.terminations',
      order: 31,
    }),
    nav({
      area: 'school',
      label: 'procedures.nav.school_reviews',
      route: 'procedures.school.reviews',
      order: 30,
    }),
    nav({
      area: 'school',
      label: 'procedures.nav.school_stats',
      route: 'procedures.school.stats',
      order: 31,
    }),
    nav({
      area: 'school',
      label: 'procedures.nav.school_national',
      route: 'procedures.school.national',
      order: 32,
    }),
    nav({
      area: 'province',
      label: 'procedures.nav.province_stats',
      route: 'procedures.province.stats',
      order: 31,
    }),
  ],
  widgets: [
    {
      id: 'procedures.home',
      slot: 'student.home',
      order: 20,
      render: async (ctx) =>
        (await import('#modules/procedures/services/home_widget')).renderHomeWidget(ctx),
    },
  ],
  // Chinese names of what the module writes to the audit log (core label registry).
  machines: async () => ({
    sourceRecord: (await import('#modules/procedures/machines/source_record')).sourceRecordMachine,
    changeRequest: (await import('#modules/procedures/machines/change_request'))
      .changeRequestMachine,
    recommendation: (await import('#modules/procedures/machines/recommendation'))
      .recommendationMachine,
    plan: (await import('#modules/procedures/machines/plan')).planMachine,
    invitation: (await import('#modules/procedures/machines/invitation')).invitationMachine,
    termination: (await import('#modules/procedures/machines/termination')).terminationMachine,
    nationalImport: (await import('#modules/procedures/machines/national_import'))
      .nationalImportMachine,
  }),
  audit: async () => (await import('#modules/procedures/services/audit_labels')).default,
  // 待办 on the homes: the review queues' counts for the school, invitations and terminations
  // awaiting answers for the employer (each links to its list on the same filter).
  todos: {
    school: async (ctx) => (await import('#modules/procedures/services/todos')).schoolTodos(ctx),
    employer: async (ctx) =>
      (await import('#modules/procedures/services/todos')).employerTodos(ctx),
  },
  settings: {
    fields: [
      // Province-wide (省级功能模块 page only): which rules the procedures follow.
      {
        key: 'procedures_mode',
        label: 'procedures.settings.procedures_mode',
        type: 'select',
        options: PROCEDURES_MODES,
      },
      {
        key: 'destination_code_version',
        label: 'procedures.settings.destination_code_version',
        type: 'select',
        options: CODE_VERSION_OPTIONS,
      },
      {
        key: 'termination_materials_required',
        label: 'procedures.settings.termination_materials_required',
        type: 'boolean',
        schoolOverridable: true,
      },
      ...SOURCE_FIELDS.map((f) => ({
        key: editableSettingKey(f.key),
        label: `procedures.settings.editable.${f.key}`,
        type: 'boolean' as const,
        schoolOverridable: true,
      })),
    ],
    defaults: { ...SETTINGS_DEFAULTS, ...PROVINCE_SETTINGS_DEFAULTS },
  },
  // 解约材料: stored and sent by #core/files (PDF/JPG/PNG by content, 10 MB, at most 5).
  filePurposes: materialFilePurposes,
  adminResources: async () => [
    (await import('#modules/procedures/admin/destination_codes_resource')).default,
    (await import('#modules/procedures/admin/plans_resource')).default,
    ...(await import('#modules/procedures/admin/review_queues_resource')).default,
  ],
  jobs: {
    'sign-deadline': () => import('#modules/procedures/jobs/sign_deadline_job'),
    'procedures-deadline-sweep': () => import('#modules/procedures/jobs/deadline_sweep_job'),
  },
  // The database is the source of truth for deadlines: the per-invitation delayed job is only
  // the punctual path; this sweep expires whatever is due even when Redis lost that job.
  schedules: [{ name: 'procedures-deadline-sweep', every: 60_000 }],
})
