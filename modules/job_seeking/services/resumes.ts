import type { MultipartFile } from '@adonisjs/core/bodyparser'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import files, { MB } from '#core/files/file_service'
import StoredFile from '#core/files/models/stored_file'
import { defineFilePurposes } from '#core/files/purposes'
import Graduate from '#core/registry/models/graduate'
import School from '#core/tenancy/models/school'
import Resume from '#modules/job_seeking/models/resume'
import ResumeSection, { OPTIONAL_SECTIONS } from '#modules/job_seeking/models/resume_section'
import { refused } from '#modules/job_seeking/services/applications'
import intentions from '#modules/job_seeking/services/intentions'
import { canViewResume } from '#modules/job_seeking/policies/resume_policy'

export const ATTACHMENT_PURPOSE = 'resume_attachment'

/**
 * 附件简历, stored by the core file service (declared in the manifest): PDF, Word, JPG, PNG up to
 * 5 MB, the type checked by content; readable by its student and the employers the student
 * applied to with the resume (nobody else, province admins included).
 */
export const resumeFilePurposes = defineFilePurposes({
  [ATTACHMENT_PURPOSE]: {
    label: 'job_seeking.labels.resume_attachment',
    kinds: ['pdf', 'docx', 'doc', 'jpg', 'png'],
    maxBytes: 5 * MB,
    readers: async (user, file) => {
      const resume = await Resume.query().where('attachment_file_id', file.id).first()
      return resume ? canViewResume(user, resume) : false
    },
    references: async (batch) =>
      (
        await db
          .from('resumes')
          .whereIn(
            'attachment_file_id',
            batch.map((f) => f.id)
          )
          .select('attachment_file_id')
      ).map((r: any) => Number(r.attachment_file_id)),
  },
})

/** 我的简历: several resumes per student, online sections, attachment. */
export class ResumeService {
  async listOf(userId: number) {
    return Resume.ofUser(userId)
  }

  async ownedBy(userId: number, resumeId: number) {
    return Resume.query().where('id', resumeId).where('user_id', userId).first()
  }

  async withSections(resume: Resume) {
    await resume.load('sections', (q) => q.orderBy('position', 'asc').orderBy('id', 'asc'))
    return resume
  }

  /** A new resume's 求职意向 starts from 求职意向管理 (拟就业 only; the other types have no such fields). */
  async intentionDefaults(userId: number) {
    const { intention, terms } = await intentions.of(userId)
    if (!intention || intention.type !== 'employment') return {}
    const join = (values: string[], max: number) => {
      let out = ''
      for (const v of values) {
        const next = out ? `${out}${text('job_seeking.labels.list_separator')}${v}` : v
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
  }

  /** A new resume starts from the registry record (个人信息, 教育背景) and 求职意向管理 (求职意向). */
  async create(student: User, title?: string) {
    const graduate = student.graduateId ? await Graduate.find(student.graduateId) : null
    const school = student.schoolId ? await School.find(student.schoolId) : null
    const count = (await this.listOf(student.id)).length
    if (count >= 10) throw refused('job_seeking.refusals.resume_limit')
    return Resume.create({
      userId: student.id,
      schoolId: student.schoolId!,
      title:
        title ||
        text('job_seeking.labels.resume_default_title', { n: count ? ` ${count + 1}` : '' }),
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
  }

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
  }

  async addSection(resume: Resume, kind: string) {
    const key = OPTIONAL_SECTIONS[kind]
    if (!key) throw refused('job_seeking.refusals.section_choose')
    const title = text(key)
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
  }

  async section(resume: Resume, sectionId: number) {
    const section = await ResumeSection.query()
      .where('id', sectionId)
      .where('resume_id', resume.id)
      .first()
    if (!section) throw refused('job_seeking.refusals.section_missing')
    return section
  }

  async updateSection(resume: Resume, sectionId: number, content: string) {
    const section = await this.section(resume, sectionId)
    section.content = content
    await section.save()
    return section
  }

  async removeSection(resume: Resume, sectionId: number) {
    const section = await this.section(resume, sectionId)
    await section.delete()
  }

  /** Moves a section up or down by swapping positions with its neighbour. */
  async moveSection(resume: Resume, sectionId: number, direction: 'up' | 'down') {
    await this.withSections(resume)
    const list = [...resume.sections]
    const index = list.findIndex((s) => s.id === sectionId)
    if (index < 0) throw refused('job_seeking.refusals.section_missing')
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
  }

  async remove(resume: Resume) {
    const used = await db.from('job_applications').where('resume_id', resume.id).first()
    if (used) throw refused('job_seeking.refusals.resume_in_use')
    await this.removeAttachment(resume)
    await resume.delete()
    const next = await Resume.query().where('user_id', resume.userId).orderBy('id').first()
    if (resume.isDefault && next) await next.merge({ isDefault: true }).save()
  }

  /** The stored attachment of a resume (a `files` row of the core), or null. */
  async attachmentFile(resume: Resume) {
    if (!resume.attachmentFileId) return null
    return StoredFile.query()
      .where('id', resume.attachmentFileId)
      .where('purpose', ATTACHMENT_PURPOSE)
      .first()
  }

  /** What the resume pages show of the attachment (name and size). */
  async attachmentOf(resume: Resume) {
    const file = await this.attachmentFile(resume)
    return file ? { id: file.id, original_name: file.originalName, size: file.size } : null
  }

  /**
   * Stores an attachment through the core (size, real type, quota) and points the resume at it
   * in one transaction; the previous attachment is removed once the new one is in place.
   */
  async attach(resume: Resume, upload: MultipartFile | null | undefined) {
    const previous = await this.attachmentFile(resume)
    let stored: StoredFile | null = null
    const trx = await db.transaction()
    try {
      stored = await files.store(upload, ATTACHMENT_PURPOSE, { ownerId: resume.userId, trx })
      await trx
        .from('resumes')
        .where('id', resume.id)
        .update({ attachment_file_id: stored.id, updated_at: nowDb() })
      await trx.commit()
    } catch (error) {
      if (!trx.isCompleted) await trx.rollback()
      await files.removeBytes(stored).catch(() => {})
      throw error
    }
    resume.attachmentFileId = stored.id
    if (previous) await files.discard(previous)
  }

  async removeAttachment(resume: Resume) {
    const file = await this.attachmentFile(resume)
    if (!resume.attachmentFileId) return
    resume.attachmentFileId = null
    await resume.save()
    await files.discard(file)
  }
}

export const resumes = new ResumeService()
export default resumes
