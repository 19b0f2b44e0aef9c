import { BaseSchema } from '@adonisjs/lucid/schema'

/**
 * 招聘职位 and everything that hangs off a posting: applications (已投简历), favourites (我的收藏)
 * and interview invitations (面试邀请).
 */
export default class extends BaseSchema {
  async up() {
    const isPg = this.db.dialect.name === 'postgres'

    this.schema.createTable('jobs', (table) => {
      table.increments('id')
      table
        .integer('employer_id')
        .unsigned()
        .notNullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.string('title', 100).notNullable()
      table.string('category', 50).notNullable() // 职位类别
      table.string('nature', 20).notNullable() // 工作性质: 全职 / 实习 / 兼职
      table.string('province', 30).notNullable()
      table.string('city', 50).notNullable()
      table.string('industry', 100).nullable() // copied from the employer when posted, editable
      table.integer('salary_min').nullable() // 元/月
      table.integer('salary_max').nullable()
      table.string('education', 20).nullable() // 学历要求
      table.integer('headcount').nullable() // 招聘人数
      table.text('requirements').nullable()
      table.text('description').nullable()
      table.string('contact_name', 50).nullable()
      table.string('contact_phone', 30).nullable()
      table.string('contact_email', 255).nullable()
      table.timestamp('deadline').nullable() // end of the last day, UTC
      table.string('status', 20).notNullable().defaultTo('open') // open | closed
      table.timestamp('published_at').nullable()
      table.timestamp('closed_at').nullable()
      // Title + company name, lower-cased: the LIKE fallback (SQLite) searches it.
      table.text('search_text').notNullable().defaultTo('')
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['status', 'published_at'])
      table.index(['employer_id', 'status'])
      table.index(['city', 'status'])
      table.index(['industry', 'status'])
    })

    // The search text (title + company name) is maintained by the database itself, so set-based
    // inserts and a company rename keep it right.
    if (isPg) {
      // Chinese substring search: every character and character bigram of the search text in an
      // array with a GIN index; a two-character term (会计, 南京) is then one index lookup.
      this.defer(async (db) => {
        await db.rawQuery(`ALTER TABLE jobs ADD COLUMN search_grams text[] NOT NULL DEFAULT '{}'`)
        await db.rawQuery(`
          CREATE OR REPLACE FUNCTION job_search_grams(t text) RETURNS text[] LANGUAGE sql IMMUTABLE AS $$
            SELECT coalesce(array_agg(DISTINCT g), '{}') FROM (
              SELECT substr(t, i, 2) AS g FROM generate_series(1, greatest(char_length(t) - 1, 0)) i
              UNION ALL
              SELECT substr(t, i, 1) FROM generate_series(1, char_length(t)) i
            ) s WHERE g !~ '\\s'
          $$`)
        await db.rawQuery(`
          CREATE OR REPLACE FUNCTION jobs_search_maintain() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            NEW.search_text := lower(NEW.title || ' ' || coalesce((SELECT name FROM employers WHERE id = NEW.employer_id), ''));
            NEW.search_grams := job_search_grams(NEW.search_text);
            RETURN NEW;
          END $$`)
        await db.rawQuery(`
          CREATE TRIGGER jobs_search_maintain BEFORE INSERT OR UPDATE OF title, employer_id ON jobs
          FOR EACH ROW EXECUTE FUNCTION jobs_search_maintain()`)
        await db.rawQuery(`
          CREATE OR REPLACE FUNCTION employers_rename_jobs() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            UPDATE jobs SET title = title WHERE employer_id = NEW.id;
            RETURN NEW;
          END $$`)
        await db.rawQuery(`
          CREATE TRIGGER employers_rename_jobs AFTER UPDATE OF name ON employers
          FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION employers_rename_jobs()`)
        await db.rawQuery(`CREATE INDEX jobs_search_grams_gin ON jobs USING gin (search_grams)`)
        await db.rawQuery(
          `CREATE INDEX jobs_open_published ON jobs (published_at DESC, id DESC) WHERE status = 'open'`
        )
      })
    } else {
      this.defer(async (db) => {
        await db.rawQuery(`
          CREATE TRIGGER jobs_search_insert AFTER INSERT ON jobs BEGIN
            UPDATE jobs SET search_text = lower(NEW.title || ' ' || coalesce((SELECT name FROM employers WHERE id = NEW.employer_id), '')) WHERE id = NEW.id;
          END`)
        await db.rawQuery(`
          CREATE TRIGGER jobs_search_update AFTER UPDATE OF title, employer_id ON jobs BEGIN
            UPDATE jobs SET search_text = lower(NEW.title || ' ' || coalesce((SELECT name FROM employers WHERE id = NEW.employer_id), '')) WHERE id = NEW.id;
          END`)
        await db.rawQuery(`
          CREATE TRIGGER employers_rename_jobs AFTER UPDATE OF name ON employers BEGIN
            UPDATE jobs SET search_text = lower(title || ' ' || NEW.name) WHERE employer_id = NEW.id;
          END`)
      })
    }

    this.schema.createTable('resumes', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.string('title', 100).notNullable()
      table.boolean('is_default').notNullable().defaultTo(false)
      // 个人信息 / 求职意向 / 教育背景: always present, stored as JSON text
      table.text('profile').nullable()
      table.text('intention').nullable()
      table.text('education').nullable()
      table.integer('attachment_file_id').unsigned().nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id'])
    })

    // Optional sections (实习经历, 项目经历, 获奖情况, 技能证书, 自我评价 …), ordered by position.
    this.schema.createTable('resume_sections', (table) => {
      table.increments('id')
      table
        .integer('resume_id')
        .unsigned()
        .notNullable()
        .references('resumes.id')
        .onDelete('CASCADE')
      table.string('kind', 30).notNullable()
      table.string('title', 50).notNullable()
      table.text('content').notNullable().defaultTo('')
      table.integer('position').notNullable().defaultTo(0)
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['resume_id', 'position'])
    })

    // Private attachment files of resumes (used until/unless the core files service takes over).
    this.schema.createTable('resume_attachments', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.integer('resume_id').unsigned().nullable().references('resumes.id').onDelete('SET NULL')
      table.string('storage_key', 255).notNullable()
      table.string('original_name', 255).notNullable()
      table.string('mime', 100).notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at').notNullable()
      table.index(['user_id'])
    })

    this.schema.createTable('job_applications', (table) => {
      table.increments('id')
      table.integer('job_id').unsigned().notNullable().references('jobs.id').onDelete('CASCADE')
      table
        .integer('employer_id')
        .unsigned()
        .notNullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('school_id')
        .unsigned()
        .notNullable()
        .references('schools.id')
        .onDelete('CASCADE')
      table.integer('resume_id').unsigned().nullable().references('resumes.id').onDelete('SET NULL')
      // 已投递 submitted | 已查看 viewed | 邀请面试 interview | 不合适 rejected | 已录用 hired
      table.string('status', 20).notNullable().defaultTo('submitted')
      table.timestamp('viewed_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.unique(['job_id', 'user_id'])
      table.index(['user_id', 'created_at'])
      table.index(['employer_id', 'status'])
    })

    this.schema.createTable('job_favourites', (table) => {
      table.increments('id')
      table.integer('job_id').unsigned().notNullable().references('jobs.id').onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table.timestamp('created_at').notNullable()
      table.unique(['user_id', 'job_id'])
    })

    this.schema.createTable('interview_invitations', (table) => {
      table.increments('id')
      table
        .integer('application_id')
        .unsigned()
        .notNullable()
        .references('job_applications.id')
        .onDelete('CASCADE')
      table.integer('user_id').unsigned().notNullable().references('users.id').onDelete('CASCADE')
      table
        .integer('employer_id')
        .unsigned()
        .notNullable()
        .references('employers.id')
        .onDelete('CASCADE')
      table.string('mode', 10).notNullable() // onsite | video
      table.timestamp('starts_at').notNullable()
      table.string('place', 255).nullable()
      table.string('video_link', 500).nullable()
      table.text('letter').notNullable()
      table.string('status', 20).notNullable().defaultTo('pending') // pending | accepted | refused
      table.timestamp('answered_at').nullable()
      table.timestamp('created_at').notNullable()
      table.timestamp('updated_at').notNullable()
      table.index(['user_id', 'status'])
      table.index(['application_id'])
    })
  }

  async down() {
    if (this.db.dialect.name === 'postgres') {
      this.defer(async (db) => {
        await db.rawQuery('DROP TRIGGER IF EXISTS employers_rename_jobs ON employers')
        await db.rawQuery('DROP FUNCTION IF EXISTS employers_rename_jobs()')
      })
    } else {
      this.defer(async (db) => {
        await db.rawQuery('DROP TRIGGER IF EXISTS employers_rename_jobs')
      })
    }
    for (const t of [
      'interview_invitations',
      'job_favourites',
      'job_applications',
      'resume_attachments',
      'resume_sections',
      'resumes',
      'jobs',
    ]) {
      // resume_attachments is gone once 0006 moved the attachments into the core's files.
      this.schema.dropTableIfExists(t)
    }
  }
}
