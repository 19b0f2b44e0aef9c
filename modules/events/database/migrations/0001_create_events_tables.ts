import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 招聘活动: job fairs (招聘会) and info sessions (宣讲会) in one table, their exhibitors (参展单位),
 * the jobs a session presents, and students' registrations (入场券).
 */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('recruitment_events', (table) => {
      table.increments('id')
      table.string('kind', 10).notNullable() // fair | session
      table.string('title', 200).notNullable()
      // The organising site: the main site (province) or a school's subsite; school_id null = province.
      table.integer('site_id').unsigned().notNullable().references('sites.id').onDelete('CASCADE')
      table.integer('school_id').unsigned().nullable().references('schools.id').onDelete('CASCADE')
      // Sessions belong to one employer.
      table
        .integer('employer_id')
        .unsigned()
        .nullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.string('mode', 10).notNullable() // online | offline
      table.string('city', 50).notNullable()
      table.string('place', 255).nullable()
      table.string('room_wish', 255).nullable()
      table.string('online_url', 500).nullable()
      table.timestamp('starts_at').notNullable()
      table.timestamp('ends_at').notNullable()
      table.text('description').nullable()
      table.timestamp('registration_starts_at').nullable()
      table.timestamp('registration_ends_at').nullable()
      table.integer('capacity').nullable()
      table.integer('taken').notNullable().defaultTo(0)
      // Sessions applied for by an employer start as pending; organiser-made events are published.
      table.string('status', 20).notNullable().defaultTo('published') // pending | published | rejected | cancelled
      table.string('reject_reason', 500).nullable()
      table.integer('reviewed_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('reviewed_at').nullable()
      table.integer('created_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.check('taken >= 0', [], 'recruitment_events_taken_not_negative')
      table.check(
        'capacity IS NULL OR taken <= capacity',
        [],
        'recruitment_events_taken_within_capacity'
      )
      table.index(['kind', 'status', 'starts_at'])
      table.index(['school_id', 'starts_at'])
      table.index(['employer_id', 'starts_at'])
    })

    this.schema.createTable('event_exhibitors', (table) => {
      table.increments('id')
      table
        .integer('event_id')
        .unsigned()
        .notNullable()
        .references('recruitment_events.id')
        .onDelete('CASCADE')
      table
        .integer('employer_id')
        .unsigned()
        .notNullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.string('booth_no', 30).nullable()
      table.string('status', 20).notNullable().defaultTo('pending') // pending | approved | rejected
      table.string('note', 500).nullable()
      table.string('reject_reason', 500).nullable()
      table.integer('reviewed_by').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.timestamp('reviewed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['event_id', 'employer_id'])
      table.index(['employer_id'])
    })

    // Job ids belong to the job-seeking module (read through its job directory): no foreign key.
    this.schema.createTable('event_session_jobs', (table) => {
      table.increments('id')
      table
        .integer('event_id')
        .unsigned()
        .notNullable()
        .references('recruitment_events.id')
        .onDelete('CASCADE')
      table.integer('job_id').unsigned().notNullable()
      table.integer('position').notNullable().defaultTo(0)
      table.unique(['event_id', 'job_id'])
    })

    // One row per (event, student): cancelling marks it cancelled, registering again revives it.
    this.schema.createTable('event_registrations', (table) => {
      table.increments('id')
      table
        .integer('event_id')
        .unsigned()
        .notNullable()
        .references('recruitment_events.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.string('status', 20).notNullable() // registered | cancelled
      table.string('ticket_code', 32).notNullable().unique()
      table.timestamp('registered_at').notNullable()
      table.timestamp('cancelled_at').nullable()
      table.timestamp('checked_in_at').nullable()
      table
        .integer('checked_in_by')
        .unsigned()
        .nullable()
        .references('users.id')
        .onDelete('SET NULL')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['event_id', 'user_id'])
      table.index(['user_id', 'status'])
      table.index(['event_id', 'status'])
    })
  }

  async down() {
    this.schema.dropTable('event_registrations')
    this.schema.dropTable('event_session_jobs')
    this.schema.dropTable('event_exhibitors')
    this.schema.dropTable('recruitment_events')
  }
}
