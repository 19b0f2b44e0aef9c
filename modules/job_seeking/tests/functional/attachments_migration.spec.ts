import { test } from '@japa/runner'
import { existsSync } from 'node:fs'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import files from '#core/files/file_service'
import StoredFile from '#core/files/models/stored_file'
import { nowDb } from '#core/database/time'
import Resume from '#modules/job_seeking/models/resume'
import { moveResumeAttachments } from '#modules/job_seeking/database/legacy/resume_attachments'
import { hiringWorld } from '#modules/job_seeking/tests/helpers'

const PDF = Buffer.from('%PDF-1.4\n% 旧附件简历\n%%EOF\n')
const legacyDir = app.makePath('tmp', `legacy-resumes-${process.pid}`)

/** The module's own table as it was (0002), with one row and its bytes under `legacyDir`. */
async function legacyAttachment(userId: number, resumeId: number, key: string, name: string) {
  const client = db.connection()
  if (!(await client.schema.hasTable('resume_attachments'))) {
    await client.schema.createTable('resume_attachments', (table) => {
      table.increments('id')
      table.integer('user_id').unsigned().notNullable()
      table.integer('resume_id').unsigned().nullable()
      table.string('storage_key', 255).notNullable()
      table.string('original_name', 255).notNullable()
      table.string('mime', 100).notNullable()
      table.integer('size').notNullable()
      table.timestamp('created_at').notNullable()
    })
  }
  await mkdir(dirname(join(legacyDir, key)), { recursive: true })
  await writeFile(join(legacyDir, key), PDF)
  const [row] = await db
    .table('resume_attachments')
    .insert({
      user_id: userId,
      resume_id: resumeId,
      storage_key: key,
      original_name: name,
      mime: 'application/pdf',
      size: PDF.length,
      created_at: nowDb(),
    })
    .returning('id')
  return Number(typeof row === 'object' ? (row as any).id : row)
}

test.group('附件简历迁入核心文件', (group) => {
  group.each.setup(() => testUtils.db().truncate())
  group.each.teardown(async () => {
    await db.connection().schema.dropTableIfExists('resume_attachments')
    await rm(legacyDir, { recursive: true, force: true })
  })

  test('已有附件连同下载名迁入，仍只有本人和投递过的单位可下载；再次运行不重复', async ({
    client,
    assert,
  }) => {
    // Where the module kept them: storage/resumes in the app folder, whatever STORAGE_PATH says.
    assert.equal(files.legacyStoragePath('resumes'), app.makePath('storage', 'resumes'))
    // 张三 applied to 示范科技's 软件开发工程师 with this resume.
    const world = await hiringWorld({ applied: true })
    const resume = world.zhangResumes[0]
    const zhang = world.zhang.id
    // A replaced attachment whose row stayed behind (nothing points at it) and the current one.
    await legacyAttachment(zhang, resume.id, `${zhang}/old.pdf`, '旧的.pdf')
    const legacyId = await legacyAttachment(
      zhang,
      resume.id,
      `${zhang}/cv.pdf`,
      '张三简历（旧版）.pdf'
    )
    await db.from('resumes').where('id', resume.id).update({ attachment_file_id: legacyId })

    assert.deepEqual(await moveResumeAttachments(db.connection(), legacyDir), {
      moved: 1,
      dropped: 0,
    })

    assert.isFalse(await db.connection().schema.hasTable('resume_attachments'))
    const moved = await Resume.findOrFail(resume.id)
    const file = await StoredFile.findOrFail(moved.attachmentFileId!)
    assert.equal(file.purpose, 'resume_attachment')
    assert.equal(file.ownerId, zhang)
    assert.equal(file.originalName, '张三简历（旧版）.pdf')
    assert.deepEqual(await readFile(files.absolutePath(file)), PDF)
    // The old bytes are gone, the leftover's too; the leftover got no row.
    assert.isFalse(existsSync(join(legacyDir, `${zhang}/cv.pdf`)))
    assert.isFalse(existsSync(join(legacyDir, `${zhang}/old.pdf`)))
    assert.lengthOf(await StoredFile.query().where('purpose', 'resume_attachment'), 1)

    const own = await client
      .get(`/student/resumes/${resume.id}/attachment`)
      .header('host', 'njsf.localhost')
      .loginAs(world.zhang)
    own.assertStatus(200)
    assert.include(
      own.header('content-disposition') ?? '',
      encodeURIComponent('张三简历（旧版）.pdf')
    )
    const application = world.zhangApplication!
    ;(
      await client.get(`/employer/applications/${application.id}/attachment`).loginAs(world.hr)
    ).assertStatus(200)
    ;(await client.get(`/files/${file.id}`).loginAs(world.wang)).assertStatus(404)

    // Run again: the table is gone, nothing changes.
    assert.deepEqual(await moveResumeAttachments(db.connection(), legacyDir), {
      moved: 0,
      dropped: 0,
    })
    assert.equal((await Resume.findOrFail(resume.id)).attachmentFileId, file.id)
  })

  test('字节已丢失的附件不迁入，简历不再声称有附件', async ({ assert }) => {
    const world = await hiringWorld()
    const resume = world.zhangResumes[0]
    const legacyId = await legacyAttachment(
      world.zhang.id,
      resume.id,
      `${world.zhang.id}/lost.pdf`,
      '丢失.pdf'
    )
    await rm(join(legacyDir, `${world.zhang.id}/lost.pdf`))
    await db.from('resumes').where('id', resume.id).update({ attachment_file_id: legacyId })
    assert.deepEqual(await moveResumeAttachments(db.connection(), legacyDir), {
      moved: 0,
      dropped: 1,
    })
    assert.isNull((await Resume.findOrFail(resume.id)).attachmentFileId)
  })
})
