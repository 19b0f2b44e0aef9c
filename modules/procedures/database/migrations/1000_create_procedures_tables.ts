import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 就业手续 (PRODUCT.md rules 10–14). Every entity with a state carries a `status`
 * column whose allowed transitions live in `modules/procedures/services/state_machines.ts`.
 */
export default class extends BaseSchema {
  async up() {
    // 生源信息: the full registry record, 1:1 with `graduates` (basic fields stay there).
    this.schema.createTable('source_records', (table) => {
      table.increments('id')
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('graduates.id')
        .onDelete('CASCADE')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.string('ethnicity', 30).nullable() // 民族
      table.string('political_status', 30).nullable() // 政治面貌
      table.string('schooling_length', 10).nullable() // 学制
      table.string('training_mode', 30).nullable() // 培养方式
      table.string('graduation_date', 10).nullable() // 毕业日期 yyyy-MM-dd
      table.string('origin_place', 100).nullable() // 生源地
      table.string('hukou_place', 100).nullable() // 户口所在地
      table.string('hukou_type', 20).nullable() // 户口性质 (城镇/农村)
      table.string('family_difficulty', 30).nullable() // 困难生类别
      table.string('home_address', 255).nullable() // 家庭地址
      table.string('status', 20).notNullable().defaultTo('draft') // draft | pending | approved | returned
      table.string('review_comment', 500).nullable()
      table.integer('reviewed_by').unsigned().nullable()
      table.timestamp('reviewed_at').nullable()
      table.timestamp('submitted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['school_id', 'status'])
    })

    // 信息有误，申请修改: old → new values, applied to the official record only on approval.
    this.schema.createTable('source_change_requests', (table) => {
      table.increments('id')
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .references('graduates.id')
        .onDelete('CASCADE')
      table.integer('school_id').unsigned().notNullable()
      table.integer('user_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table.text('changes').notNullable() // JSON { field: [old, new] }
      table.string('reason', 500).nullable()
      table.string('status', 20).notNullable().defaultTo('pending') // pending | approved | returned
      table.string('review_comment', 500).nullable()
      table.integer('reviewed_by').unsigned().nullable()
      table.timestamp('reviewed_at').nullable()
      // One open request per student: graduate id while pending, null afterwards.
      table.integer('open_key').unsigned().nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['school_id', 'status'])
    })

    // 就业推荐表
    this.schema.createTable('recommendation_forms', (table) => {
      table.increments('id')
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .unique()
        .references('graduates.id')
        .onDelete('CASCADE')
      table.integer('school_id').unsigned().notNullable()
      table.string('health', 50).nullable()
      table.text('education').nullable()
      table.text('positions').nullable()
      table.text('awards').nullable()
      table.text('skills').nullable()
      table.text('self_assessment').nullable()
      table.string('status', 20).notNullable().defaultTo('draft') // draft | pending | approved | returned
      table.text('school_comment').nullable() // 学校评语
      table.text('recommendation_opinion').nullable() // 学校推荐意见
      table.string('review_comment', 500).nullable() // 退回原因
      table.integer('reviewed_by').unsigned().nullable()
      table.timestamp('reviewed_at').nullable()
      table.timestamp('submitted_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['school_id', 'status'])
    })

    // 毕业去向分类: a versioned code table (the Ministry codes changed in 2021 and 2024).
    this.schema.createTable('destination_codes', (table) => {
      table.increments('id')
      table.string('version', 10).notNullable()
      table.string('code', 10).notNullable()
      table.string('name', 50).notNullable()
      table.string('info_type', 20).notNullable() // 就业信息类型: employment | study | unemployed
      table.string('form_kind', 20).notNullable() // which form: contract | labour | employment | military | grassroots | startup | freelance | study | abroad | none
      table.boolean('counts_as_employed').notNullable().defaultTo(false)
      table.date('valid_from').notNullable()
      table.date('valid_to').nullable()
      table.integer('sort').notNullable().defaultTo(0)
      table.unique(['version', 'code'])
    })

    // 就业方案 (employment plan). At most one active plan per graduate (active_key).
    this.schema.createTable('employment_plans', (table) => {
      table.increments('id')
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .references('graduates.id')
        .onDelete('CASCADE')
      table.integer('school_id').unsigned().notNullable()
      table.string('college', 100).nullable()
      table.string('signing_type', 20).notNullable() // online | offline
      table.integer('invitation_id').unsigned().nullable()
      table.integer('employer_id').unsigned().nullable()
      table.integer('destination_code_id').unsigned().nullable() // destination_codes.id (no FK: the code table is re-seeded)
      table.string('info_type', 20).nullable()
      table.string('employer_name', 200).nullable()
      table.string('employer_uscc', 18).nullable()
      table.string('employer_nature', 50).nullable()
      table.string('employer_industry', 50).nullable()
      table.string('employer_city', 50).nullable()
      table.string('employer_address', 255).nullable()
      table.string('employer_contact', 50).nullable()
      table.string('employer_phone', 20).nullable()
      table.string('job_title', 100).nullable()
      table.string('certificate_category', 30).nullable() // 报到证签发类别
      table.string('certificate_unit', 200).nullable() // 报到证签往单位
      table.string('archive_unit', 200).nullable() // 档案转递单位
      table.string('archive_address', 255).nullable()
      table.string('hukou_address', 255).nullable() // 户口接收地址
      table.string('study_school', 200).nullable() // 升学院校 / 出国院校
      table.string('study_major', 100).nullable()
      table.string('study_country', 50).nullable()
      table.text('remark').nullable()
      table.string('status', 20).notNullable().defaultTo('draft') // draft | pending | approved | returned | cancelled
      table.string('review_comment', 500).nullable()
      table.integer('reviewed_by').unsigned().nullable()
      table.timestamp('reviewed_at').nullable()
      table.timestamp('submitted_at').nullable()
      table.timestamp('cancelled_at').nullable()
      table.integer('active_key').unsigned().nullable().unique() // graduate id while not cancelled
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['school_id', 'status'])
      table.index(['graduate_id'])
    })

    // 网上签约: the employer's invitation.
    this.schema.createTable('signing_invitations', (table) => {
      table.increments('id')
      table
        .integer('employer_id')
        .unsigned()
        .notNullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.integer('sender_id').unsigned().nullable().references('users.id').onDelete('SET NULL')
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .references('graduates.id')
        .onDelete('CASCADE')
      table
        .integer('student_user_id')
        .unsigned()
        .notNullable()
        .references('users.id')
        .onDelete('CASCADE')
      table.integer('school_id').unsigned().notNullable()
      table.string('job_title', 100).notNullable()
      table.string('salary', 50).notNullable()
      table.string('work_city', 50).nullable()
      table.string('contract_term', 50).nullable() // 合同期限
      table.string('probation', 50).nullable() // 试用期
      table.text('terms').nullable() // 其他约定
      table.string('contact_name', 50).notNullable()
      table.string('contact_phone', 20).notNullable()
      table.boolean('receives_archive').notNullable().defaultTo(false)
      table.boolean('receives_hukou').notNullable().defaultTo(false)
      table.string('certificate_category', 30).nullable()
      table.string('certificate_unit', 200).nullable()
      table.string('archive_unit', 200).nullable()
      table.string('hukou_address', 255).nullable()
      table.timestamp('deadline_at').notNullable()
      table.string('status', 20).notNullable().defaultTo('pending') // pending | accepted | rejected | withdrawn | expired | terminated
      table.timestamp('responded_at').nullable()
      table.string('reject_reason', 500).nullable()
      // "<employer>-<graduate>" while pending: one pending invitation per employer and student.
      table.string('pending_key', 40).nullable().unique()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['graduate_id', 'status'])
      table.index(['employer_id', 'status'])
    })

    // The per-student guard row that serialises acceptances: at most one signed agreement.
    this.schema.createTable('signing_states', (table) => {
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .primary()
        .references('graduates.id')
        .onDelete('CASCADE')
      table.integer('signed_invitation_id').unsigned().nullable()
      table.integer('version').notNullable().defaultTo(0)
      table.timestamp('updated_at').notNullable()
    })

    // 解约办理
    this.schema.createTable('terminations', (table) => {
      table.increments('id')
      table
        .integer('plan_id')
        .unsigned()
        .notNullable()
        .references('employment_plans.id')
        .onDelete('CASCADE')
      table
        .integer('graduate_id')
        .unsigned()
        .notNullable()
        .references('graduates.id')
        .onDelete('CASCADE')
      table.integer('school_id').unsigned().notNullable()
      table.string('college', 100).nullable()
      table.integer('employer_id').unsigned().nullable()
      table.string('signing_type', 20).notNullable()
      table.string('initiated_by', 20).notNullable() // student | employer
      table.integer('initiator_id').unsigned().nullable()
      table.string('reason', 50).notNullable()
      table.text('description').nullable()
      table.text('material_file_ids').nullable() // JSON array of files.id
      // pending_employer | pending_student | pending_school | completed | refused | withdrawn
      table.string('status', 20).notNullable()
      table.string('answer_comment', 500).nullable()
      table.integer('answered_by').unsigned().nullable()
      table.timestamp('answered_at').nullable()
      table.boolean('forced').notNullable().defaultTo(false)
      table.string('force_reason', 500).nullable()
      table.integer('forced_by').unsigned().nullable()
      table.timestamp('completed_at').nullable()
      table.integer('open_key').unsigned().nullable().unique() // plan id while open
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['school_id', 'status'])
      table.index(['employer_id', 'status'])
    })
  }

  async down() {
    for (const t of [
      'terminations',
      'signing_states',
      'signing_invitations',
      'employment_plans',
      'destination_codes',
      'recommendation_forms',
      'source_change_requests',
      'source_records',
    ]) {
      this.schema.dropTable(t)
    }
  }
}
