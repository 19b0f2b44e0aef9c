import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Site from '#core/tenancy/models/site'
import { nowDb } from '#core/database/time'

/** 招聘公告 of the province (main site) or of one school (its subsite). */
export default class Announcement extends BaseModel {
  @column({ isPrimary: true })
  declare id: number

  @column()
  declare siteId: number

  @column()
  declare title: string

  @column()
  declare body: string

  @column()
  declare authorId: number | null

  @column.dateTime()
  declare publishedAt: DateTime

  @belongsTo(() => Site)
  declare site: BelongsTo<typeof Site>

  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime

  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime

  /**
   * What a site shows: on the main site the province's and every school's; on a subsite
   * the province's and its own. `schoolSiteId` narrows to a student's own school.
   */
  static visibleOn(site: Site, mainSiteId: number) {
    const query = this.query().where('published_at', '<=', nowDb()).preload('site')
    if (!site.isMain) query.whereIn('site_id', [mainSiteId, site.id])
    return query.orderBy('published_at', 'desc').orderBy('id', 'desc')
  }

  /**
   * The latest `limit` of a subsite (or the main site) when both site rows are already in hand
   * (the tenancy cache): on a subsite every row belongs to one of the two, so their `site` is set
   * from them instead of a preload query.
   */
  static async latest(site: Site, main: Site, limit: number) {
    if (site.isMain) return this.visibleOn(site, main.id).limit(limit)
    const rows = await this.query()
      .where('published_at', '<=', nowDb())
      .whereIn('site_id', [main.id, site.id])
      .orderBy('published_at', 'desc')
      .orderBy('id', 'desc')
      .limit(limit)
    for (const row of rows) row.$setRelated('site', row.siteId === main.id ? main : site)
    return rows
  }
}
