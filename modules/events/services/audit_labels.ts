import db from '@adonisjs/lucid/services/db'
import { text } from '#core/i18n/text'
import { kindLabel } from '#modules/events/models/recruitment_event'
import type { AuditLabelSet } from '#core/audit/labels'

/**
 * What 招聘活动 writes to the audit log, in Chinese: its contribution to the core's label
 * registry (`#core/audit/labels`, through the manifest's `audit`).
 */
export default {
  actions: {
    'events.create': text('events.audit.actions.create'),
    'events.update': text('events.audit.actions.update'),
    'events.booth.approve': text('events.audit.actions.booth_approve'),
    'events.booth.reject': text('events.audit.actions.booth_reject'),
    'events.session.approve': text('events.audit.actions.session_approve'),
    'events.session.reject': text('events.audit.actions.session_reject'),
  },
  subjects: {
    recruitment_event: text('events.audit.subjects.recruitment_event'),
    event_exhibitor: text('events.audit.subjects.event_exhibitor'),
  },
  fields: {
    title: text('events.audit.fields.title'),
    kind: text('events.audit.fields.kind'),
    capacity: text('events.audit.fields.capacity'),
    boothNo: text('events.audit.fields.booth_no'),
  },
  values: { '*': { kind: { fair: kindLabel('fair'), session: kindLabel('session') } } },
  titles: {
    recruitment_event: async (ids) => {
      const rows = await db.from('recruitment_events').whereIn('id', ids).select('id', 'title')
      return new Map(rows.map((r: any) => [String(r.id), String(r.title)]))
    },
    event_exhibitor: async (ids) => {
      const rows = await db
        .from('event_exhibitors')
        .join('employers', 'employers.id', 'event_exhibitors.employer_id')
        .whereIn('event_exhibitors.id', ids)
        .select('event_exhibitors.id as id', 'employers.name as name')
      return new Map(rows.map((r: any) => [String(r.id), String(r.name)]))
    },
  },
} satisfies AuditLabelSet
