import { DateTime } from 'luxon'
import { BaseModel, column } from '@adonisjs/lucid/orm'

/** A private upload (licence, resume attachment, termination material …) kept under STORAGE_PATH. */
export default class StoredFile extends BaseModel {
  static table = 'files'

  @column({ isPrimary: true })
  declare id: number

  /** The user who uploaded it. */
  @column()
  declare ownerId: number | null

  /** What it is for: `employer_licence`, `resume_attachment`, … (decides who may read it). */
  @column()
  declare purpose: string

  /** Path relative to the storage root (never exposed). */
  @column({ serializeAs: null })
  declare path: string

  @column()
  declare originalName: string

  @column()
  declare mime: string

  @column()
  declare size: number

  @column.dateTime({ autoCreate: true, autoUpdate: false })
  declare createdAt: DateTime

  get sizeLabel() {
    return this.size >= 1024 * 1024
      ? `${(this.size / 1024 / 1024).toFixed(1)} MB`
      : `${Math.ceil(this.size / 1024)} KB`
  }
}
