import { defineModule, type NavigationEntry } from '#core/modules/manifest'
import appRouter from '@adonisjs/core/services/router'
import { text } from '#core/i18n/text'
import type { Router } from '@adonisjs/core/http'
import { describe } from '#core/api/describe'
import {
  eventListQuery,
  myEventsQuery,
  EVENT_DETAIL_SHAPE,
  EVENT_SHAPE,
  REGISTRATION_SHAPE,
  TICKET_SHAPE,
} from '#modules/events/controllers/api/schemas'

const PublicEvents = () => import('#modules/events/controllers/public/events_controller')
const Registrations = () => import('#modules/events/controllers/student/registrations_controller')
const EmployerEvents = () => import('#modules/events/controllers/employer/events_controller')
const ManageEvents = () => import('#modules/events/controllers/school/events_controller')
const CheckIns = () => import('#modules/events/controllers/school/check_ins_controller')
const EventsApi = () => import('#modules/events/controllers/api/events_api_controller')
const EventsOpenData = () => import('#modules/events/controllers/api/open_data_controller')

/** The API tag of the module's endpoints (read when the routes are registered). */
const apiTags = () => [text('events.labels.api.tag')]

/** A navigation entry whose href is the URL of a named route (built when the menu is). */
function nav({ route, ...entry }: Omit<NavigationEntry, 'href'> & { route: string }) {
  return {
    ...entry,
    get href() {
      return appRouter.makeUrl(route)
    },
  } as NavigationEntry
}

/**
 * Organiser pages of /school/… and /province/… besides the declared admin resources (the event
 * list and record page, the booth and session reviews: `admin/events_resource.ts`): the
 * create / edit form, 添加参展单位 and 入场签到.
 */
function organiserRoutes(area: 'school' | 'province') {
  return (router: Router) => {
    router.get('/events/new', [ManageEvents, 'create']).as(`events.${area}.create`)
    router.post('/events', [ManageEvents, 'store']).as(`events.${area}.store`)
    router.get('/events/:id/edit', [ManageEvents, 'edit']).as(`events.${area}.edit`)
    router.post('/events/:id', [ManageEvents, 'update']).as(`events.${area}.update`)
    router
      .post('/events/:id/exhibitors', [ManageEvents, 'addExhibitor'])
      .as(`events.${area}.exhibitors.add`)
    router.get('/checkin', [CheckIns, 'index']).as(`events.${area}.checkin.index`)
    router.get('/events/:id/checkin', [CheckIns, 'show']).as(`events.${area}.checkin`)
    router.post('/events/:id/checkin', [CheckIns, 'store']).as(`events.${area}.checkin.store`)
  }
}

export default defineModule({
  id: 'events',
  // Texts from the lang file, read when asked (the manifest is imported before translations load).
  name: {
    get zh() {
      return text('events.labels.module_name')
    },
    en: 'Recruitment events',
  },
  version: '1.0.0',
  get description() {
    return text('events.labels.module_description')
  },
  routes: {
    public: (router) => {
      router.get('/fairs', [PublicEvents, 'fairs']).as('events.fairs')
      router.get('/fairs/:id', [PublicEvents, 'show']).as('events.fairs.show')
      router.get('/sessions', [PublicEvents, 'sessions']).as('events.sessions')
      router.get('/sessions/:id', [PublicEvents, 'show']).as('events.sessions.show')
    },
    student: (router) => {
      // The same lists and details inside the student centre (with its navigation).
      router.get('/fairs', [PublicEvents, 'fairs']).as('events.student.fairs')
      router.get('/fairs/:id', [PublicEvents, 'show']).as('events.student.fairs.show')
      router.get('/sessions', [PublicEvents, 'sessions']).as('events.student.sessions')
      router.get('/sessions/:id', [PublicEvents, 'show']).as('events.student.sessions.show')
      router.get('/events', [Registrations, 'index']).as('events.student.mine')
      router.post('/events/:id/register', [Registrations, 'store']).as('events.student.register')
      router.get('/registrations/:id/ticket', [Registrations, 'ticket']).as('events.student.ticket')
      router
        .post('/registrations/:id/cancel', [Registrations, 'cancel'])
        .as('events.student.cancel')
    },
    employer: (router) => {
      router.get('/events/fairs', [EmployerEvents, 'fairs']).as('events.employer.fairs')
      router
        .post('/events/fairs/:id/apply', [EmployerEvents, 'applyForBooth'])
        .as('events.employer.booth')
      router.get('/events/sessions', [EmployerEvents, 'sessions']).as('events.employer.sessions')
      router
        .get('/events/sessions/new', [EmployerEvents, 'newSession'])
        .as('events.employer.sessions.new')
      router
        .post('/events/sessions', [EmployerEvents, 'applyForSession'])
        .as('events.employer.sessions.store')
    },
    school: organiserRoutes('school'),
    province: organiserRoutes('province'),
  },
  // Open API (/api/v1): the same catalog and registration services as the pages.
  api: {
    public: (router) => {
      for (const [path, kind] of [
        ['fairs', 'fair'],
        ['sessions', 'session'],
      ] as const) {
        const label = text(`events.labels.kind.${kind}`)
        describe(router.get(`/${path}`, [EventsApi, path]).as(`api.events.${path}`), {
          summary: text('events.labels.api.list', { kind: label }),
          tags: apiTags(),
          query: eventListQuery,
          paged: true,
          response: EVENT_SHAPE,
        })
        describe(router.get(`/${path}/:id`, [EventsApi, kind]).as(`api.events.${path}.show`), {
          summary: text('events.labels.api.detail', { kind: label }),
          tags: apiTags(),
          response: EVENT_DETAIL_SHAPE,
        })
      }
    },
    student: (router) => {
      describe(router.get('/me/registrations', [EventsApi, 'mine']).as('api.events.mine'), {
        summary: text('events.labels.api.mine'),
        tags: apiTags(),
        auth: true,
        query: myEventsQuery,
        paged: true,
        response: REGISTRATION_SHAPE,
      })
      describe(
        router.post('/events/:id/registrations', [EventsApi, 'register']).as('api.events.register'),
        {
          summary: text('events.labels.api.register'),
          tags: apiTags(),
          auth: true,
          response: TICKET_SHAPE,
          refusals: { 422: text('events.labels.api.register_refusals') },
        }
      )
      describe(
        router.post('/me/registrations/:id/cancel', [EventsApi, 'cancel']).as('api.events.cancel'),
        {
          summary: text('events.labels.api.cancel'),
          tags: apiTags(),
          auth: true,
          response: TICKET_SHAPE,
        }
      )
      describe(
        router.get('/me/registrations/:id/ticket', [EventsApi, 'ticket']).as('api.events.ticket'),
        {
          summary: text('events.labels.api.ticket'),
          tags: apiTags(),
          auth: true,
          response: TICKET_SHAPE,
        }
      )
    },
    openData: (router) => {
      router
        .post('/web/wsjysc/lbxq/getXjhPageList', [EventsOpenData, 'sessions'])
        .as('events.open_data.sessions')
      router
        .post('/web/wsjysc/lbxq/getZphPageList', [EventsOpenData, 'fairs'])
        .as('events.open_data.fairs')
      router
        .get('/sub-station/lectureDetail', [EventsOpenData, 'sessionDetail'])
        .as('events.open_data.session_detail')
      router
        .get('/recruitment/meetingDetail', [EventsOpenData, 'fairDetail'])
        .as('events.open_data.fair_detail')
    },
    homeCounts: async (userId) => ({
      upcoming_events: await (
        await import('#modules/events/services/registration_service')
      ).default.upcomingCount(userId),
    }),
  },
  // hrefs from route names, resolved when a menu is built (the routes exist by then).
  navigation: [
    nav({ area: 'public', label: 'events.nav.fairs', route: 'events.fairs', order: 10 }),
    nav({ area: 'public', label: 'events.nav.sessions', route: 'events.sessions', order: 20 }),
    nav({
      area: 'student',
      menu: 'job_center',
      label: 'events.nav.fairs',
      route: 'events.student.fairs',
      order: 30,
    }),
    nav({
      area: 'student',
      menu: 'job_center',
      label: 'events.nav.sessions',
      route: 'events.student.sessions',
      order: 31,
    }),
    nav({
      area: 'student',
      menu: 'job_center',
      label: 'events.nav.mine',
      route: 'events.student.mine',
      order: 32,
    }),
    nav({
      area: 'employer',
      label: 'events.nav.employer_fairs',
      route: 'events.employer.fairs',
      order: 30,
    }),
    nav({
      area: 'employer',
      label: 'events.nav.employer_sessions',
      route: 'events.employer.sessions',
      order: 31,
    }),
    // 招聘活动管理 is the admin resource's own menu entry (order 30).
    nav({
      area: 'school',
      label: 'events.nav.checkin',
      route: 'events.school.checkin.index',
      order: 31,
    }),
    nav({
      area: 'province',
      label: 'events.nav.checkin',
      route: 'events.province.checkin.index',
      order: 31,
    }),
  ],
  widgets: [
    {
      id: 'events.student.home',
      slot: 'student.home',
      order: 20,
      render: async (ctx) => (await import('#modules/events/widgets')).studentHome(ctx),
    },
    {
      id: 'events.portal',
      slot: 'portal',
      order: 20,
      render: async (ctx) => (await import('#modules/events/widgets')).portal(ctx),
    },
    {
      id: 'events.company',
      slot: 'company.page',
      order: 20,
      render: async (ctx, props) =>
        (await import('#modules/events/widgets')).companyPage(ctx, Number(props?.employerId)),
    },
  ],
  // 招聘活动管理 (/school/events, /province/events): the event list with its tabs, the record page
  // with the exhibitors, the booth and session reviews.
  adminResources: async () => (await import('#modules/events/admin/events_resource')).default,
  // Chinese names of what the module writes to the audit log (core label registry).
  machines: async () => ({
    event: (await import('#modules/events/machines/event')).default,
    exhibitor: (await import('#modules/events/machines/exhibitor')).default,
    registration: (await import('#modules/events/machines/registration')).default,
  }),
  audit: async () => (await import('#modules/events/services/audit_labels')).default,
  // 待办: booth and session applications awaiting the organiser; the employer's recent review results.
  todos: {
    school: async (ctx) => (await import('#modules/events/services/todos')).organiserTodos(ctx),
    province: async (ctx) => (await import('#modules/events/services/todos')).organiserTodos(ctx),
    employer: async (ctx) => (await import('#modules/events/services/todos')).employerTodos(ctx),
  },
  jobs: {
    'events-reminder': () => import('#modules/events/jobs/event_reminder_job'),
    'events-reminder-sweep': () => import('#modules/events/jobs/reminder_sweep_job'),
  },
  // Safety net for the delayed per-registration reminders (lost when Redis restarts without
  // persistence): every minute, sends each due reminder that was not sent yet, never twice.
  schedules: [{ name: 'events-reminder-sweep', every: 60_000 }],
})
