import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { text } from '#core/i18n/text'
import {
  defineResource,
  type AnyQuery,
  type ColumnDef,
  type ResourceDefinition,
} from '#core/admin/resource'
import { useAdminArea } from '#core/admin/abilities'
import { nowDb } from '#core/database/time'
import type User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import { eventMachine } from '#modules/events/machines/event'
import { exhibitorMachine } from '#modules/events/machines/exhibitor'
import organiser, { organiserSchoolId } from '#modules/events/services/organiser_service'
import checkIns from '#modules/events/services/checkin_service'
import { filters } from '#modules/events/services/todos'
import { manageEvent } from '#modules/events/policies/event_policy'
import {
  approveBoothValidator,
  approveSessionValidator,
  messagesProvider,
  rejectValidator,
  toLocalInput,
} from '#modules/events/validators/event_validators'

/**
 * 招聘活动管理 as declared admin resources, the same for a school's staff (/school/events) and the
 * province (/province/events): the organiser's events with the tabs 未举办 / 已举办 / 宣讲会申请待审核
 * / 参展申请待审核, the record page with its exhibitors (a child table of the exhibitor resource),
 * and the reviews — 宣讲会申请 on the event, 参展申请 on the exhibitor — performed by the organiser
 * service through the events machines. The create / edit form and the check-in pages stay the
 * module's own pages (controllers/school/*).
 */
type Area = 'school' | 'province'
const L = 'events.organiser.admin'

/** The organiser's rows: its school's events (the province: province-wide ones); a teacher limited
 * to one college manages none (`manageEvent`), so for them there is no such record (404). */
function organiserScope(user: User, apply: (schoolId: number | null) => void, none: () => void) {
  if (user.kind === 'staff' && user.college) return none()
  apply(organiserSchoolId(user))
}

/** The reason of a rejection (驳回原因): the review form's `reason`, else its comment. */
async function rejectReason(input: Record<string, any>, comment: string | null) {
  const { reason } = await rejectValidator.validate(
    { reason: input.reason || comment || undefined },
    { messagesProvider }
  )
  return reason
}

/** Sub-selects of the list: booth applications awaiting review, registrations and check-ins. */
function withFigures(query: AnyQuery) {
  return query
    .select('recruitment_events.*')
    .select(
      db.raw(
        `(SELECT COUNT(*) FROM event_exhibitors x WHERE x.event_id = recruitment_events.id AND x.status = 'pending') AS pending_booths`
      ),
      db.raw(
        `(SELECT COUNT(*) FROM event_registrations r WHERE r.event_id = recruitment_events.id AND r.status = 'registered') AS registered_count`
      ),
      db.raw(
        `(SELECT COUNT(r.checked_in_at) FROM event_registrations r WHERE r.event_id = recruitment_events.id AND r.status = 'registered') AS checked_in_count`
      )
    )
}

/** The columns of an exhibitor (the child table on the event's page shows these). */
const EXHIBITOR_COLUMNS: ColumnDef[] = [
  { key: 'employer', label: 'events.organiser.show.employer', value: (r) => r.employer?.name },
  { key: 'status', label: 'events.common.status', machine: exhibitorMachine },
  { key: 'boothNo', label: 'events.common.booth', value: (r) => r.boothNo || '—' },
  {
    key: 'note',
    label: 'events.validator.fields.note',
    value: (r) => r.note || r.rejectReason || '',
  },
]

const resources = new Map<string, ResourceDefinition>()

/** 参展单位 of the organiser's fairs: the child table of an event, reviewed here (参展申请). */
export function exhibitorsResource(area: Area): ResourceDefinition {
  const key = `exhibitors-${area}`
  if (resources.has(key)) return resources.get(key)!
  const def = defineResource({
    area,
    id: 'exhibitors',
    label: 'events.common.exhibitors',
    singular: 'events.organiser.admin.exhibitor',
    subject: 'event_exhibitor',
    model: Exhibitor,
    menu: false,
    scope: (query: AnyQuery, user: User) =>
      organiserScope(
        user,
        (schoolId) =>
          query.whereIn(
            'event_exhibitors.event_id',
            filters.organiserEvents(db.from('recruitment_events'), schoolId).select('id')
          ),
        () => query.whereRaw('1 = 0')
      ),
    // Applications awaiting review first.
    query: (q) =>
      q
        .preload('employer')
        .preload('event')
        .orderByRaw("CASE WHEN event_exhibitors.status = 'pending' THEN 0 ELSE 1 END"),
    abilities: {
      list: () => [useAdminArea, area],
      view: (_ctx, record) => [manageEvent, record.event],
      update: (_ctx, record) => [manageEvent, record.event],
    },
    title: (r) => r.employer?.name ?? `#${r.id}`,
    columns: [
      { key: 'event', label: 'events.common.event', value: (r) => r.event?.title },
      ...EXHIBITOR_COLUMNS,
    ],
    detail: [
      { key: 'event', label: 'events.common.event', value: (r) => r.event?.title },
      { key: 'employer', label: 'events.organiser.show.employer', value: (r) => r.employer?.name },
      {
        key: 'status',
        label: 'events.common.status',
        value: (r) => exhibitorMachine.label(r.status),
      },
      { key: 'boothNo', label: 'events.common.booth' },
      { key: 'note', label: 'events.validator.fields.note', format: 'multiline' },
      { key: 'rejectReason', label: 'events.validator.fields.reason' },
    ],
    tabs: [
      { id: 'pending', label: `${L}.tabs.pending_booths`, states: ['pending'], default: true },
      { id: 'all', label: `${L}.tabs.all`, count: false },
    ],
    emptyMessage: 'events.organiser.empty_booths',
    review: {
      machine: exhibitorMachine,
      approve: 'approve',
      return: 'reject',
      approveLabel: 'events.common.approve',
      returnLabel: 'events.common.reject',
      fields: [
        { name: 'booth_no', label: 'events.validator.fields.booth_no' },
        { name: 'reason', label: 'events.validator.fields.reason', type: 'textarea' },
      ],
      // The organiser service decides (machine transition, 站内消息 to the employer, audit).
      perform: async ({ user, record, decision, comment, input }) => {
        if (decision === 'approve') {
          const data = await approveBoothValidator.validate(
            { booth_no: input.booth_no ?? undefined },
            { messagesProvider }
          )
          await organiser.approveBooth(user, record as Exhibitor, data.booth_no)
          return text('events.flash.booth_approved')
        }
        await organiser.rejectBooth(user, record as Exhibitor, await rejectReason(input, comment))
        return text('events.flash.booth_rejected')
      },
    },
  })
  resources.set(key, def)
  return def
}

/** The verified employers (宣讲单位 / 添加参展单位). */
export function verifiedEmployers() {
  return Employer.query().where('status', 'verified').orderBy('name').select('id', 'name')
}

/** 招聘活动管理 of an organiser area. */
export function eventsResource(area: Area): ResourceDefinition {
  const key = `events-${area}`
  if (resources.has(key)) return resources.get(key)!
  const base = `/${area}/events`
  const def = defineResource({
    area,
    id: 'events',
    label: 'events.nav.manage',
    singular: 'events.common.event',
    subject: 'recruitment_event',
    model: RecruitmentEvent,
    order: 30,
    scope: (query: AnyQuery, user: User) =>
      organiserScope(
        user,
        (schoolId) => filters.organiserEvents(query, schoolId),
        () => query.whereRaw('1 = 0')
      ),
    query: (q) => withFigures(q.preload('employer')),
    abilities: {
      list: () => [useAdminArea, area],
      view: (_ctx, record) => [manageEvent, record],
      update: (_ctx, record) => [manageEvent, record],
    },
    columns: [
      { key: 'kind', label: `${L}.columns.kind`, value: (r) => r.kindLabel },
      { key: 'title', label: 'events.common.event', link: true },
      {
        key: 'employer',
        label: 'events.common.speaker_employer',
        value: (r) => r.employer?.name ?? '',
      },
      { key: 'startsAt', label: 'events.common.time', format: 'datetime' },
      {
        key: 'place',
        label: 'events.organiser.mode_place',
        value: (r) =>
          r.isOffline
            ? text('events.organiser.offline_at', { place: r.place || r.roomWish || '' })
            : text('events.common.online'),
      },
      {
        key: 'attendance',
        label: 'events.organiser.registered_checked',
        value: (r) =>
          r.isOffline && r.capacity
            ? `${Number(r.$extras.registered_count ?? 0)}/${r.capacity} · ` +
              text('events.organiser.checked_in_count', {
                count: Number(r.$extras.checked_in_count ?? 0),
              })
            : '—',
      },
      { key: 'status', label: 'events.common.status', machine: eventMachine },
      {
        key: 'pendingBooths',
        label: `${L}.columns.pending_booths`,
        value: (r) =>
          Number(r.$extras.pending_booths ?? 0)
            ? text('events.organiser.pending_booths', { count: Number(r.$extras.pending_booths) })
            : '',
      },
    ],
    search: ['title'],
    searchPlaceholder: `${L}.search_placeholder`,
    filters: [
      {
        key: 'kind',
        label: `${L}.columns.kind`,
        options: [
          { value: 'fair', label: 'events.common.fair' },
          { value: 'session', label: 'events.common.session' },
        ],
      },
    ],
    // Each tab lists in its own order (the next events first; the latest past one first).
    tabs: [
      {
        id: 'upcoming',
        label: 'events.organiser.tabs.upcoming',
        default: true,
        count: false,
        where: (q) =>
          q
            .where('recruitment_events.status', 'published')
            .where('recruitment_events.ends_at', '>', nowDb())
            .orderBy('recruitment_events.starts_at', 'asc'),
      },
      {
        id: 'past',
        label: 'events.common.past',
        count: false,
        where: (q) =>
          q
            .where('recruitment_events.status', 'published')
            .where('recruitment_events.ends_at', '<=', nowDb())
            .orderBy('recruitment_events.starts_at', 'desc'),
      },
      {
        id: 'pending',
        label: `${L}.tabs.pending_sessions`,
        states: ['pending'],
        where: (q) => q.orderBy('recruitment_events.starts_at', 'asc'),
      },
      // 参展申请待审核: the events with booth applications to review (工作台 to-do).
      {
        id: 'booths',
        label: 'events.organiser.tabs.booths',
        where: (q) => filters.withPendingBooths(q).orderBy('recruitment_events.starts_at', 'asc'),
      },
    ],
    emptyMessage: 'events.organiser.empty',
    toolbar: [
      { label: 'events.organiser.publish_fair', href: `${base}/new?kind=fair`, primary: true },
      ...(area === 'school'
        ? [{ label: 'events.organiser.publish_session', href: `${base}/new?kind=session` }]
        : []),
      { label: 'events.nav.checkin', href: `/${area}/checkin` },
    ],
    children: [
      {
        id: 'exhibitors',
        label: 'events.common.exhibitors',
        resource: () => exhibitorsResource(area),
        foreignKey: 'event_id',
        columns: EXHIBITOR_COLUMNS,
        limit: 500,
        emptyMessage: 'events.organiser.show.no_exhibitors',
      },
    ],
    // 宣讲会申请: the hosting school approves with a room, seats and a registration window, or
    // rejects with a reason; the organiser service applies the event machine.
    review: {
      machine: eventMachine,
      approve: 'approve',
      return: 'reject',
      approveLabel: 'events.common.approve',
      returnLabel: 'events.common.reject',
      fields: [
        { name: 'place', label: 'events.organiser.show.session_place' },
        { name: 'capacity', label: 'events.common.capacity', type: 'number' },
        {
          name: 'registration_starts_at',
          label: 'events.validator.fields.registration_starts_at',
          type: 'datetime-local',
        },
        {
          name: 'registration_ends_at',
          label: 'events.validator.fields.registration_ends_at',
          type: 'datetime-local',
        },
        { name: 'reason', label: 'events.validator.fields.reason', type: 'textarea' },
      ],
      perform: async ({ user, record, decision, comment, input }) => {
        if (decision === 'approve') {
          const data = await approveSessionValidator.validate(
            Object.fromEntries(
              Object.entries(input).filter(([k, v]) => k !== 'reason' && v !== null && v !== '')
            ),
            { messagesProvider }
          )
          await organiser.approveSession(user, record as RecruitmentEvent, data)
          return text('events.flash.session_approved')
        }
        await organiser.rejectSession(
          user,
          record as RecruitmentEvent,
          await rejectReason(input, comment)
        )
        return text('events.flash.session_rejected')
      },
    },
    show: async ({ ctx, record, state }) => eventPage(ctx, area, record as RecruitmentEvent, state),
  })
  resources.set(key, def)
  return def
}

/** The record page: figures, details, the session review, the exhibitors and the history. */
async function eventPage(
  ctx: HttpContext,
  area: Area,
  event: RecruitmentEvent,
  state: Record<string, any>
) {
  const attendance = (await checkIns.attendance([event.id])).get(event.id)!
  const exhibitors = await Exhibitor.query().where('event_id', event.id).select('id', 'status')
  return ctx.view.render('events::pages/school/show', {
    ...state,
    area,
    event,
    attendance,
    approvedExhibitors: exhibitors.filter((x) => x.status === 'approved').length,
    pendingExhibitors: exhibitors.filter((x) => x.status === 'pending').map((x) => x.id),
    employers: event.kind === 'fair' ? await verifiedEmployers() : [],
    toLocalInput,
  })
}

export default [
  eventsResource('school'),
  exhibitorsResource('school'),
  eventsResource('province'),
  exhibitorsResource('province'),
]
