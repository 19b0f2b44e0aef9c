import vine from '@vinejs/vine'
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { defineResource, type ResourceDefinition } from '#core/admin/resource'
import Announcement from '#core/announcements/models/announcement'
import { scopeToActor } from '#core/tenancy/school_scope'
import { DISPLAY_ZONE } from '#core/ui/format'
import { fromLocalInput, vineLocalDateTime } from '#core/validation/rules'

/**
 * 招聘公告: a school publishes on its subsite, the province on the main site.
 * Scope: the school's own site (through scopeToActor on `sites`) / the main site.
 */
function announcements(area: 'school' | 'province'): ResourceDefinition {
  return defineResource({
    area,
    id: 'announcements',
    label: '招聘公告',
    singular: '公告',
    subject: 'announcement',
    group: '信息发布',
    order: 60,
    model: Announcement,
    scope:
      area === 'school'
        ? (q, user) =>
            q.whereIn(
              'announcements.site_id',
              scopeToActor(db.from('sites').select('id').where('is_main', false), user, {
                school: 'school_id',
              })
            )
        : (q) =>
            q.whereIn(
              'announcements.site_id',
              db.from('sites').select('id').where('is_main', true)
            ),
    title: (a) => a.title,
    columns: [
      { key: 'title', label: '标题', sortable: true, link: true },
      {
        key: 'publishedAt',
        label: '发布时间',
        sortable: 'announcements.published_at',
        format: 'datetime',
      },
      {
        key: 'state',
        label: '状态',
        tag: { live: ['已发布', 'green'], scheduled: ['定时发布', 'orange'] },
        value: (a) => (a.publishedAt > DateTime.now() ? 'scheduled' : 'live'),
      },
    ],
    search: ['title', 'body'],
    searchPlaceholder: '标题 / 正文',
    defaultSort: { column: 'announcements.published_at', direction: 'desc' },
    detail: [
      { key: 'title', label: '标题' },
      { key: 'publishedAt', label: '发布时间', format: 'datetime' },
      { key: 'body', label: '正文', format: 'multiline' },
    ],
    form: {
      fields: [
        { name: 'title', label: '标题', required: true },
        { name: 'body', label: '正文', type: 'textarea', required: true },
        {
          name: 'publishedAt',
          label: '发布时间',
          type: 'datetime-local',
          help: '留空表示立即发布；填写将来的时间则到时自动显示',
          value: (a) => a.publishedAt?.setZone(DISPLAY_ZONE).toFormat("yyyy-MM-dd'T'HH:mm"),
        },
      ],
      validator: () =>
        vine.compile(
          vine.object({
            title: vine.string().trim().minLength(2).maxLength(200),
            body: vine.string().trim().minLength(1).maxLength(20000),
            // 2026-02-30 or 99999-01-01 is refused beside the field (it was a 500).
            publishedAt: vineLocalDateTime().optional(),
          })
        ),
      save: async ({ data, record, trx, user }) => {
        const announcement = record ?? new Announcement()
        announcement.useTransaction(trx)
        if (!record) {
          const site = await trx
            .from('sites')
            .where(area === 'school' ? { school_id: user.schoolId } : { is_main: true })
            .select('id')
            .firstOrFail()
          announcement.merge({ siteId: site.id, authorId: user.id })
        }
        const publishedAt = data.publishedAt
          ? fromLocalInput(data.publishedAt)
          : (record?.publishedAt ?? DateTime.now())
        announcement.merge({ title: data.title, body: data.body, publishedAt })
        await announcement.save()
        return announcement
      },
    },
    deletable: true,
    emptyMessage: area === 'school' ? '本校暂未发布招聘公告' : '暂未发布省级招聘公告',
  })
}

export default [announcements('school'), announcements('province')]
