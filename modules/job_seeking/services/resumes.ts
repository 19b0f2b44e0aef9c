import { randomUUID } from 'node:crypto'
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { nowDb } from '#core/database/time'
import { isOoxml, zipEntryNamesOf } from '#core/files/zip_entries'
import Graduate from '#core/registry/models/graduate'
import School from '#core/tenancy/models/school'
import Resume from '#modules/job_seeking/models/resume'
import ResumeSection, { OPTIONAL_SECTIONS } from '#modules/job_seeking/models/resume_section'
import { ApplyRefused } from '#modules/job_seeking/services/applications'
import intentions from '#modules/job_seeking/services/intentions'

export const ATTACHMENT_MAX_BYTES = 5 * 1024 * 1024

/** Allowed attachment types, recognised by their first bytes (not by the file name). */
export function sniffAttachment(bytes: Buffer): { mime: string; ext: string } | null {
  const starts = (sig: number[]) => sig.every((b, i) => bytes[i] === b)
  if (starts([0x25, 0x50, 0x44, 0x46, 0x2d])) return { mime: 'application/pdf', ext: 'pdf' }
  // A Word document, not any zip with a `word/` folder: the package's parts must be listed.
  if (starts([0x50, 0x4b, 0x03, 0x04]) && isOoxml(zipEntryNamesOf(bytes), 'docx')) {
    return {
      mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      ext: 'docx',
    }
  }
  if (starts([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))
    return { mime: 'application/msword', ext: 'doc' }
  if (starts([0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' }
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { mime: 'image/png', ext: 'png' }
  return null
}

/** Private storage (outside public/): only reachable through the authorised download route. */
function storagePath(key: string) {
  return app.makePath('storage', 'resumes', key)
}

/** 我的简历: several resumes per student, online sections, attachment. */
export const resumes = {
  async listOf(userId: number) {
    return Resume.query()
      .where('user_id', userId)
      .orderBy('is_default', 'desc')
      .orderBy('id', 'asc')
  },

  async ownedBy(userId: number, resumeId: number) {
    return Resume.query().where('id', resumeId).where('user_id', userId).first()
  },

  async withSections(resume: Resume) {
    await resume.load('sections', (q) => q.orderBy('position', 'asc').orderBy('id', 'asc'))
    return resume
  },

  /** A new resume's 求职意向 starts from 求职意向管理 (拟就业 only; the other types have no such fields). */
  async intentionDefaults(userId: number) {
    const { intention, terms } = await intentions.of(userId)
    if (!intention || intention.type !== 'employment') return {}
    const join = (values: string[], max: number) => {
      let out = ''
      for (const v of values) {
        const next = out ? `${out}、${v}` : v
        if (next.length > max) break
        out = next
      }
      return out
    }
    return {
      position: join(terms.category, 100),
      cities: join(terms.city, 200),
      salary: intention.expectedSalary ?? '',
      nature: intention.jobNature ?? '',
    }
  },

  /** A new resume starts from the registry record (个人信息, 教育背景) and 求职意向管理 (求职意向). */
  async create(student: User, title?: string) {
    const graduate = student.graduateId ? await Graduate.find(student.graduateId) : null
    const school = student.schoolId ? await School.find(student.schoolId) : null
    const count = (await this.listOf(student.id)).length
    if (count >= 10) throw new ApplyRefused('最多可保存 10 份简历')
    return Resume.create({
      userId: student.id,
      schoolId: student.schoolId!,
      title: title || `我的简历${count ? ` ${count + 1}` : ''}`,
      isDefault: count === 0,
      profile: {
        name: student.name,
        gender: graduate?.gender ?? '',
        phone: student.phone ?? graduate?.phone ?? '',
        email: student.email ?? graduate?.email ?? '',
      },
      intention: await this.intentionDefaults(student.id),
      education: {
        school: school?.name ?? '',
        college: graduate?.college ?? '',
        major: graduate?.major ?? '',
        degree: graduate?.degreeLevel ?? '',
        endDate: graduate?.graduationYear ? `${graduate.graduationYear}-06` : '',
      },
    })
  },

  async updateBasics(resume: Resume, input: Record<string, string | undefined>) {
    resume.merge({
      title: input.title!,
      profile: {
        name: input.name,
        gender: input.gender,
        birthDate: input.birth_date,
        phone: input.phone,
        email: input.email,
        city: input.city,
        politicalStatus: input.political_status,
      },
      intention: {
        position: input.intention_position,
        cities: input.intention_cities,
        salary: input.intention_salary,
        nature: input.intention_nature,
      },
      education: {
        school: input.school,
        college: input.college,
        major: input.major,
        degree: input.degree,
        startDate: input.start_date,
        endDate: input.end_date,
        courses: input.courses,
      },
    })
    await resume.save()
  },

  async addSection(resume: Resume, kind: string) {
    const title = OPTIONAL_SECTIONS[kind]
    if (!title) throw new ApplyRefused('请选择要添加的栏目')
    const last = await db
      .from('resume_sections')
      .where('resume_id', resume.id)
      .max('position as p')
      .first()
    return ResumeSection.create({
      resumeId: resume.id,
      kind,
      title,
      content: '',
      position: Number(last?.p ?? 0) + 1,
    })
  },

  async section(resume: Resume, sectionId: number) {
    const section = await ResumeSection.query()
      .where('id', sectionId)
      .where('resume_id', resume.id)
      .first()
    if (!section) throw new ApplyRefused('栏目不存在')
    return section
  },

  async updateSection(resume: Resume, sectionId: number, content: string) {
    const section = await this.section(resume, sectionId)
    section.content = content
    await section.save()
    return section
  },

  async removeSection(resume: Resume, sectionId: number) {
    const section = await this.section(resume, sectionId)
    await section.delete()
  },

  /** Moves a section up or down by swapping positions with its neighbour. */
  async moveSection(resume: Resume, sectionId: number, direction: 'up' | 'down') {
    await this.withSections(resume)
    const list = [...resume.sections]
    const index = list.findIndex((s) => s.id === sectionId)
    if (index < 0) throw new ApplyRefused('栏目不存在')
    const other = direction === 'up' ? index - 1 : index + 1
    if (other < 0 || other >= list.length) return
    ;[list[index], list[other]] = [list[other], list[index]]
    await db.transaction(async (trx) => {
      for (const [i, s] of list.entries()) {
        await trx
          .from('resume_sections')
          .where('id', s.id)
          .update({ position: i + 1 })
      }
    })
  },

  async remove(resume: Resume) {
    const used = await db.from('job_applications').where('resume_id', resume.id).first()
    if (used) throw new ApplyRefused('该简历已用于投递，不能删除（用人单位仍需查看）')
    await this.removeAttachment(resume)
    await resume.delete()
    const next = await Resume.query().where('user_id', resume.userId).orderBy('id').first()
    if (resume.isDefault && next) await next.merge({ isDefault: true }).save()
  },

  async attachmentOf(resume: Resume) {
    if (!resume.attachmentFileId) return null
    return db.from('resume_attachments').where('id', resume.attachmentFileId).first()
  },

  /** Stores an attachment after checking size and real type; replaces the previous one. */
  async attach(resume: Resume, file: { tmpPath?: string; size: number; clientName: string }) {
    if (!file.tmpPath) throw new ApplyRefused('上传失败，请重新选择文件', 'attachment')
    if (file.size > ATTACHMENT_MAX_BYTES) throw new ApplyRefused('文件不能超过 5MB', 'attachment')
    const bytes = await readFile(file.tmpPath)
    if (bytes.length > ATTACHMENT_MAX_BYTES)
      throw new ApplyRefused('文件不能超过 5MB', 'attachment')
    const type = sniffAttachment(bytes)
    if (!type)
      throw new ApplyRefused(
        '仅支持 PDF（推荐）、Word、JPG、PNG 文件，文件内容与类型不符',
        'attachment'
      )
    const key = `${resume.userId}/${randomUUID()}.${type.ext}`
    await mkdir(dirname(storagePath(key)), { recursive: true })
    await writeFile(storagePath(key), bytes)
    const [row] = await db
      .table('resume_attachments')
      .insert({
        user_id: resume.userId,
        resume_id: resume.id,
        storage_key: key,
        original_name: file.clientName.slice(0, 255),
        mime: type.mime,
        size: bytes.length,
        created_at: nowDb(),
      })
      .returning('id')
    const id = typeof row === 'object' ? (row as any).id : row
    await this.removeAttachment(resume)
    resume.attachmentFileId = id
    await resume.save()
  },

  async removeAttachment(resume: Resume) {
    const old = await this.attachmentOf(resume)
    if (!old) return
    await rm(storagePath(old.storage_key), { force: true })
    await db.from('resume_attachments').where('id', old.id).delete()
    resume.attachmentFileId = null
    await resume.save()
  },

  attachmentPath(row: { storage_key: string }) {
    return storagePath(row.storage_key)
  },

  /**
   * Who may see a resume (online, PDF, attachment): the student who owns it, and employers the
   * student applied to with it.
   */
  async canView(user: User, resume: Resume) {
    if (user.kind === 'student') return user.id === resume.userId
    if (user.kind === 'employer' && user.employerId) {
      return Boolean(
        await db
          .from('job_applications')
          .where('resume_id', resume.id)
          .where('employer_id', user.employerId)
          .first()
      )
    }
    return false
  },
}

export default resumes
