import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // 招聘公告: site_id of the main site for province-wide ones.
    this.schema.createTable('announcements', (table) => {
      table.increments('id')
      table.integer('site_id').unsigned().notNullable().references('sites.id').onDelete('CASCADE')
      table.string('title', 200).notNullable()
      table.text('body').notNullable()
      table.integer('author_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('published_at').notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['site_id', 'published_at'])
    })

    // 站内消息. `dedupe_key` makes a job that runs twice leave one message.
    this.schema.createTable('messages', (table) => {
      table.bigIncrements('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('category', 30).notNullable().defaultTo('system')
      table.string('title', 200).notNullable()
      table.text('body').nullable()
      table.string('link', 500).nullable()
      table.string('dedupe_key', 200).nullable()
      table.timestamp('read_at').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'dedupe_key'])
      table.index(['user_id', 'read_at'])
      table.index(['user_id', 'created_at'])
    })

    // 我的日程
    this.schema.createTable('schedule_entries', (table) => {
      table.bigIncrements('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('title', 200).notNullable()
      table.timestamp('starts_at').notNullable()
      table.timestamp('ends_at').nullable()
      table.string('location', 255).nullable()
      table.string('link', 500).nullable()
      table.string('source_key', 200).nullable()
      table.timestamp('cancelled_at').nullable()
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'source_key'])
      table.index(['user_id', 'starts_at'])
    })

    // Per-site module switches; the main site's row is the province availability and defaults.
    this.schema.createTable('site_modules', (table) => {
      table.increments('id')
      table.integer('site_id').unsigned().notNullable().references('sites.id').onDelete('CASCADE')
      table.string('module_id', 50).notNullable()
      table.boolean('enabled').notNullable().defaultTo(true)
      table.text('settings').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['site_id', 'module_id'])
    })

    this.schema.createTable('audit_logs', (table) => {
      table.bigIncrements('id')
      table.integer('actor_id').unsigned().nullable()
      table.string('actor_kind', 20).nullable()
      table.integer('school_id').unsigned().nullable()
      table.string('action', 100).notNullable()
      table.string('subject_type', 50).nullable()
      table.string('subject_id', 50).nullable()
      table.text('changes').nullable()
      table.string('ip', 64).nullable()
      table.timestamp('created_at').notNullable()
      table.index(['school_id', 'created_at'])
      table.index(['subject_type', 'subject_id'])
    })

    // Shared by every web process (@adonisjs/limiter database store).
    this.schema.createTable('rate_limits', (table) => {
      table.string('key', 255).notNullable().primary()
      table.integer('points', 9).notNullable().defaultTo(0)
      table.bigint('expire').unsigned()
    })

    // Private uploads (licences, resumes, materials).
    this.schema.createTable('files', (table) => {
      table.increments('id')
      table.integer('owner_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.string('purpose', 50).notNullable()
      table.string('path', 500).notNullable()
      table.string('original_name', 255).notNullable()
      table.string('mime', 100).notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at').notNullable()
    })
  }

  async down() {
    for (const t of [
      'files',
      'rate_limits',
      'audit_logs',
      'site_modules',
      'schedule_entries',
      'messages',
      'announcements',
    ]) {
      this.schema.dropTable(t)
    }
  }
}
