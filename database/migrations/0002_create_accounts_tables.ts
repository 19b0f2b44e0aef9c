import { BaseSchema } from '@adonisjs/lucid/schema'

export default class extends BaseSchema {
  async up() {
    this.schema.createTable('employers', (table) => {
      table.increments('id')
      table.string('name', 200).notNullable()
      table.string('uscc', 18).notNullable().unique() // 统一社会信用代码
      table.string('contact_name', 50).nullable()
      table.string('contact_phone', 20).nullable()
      table.string('contact_email', 255).nullable()
      table.string('industry', 50).nullable()
      table.string('nature', 50).nullable() // 单位性质
      table.string('scale', 50).nullable() // 单位规模
      table.string('city', 50).nullable()
      table.string('address', 255).nullable()
      table.string('website', 255).nullable()
      table.text('intro').nullable()
      table.integer('licence_file_id').unsigned().nullable()
      table.string('status', 20).notNullable().defaultTo('pending') // pending | verified | rejected
      table.string('reject_reason', 500).nullable()
      table.timestamp('verified_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status'])
    })

    // 生源库: the school's registry of graduates. A student account can only be activated against it.
    this.schema.createTable('graduates', (table) => {
      table.increments('id')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.string('student_number', 32).notNullable()
      table.string('name', 50).notNullable()
      table.string('gender', 10).nullable()
      table.string('id_number', 18).nullable()
      table.string('college', 100).nullable()
      table.string('major', 100).nullable()
      table.string('degree_level', 20).nullable()
      table.integer('graduation_year').nullable()
      table.string('phone', 20).nullable()
      table.string('email', 255).nullable()
      table.boolean('signable').notNullable().defaultTo(false)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['school_id', 'student_number'])
      table.index(['school_id', 'college'])
    })

    // Every actor logs in through this table; `login_key` makes the login name unique per kind and school.
    this.schema.createTable('users', (table) => {
      table.increments('id')
      table.string('kind', 20).notNullable() // student | employer | staff | admin
      table.string('login_key', 300).notNullable().unique()
      table.string('username', 255).notNullable()
      table.string('password', 255).notNullable()
      table.string('name', 100).notNullable()
      table.string('phone', 20).nullable()
      table.string('email', 255).nullable()
      table.integer('school_id').unsigned().nullable().references('schools.id').onDelete('CASCADE')
      table.string('college', 100).nullable() // college scope of a staff account
      table
        .integer('graduate_id')
        .unsigned()
        .nullable()
        .unique()
        .references('graduates.id')
        .onDelete('CASCADE')
      table
        .integer('employer_id')
        .unsigned()
        .nullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.boolean('is_active').notNullable().defaultTo(true)
      table.timestamp('last_login_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['kind', 'school_id'])
    })
  }

  async down() {
    this.schema.dropTable('users')
    this.schema.dropTable('graduates')
    this.schema.dropTable('employers')
  }
}
