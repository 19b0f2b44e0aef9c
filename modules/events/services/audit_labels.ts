import db from '@adonisjs/lucid/services/db'
import type { AuditLabelSet } from '#core/audit/labels'

/**
 * What 招聘活动 writes to the audit log, in Chinese: its contribution to the core's label
 * registry (`#core/audit/labels`, through the manifest's `audit`).
 */
export default {
  actions: {
    'events.create': '发布招聘活动',
    'events.update': '修改招聘活动',
    'events.booth.approve': '参展申请审核通过',
    'events.booth.reject': '参展申请审核退回',
    'events.session.approve': '宣讲会申请审核通过',
    'events.session.reject': '宣讲会申请审核退回',
  },
  subjects: { recruitment_event: '招聘活动', event_exhibitor: '参展申请' },
  fields: { title: '活动名称', kind: '活动类型', capacity: '人数上限', boothNo: '展位号' },
  values: { '*': { kind: { fair: '招聘会', session: '宣讲会' } } },
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
