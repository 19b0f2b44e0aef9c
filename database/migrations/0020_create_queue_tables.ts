import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    // Jobs dispatched while Redis was unreachable; moved into Redis by the worker (or the next
    // successful dispatch) so a Redis outage never loses a job nor fails a web request.
    this.schema.createTable('queue_outbox', (table) => {
      table.bigIncrements('id')
      table.string('name', 100).notNullable()
      table.text('payload').notNullable()
      table.string('job_id', 200).nullable()
      table.integer('delay_ms').nullable()
      table.integer('attempts').nullable()
      /** When the job should run (dispatch time + delay): the remaining delay is kept on flush. */
      table.timestamp('run_at').notNullable()
      /** A flusher claims a row for a short time so two processes never push it twice. */
      table.timestamp('claimed_until').nullable()
      table.integer('flush_attempts').notNullable().defaultTo(0)
      table.text('last_error').nullable()
      table.timestamp('created_at').notNullable()
      table.index(['id'])
    })

    // Jobs that used up their attempts (BullMQ) or failed inline (sync driver): listed and retried
    // on the province page /province/jobs.
    this.schema.createTable('failed_jobs', (table) => {
      table.bigIncrements('id')
      table.string('driver', 10).notNullable() // sync | redis
      table.string('queue', 50).notNullable()
      table.string('name', 100).notNullable()
      table.string('job_id', 200).nullable()
      table.text('payload').notNullable()
      table.text('error').notNullable()
      table.integer('attempts').notNullable().defaultTo(1)
      table.timestamp('failed_at').notNullable()
      table.timestamp('retried_at').nullable()
      table.integer('retried_by').unsigned().nullable()
      table.index(['retried_at', 'failed_at'])
    })

    // 队列自检: a probe row is written on dispatch and stamped by the job when a worker ran it.
    this.schema.createTable('queue_probes', (table) => {
      table.increments('id')
      table.integer('requested_by').unsigned().nullable()
      table.string('driver', 10).nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('processed_at').nullable()
    })
  }

  async down() {
    this.schema.dropTable('queue_probes')
    this.schema.dropTable('failed_jobs')
    this.schema.dropTable('queue_outbox')
  }
}
