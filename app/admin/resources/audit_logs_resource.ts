import db from '@adonisjs/lucid/services/db'
import { defineResource, type ResourceDefinition } from '#core/admin/resource'
import { manageOwnSchoolData } from '#core/admin/abilities'
import AuditLog from '#core/audit/models/audit_log'

const KINDS: Record<string, [string, 'blue' | 'green' | 'orange' | 'red' | 'gray']> = {
  admin: ['省级管理员', 'red'],
  staff: ['学校老师', 'blue'],
  employer: ['用人单位', 'orange'],
  student: ['学生', 'green'],
  system: ['系统', 'gray'],
}

function auditLogs(area: 'school' | 'province'): ResourceDefinition {
  return defineResource({
    area,
    id: 'audit-logs',
    label: '操作日志',
    subject: 'audit_log',
    group: '系统设置',
    order: 95,
    model: AuditLog,
    scope: area === 'province' ? 'none' : { school: 'school_id' },
    query: (q) => q.preload('actor').preload('school'),
    title: (log) => `操作日志 #${log.id}${log.described ? ' ' + log.described.action : ''}`,
    columns: [
      { key: 'createdAt', label: '时间', sortable: 'audit_logs.created_at', format: 'datetime' },
      {
        key: 'actorName',
        label: '操作人',
        value: (log) => log.actor?.name ?? (log.actorId ? `#${log.actorId}` : '系统'),
      },
      { key: 'actorKind', label: '身份', tag: KINDS },
      ...(area === 'province'
        ? [{ key: 'schoolName', label: '学校', value: (log: any) => log.school?.name ?? '省级' }]
        : []),
      // Chinese through the one audit label registry (the model describes rows when fetched).
      { key: 'action', label: '操作', sortable: true, value: (log) => log.described.action },
      { key: 'subject', label: '对象', value: (log) => log.described.subject },
      { key: 'changeLines', label: '变更内容', value: (log) => log.changeLines.join('；') },
    ],
    search: ['action', 'subject_type', 'subject_id'],
    searchPlaceholder: '操作 / 对象类型 / 对象编号',
    filters: [
      {
        key: 'actorKind',
        label: '身份',
        options: Object.entries(KINDS).map(([value, [label]]) => ({ value, label })),
      },
      ...(area === 'province'
        ? [
            {
              key: 'schoolId',
              label: '学校',
              options: async () =>
                (await db.from('schools').orderBy('code').select('id', 'name')).map((s: any) => ({
                  value: s.id,
                  label: s.name,
                })),
            },
          ]
        : []),
    ],
    defaultSort: { column: 'audit_logs.id', direction: 'desc' },
    perPage: 30,
    detail: [
      { key: 'createdAt', label: '时间', format: 'datetime' },
      { key: 'actorName', label: '操作人', value: (log) => log.actor?.name ?? '系统' },
      {
        key: 'actorKind',
        label: '身份',
        value: (log) => KINDS[log.actorKind ?? 'system']?.[0] ?? log.actorKind,
      },
      { key: 'action', label: '操作', value: (log) => log.described.action },
      { key: 'subject', label: '对象', value: (log) => log.described.subject },
      { key: 'ip', label: 'IP 地址' },
      {
        key: 'changeLines',
        label: '变更内容',
        format: 'multiline',
        value: (log) => log.changeLines.join('\n'),
      },
    ],
    // Read-only: nobody edits the audit log. In a school, only its non-college-scoped staff read it.
    abilities:
      area === 'school'
        ? {
            list: (ctx) => [manageOwnSchoolData, ctx.auth.use('web').user!.schoolId],
            view: (_ctx, log) => [manageOwnSchoolData, log.schoolId],
          }
        : undefined,
    exportable: true,
    emptyMessage: '暂无操作日志',
  })
}

export default [auditLogs('province'), auditLogs('school')]
