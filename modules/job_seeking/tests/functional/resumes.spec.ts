import { test } from '@japa/runner'
import { writeFile, mkdir } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import testUtils from '@adonisjs/core/services/test_utils'
import Resume from '#modules/job_seeking/models/resume'
import StoredFile from '#core/files/models/stored_file'
import User from '#core/accounts/models/user'
import files from '#core/files/file_service'
import JobApplication from '#modules/job_seeking/models/job_application'
import ResumeSection from '#modules/job_seeking/models/resume_section'
import applications from '#modules/job_seeking/services/applications'
import resumes from '#modules/job_seeking/services/resumes'
import { world as actors } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import { hiringWorld, makeJob } from '#modules/job_seeking/tests/helpers'

const host = 'njsf.localhost'

/** Text of a PDF as a reader extracts it (uses the fonts' ToUnicode maps). */
async function pdfText(bytes: Buffer) {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs')
  const doc = await getDocument({
    data: new Uint8Array(bytes),
    useSystemFonts: false,
    isEvalSupported: false,
  }).promise
  let text = ''
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i)
    const content = await page.getTextContent()
    text += content.items.map((item: any) => item.str ?? '').join('')
  }
  return text
}

/** A section of the resume, after its existing ones. */
async function section(resume: Resume, kind: string, title: string, content: string) {
  const position = (await db.from('resume_sections').where('resume_id', resume.id)).length + 1
  return ResumeSection.create({ resumeId: resume.id, kind, title, content, position })
}

async function fixture(name: string, bytes: Buffer) {
  const path = app.makePath('tmp', `fixture-${process.pid}-${name}`)
  await mkdir(app.makePath('tmp'), { recursive: true })
  await writeFile(path, bytes)
  return path
}

test.group('我的简历', (group) => {
  group.each.setup(() => testUtils.db().truncate())

  test('the PDF carries the Chinese text of the resume (embedded CJK font with ToUnicode)', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld()
    const resume = world.zhangResumes[0]
    await section(
      resume,
      'project',
      '项目经历',
      '校园二手交易平台（Node.js + PostgreSQL），负责后端接口。'
    )
    const response = await as(client, world.zhang, { site: 'njsf' }).visit(
      `/student/resumes/${resume.id}/pdf`
    )
    assert.equal(response.status(), 200)
    assert.equal(response.header('content-type'), 'application/pdf')
    const bytes = Buffer.from(response.body() ?? response.text(), 'binary')
    const raw = Buffer.isBuffer(response.body()) ? (response.body() as Buffer) : bytes
    assert.equal(raw.subarray(0, 5).toString(), '%PDF-')
    assert.include(raw.toString('latin1'), 'NotoSansHans')
    const text = await pdfText(raw)
    assert.include(text, '张三')
    assert.include(text, '项目经历')
    assert.include(text, '南京示范大学')
    assert.include(text, '校园二手交易平台')
  })

  test('sections are added, reordered and removed with htmx fragments', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld()
    const resume = world.zhangResumes[0]
    await section(resume, 'self', '自我评价', '学习能力强，踏实肯干。')
    const add = await as(client, world.zhang, { site: 'njsf' }).htmx(
      `/student/resumes/${resume.id}/sections`,
      { kind: 'awards' }
    )
    assert.include(add.text(), '获奖情况')
    assert.notInclude(add.text(), '<html')
    const sections = await db
      .from('resume_sections')
      .where('resume_id', resume.id)
      .orderBy('position')
    assert.deepEqual(
      sections.map((s: any) => s.title),
      ['自我评价', '获奖情况']
    )
    const awards = sections[1]
    await as(client, world.zhang, { site: 'njsf' }).htmx(
      `/student/resumes/${resume.id}/sections/${awards.id}/move`,
      { direction: 'up' }
    )
    const after = await db.from('resume_sections').where('resume_id', resume.id).orderBy('position')
    assert.deepEqual(
      after.map((s: any) => s.title),
      ['获奖情况', '自我评价']
    )
    await as(client, world.zhang, { site: 'njsf' }).htmx(
      `/student/resumes/${resume.id}/sections/${awards.id}/delete`
    )
    assert.lengthOf(await db.from('resume_sections').where('resume_id', resume.id), 1)
  })

  test('attachments: type checked by content, private, downloadable by the owner and employers applied to only', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld({ resumes: 2 })
    // 张三 applied to 示范科技 with this resume, and to another employer with his other one.
    const resume = world.zhangResumes[1]
    const { application } = await applications.apply(world.zhang, world.devJob.id, resume.id)
    const { employer: otherCompany } = await actors.employer({ name: '其他科技有限公司' })
    const otherJob = await makeJob(otherCompany.id, '前端开发工程师')
    const { application: otherApplication } = await applications.apply(
      world.zhang,
      otherJob.id,
      world.zhangResumes[0].id
    )
    const fake = await fixture('fake.pdf', Buffer.from('MZ this is an executable renamed to pdf'))
    const refused = await client
      .post(`/student/resumes/${resume.id}/attachment`)
      .header('host', host)
      .loginAs(world.zhang)
      .withCsrfToken()
      .file('attachment', fake, { filename: 'resume.pdf' })
      .redirects(0)
    refused.assertFlashMessage('errorsBag', {
      attachment: '附件简历只能是 PDF、Word、Word 97-2003、JPG、PNG 文件（按文件内容识别）',
    })
    const real = await fixture('real.pdf', Buffer.from('%PDF-1.4\n% resume of 张三\n%%EOF\n'))
    await client
      .post(`/student/resumes/${resume.id}/attachment`)
      .header('host', host)
      .loginAs(world.zhang)
      .withCsrfToken()
      .file('attachment', real, { filename: '张三简历.pdf' })
      .redirects(0)
    const stored = await Resume.findOrFail(resume.id)
    assert.isNotNull(stored.attachmentFileId)
    const own = await as(client, world.zhang, { site: 'njsf' }).visit(
      `/student/resumes/${resume.id}/attachment`
    )
    assert.equal(own.status(), 200)
    // Another student: the resume does not exist for them (its page, attachment and PDF).
    const wang = as(client, world.wang, { site: 'szsf' })
    for (const page of ['/attachment', '', '/pdf']) {
      const response = await wang.visit(`/student/resumes/${resume.id}${page}`)
      assert.equal(response.status(), 404, `/student/resumes/:id${page}`)
    }
    // The employer 张三 applied to with this resume can download it.
    const employerDownload = await as(client, world.hr).visit(
      `/employer/applications/${application.id}/attachment`
    )
    assert.equal(employerDownload.status(), 200)
    // An employer 张三 never applied to cannot reach it.
    assert.equal(
      (
        await as(client, world.hr).visit(`/employer/applications/${otherApplication.id}/attachment`)
      ).status(),
      404
    )
    // Private: a core stored file outside public/, not readable by others through /files/:id.
    const file = await StoredFile.findOrFail(stored.attachmentFileId!)
    assert.equal(file.purpose, 'resume_attachment')
    assert.equal(file.ownerId, world.zhang.id)
    assert.equal(file.originalName, '张三简历.pdf')
    assert.notInclude(files.absolutePath(file), '/public/')
    assert.include(own.header('content-disposition') ?? '', encodeURIComponent('张三简历.pdf'))
    ;(await as(client, world.hr).visit(`/files/${file.id}`)).assertStatus(200)
    ;(await as(client, world.wang).visit(`/files/${file.id}`)).assertStatus(404)
    // An account of the employer 张三 applied to with ANOTHER resume: not a reader of this one.
    assert.notEqual(otherApplication.resumeId, resume.id)
    const otherEmployer = await User.create({
      kind: 'employer',
      loginKey: User.loginKeyFor('employer', 'other-hr@example.com'),
      username: 'other-hr@example.com',
      password: 'Secret-Pass-2024',
      name: '其他单位HR',
      email: 'other-hr@example.com',
      employerId: otherApplication.employerId,
      isActive: true,
    })
    ;(await as(client, otherEmployer).visit(`/files/${file.id}`)).assertStatus(404)
  })

  test('opening an application marks it 已查看 and tells the student', async ({
    client,
    assert,
  }) => {
    const world = await hiringWorld()
    const wangResume = await resumes.create(world.wang, '我的简历')
    const { application } = await applications.apply(world.wang, world.devJob.id, wangResume.id)
    const page = await as(client, world.hr).visit(`/employer/applications/${application.id}`)
    assert.equal(page.status(), 200)
    assert.include(page.text(), '王五')
    assert.equal((await JobApplication.findOrFail(application.id)).status, 'viewed')
    assert.exists(
      await db
        .from('messages')
        .where('user_id', world.wang.id)
        .where('dedupe_key', `job-application-${application.id}-viewed`)
        .first()
    )
    await as(client, world.hr).postForm(`/employer/applications/${application.id}/status`, {
      status: 'hired',
    })
    assert.equal((await JobApplication.findOrFail(application.id)).status, 'hired')
    const back = await as(client, world.hr).postForm(
      `/employer/applications/${application.id}/status`,
      { status: 'submitted' }
    )
    back.assertFlashMessage('error', '当前状态「已录用」不能改为「已投递」')
  })
})
