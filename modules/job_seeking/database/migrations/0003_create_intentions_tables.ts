import { BaseSchema } from '@adonisjs/lucid/schema'

/** 求职意向 with 订阅设置, its multi-valued terms, and the record of pushed jobs. */
export default class extends BaseSchema {
  async up() {
    this.schema.createTable('job_intentions', (table) => {
      table.increments('id')
      table
        .integer('user_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('users.id')
        .onDelete('CASCADE')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      // employment 拟就业 | further_study 升学 | abroad 出国(境) | civil_service 考公考编 | startup 自主创业 | none 暂不就业
      table.string('type', 20).notNullable()
      table.string('job_nature', 20).nullable() // 工作性质
      table.string('expected_salary', 50).nullable() // 期望年薪 (label of a salary range)
      table.integer('expected_salary_min').nullable() // 元/月, lower bound of that range
      table.boolean('subscribed').notNullable().defaultTo(false)
      table.string('frequency', 10).notNullable().defaultTo('immediate') // immediate | daily | weekly
      // true when the student chose no value of that kind ("不限"): matching then ignores it.
      table.boolean('any_city').notNullable().defaultTo(true)
      table.boolean('any_category').notNullable().defaultTo(true)
      table.boolean('any_industry').notNullable().defaultTo(true)
      table.boolean('any_nature').notNullable().defaultTo(true)
      table.boolean('any_scale').notNullable().defaultTo(true)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['type', 'subscribed'])
    })

    // Multi-select fields (工作城市, 期望职位, 期望行业, 期望单位性质, 期望单位规模): one row per value,
    // so matching a new job is one set-based query.
    this.schema.createTable('job_intention_terms', (table) => {
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('kind', 20).notNullable() // city | category | industry | nature | scale
      table.string('value', 100).notNullable()
      table.primary(['user_id', 'kind', 'value'])
      table.index(['kind', 'value'])
    })

    // A job is pushed to a student at most once (primary key). Digest rows wait for sent_at.
    this.schema.createTable('job_pushes', (table) => {
      table.integer('job_id').unsigned().notNullable().references('jobs.id').onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.string('frequency', 10).notNullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('sent_at').nullable()
      table.primary(['job_id', 'user_id'])
      table.index(['frequency', 'sent_at'])
    })
  }

  async down() {
    for (const t of ['job_pushes', 'job_intention_terms', 'job_intentions'])
      this.schema.dropTable(t)
  }
}
