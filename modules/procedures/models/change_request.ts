import { DateTime } from 'luxon'
import { BaseModel, belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import Graduate from '#core/registry/models/graduate'
import { jsonColumn } from '#modules/procedures/models/json_column'
import { sealKeys, unsealKeys } from '#core/privacy/sealed'

const json = jsonColumn<Record<string, [unknown, unknown]>>({})

/** 生源信息变更申请 (信息有误，申请修改): old → new per field. */
export default class ChangeRequest extends BaseModel {
  static table = 'source_change_requests'

  @column({ isPrimary: true })
  declare id: number
  @column()
  declare graduateId: number
  @column()
  declare schoolId: number
  @column()
  declare userId: number | null
  // old → new per field; a 身份证号 pair is stored sealed (app/privacy/sealed.ts).
  @column({
    prepare: (value: Record<string, [unknown, unknown]> | null) =>
      json.prepare(value && sealKeys(value, ['idNumber'])),
    consume: (value: unknown) => unsealKeys(json.consume(value), ['idNumber']),
  })
  declare changes: Record<string, [unknown, unknown]>
  @column()
  declare reason: string | null
  @column()
  declare status: 'pending' | 'approved' | 'returned'
  @column()
  declare reviewComment: string | null
  @column()
  declare reviewedBy: number | null
  @column.dateTime()
  declare reviewedAt: DateTime | null
  @column()
  declare openKey: number | null
  @belongsTo(() => Graduate)
  declare graduate: BelongsTo<typeof Graduate>
  @column.dateTime({ autoCreate: true })
  declare createdAt: DateTime
  @column.dateTime({ autoCreate: true, autoUpdate: true })
  declare updatedAt: DateTime
}
