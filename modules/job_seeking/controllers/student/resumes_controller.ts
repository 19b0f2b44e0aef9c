import type { HttpContext } from '@adonisjs/core/http'
import router from '@adonisjs/core/services/router'
import { toast } from '#core/http/htmx'
import { text } from '#core/i18n/text'
import resumes from '#modules/job_seeking/services/resumes'
import { renderResumePdf } from '#modules/job_seeking/services/resume_pdf'
import { sectionLabels } from '#modules/job_seeking/models/resume_section'
import {
  newResumeValidator,
  resumeBasicsValidator,
} from '#modules/job_seeking/validators/job_validators'
import { messagesProvider } from '#modules/job_seeking/validators/messages'
import { actor } from '#modules/job_seeking/controllers/chrome'
import files, { FileRejectedError } from '#core/files/file_service'
import { Refusal } from '#core/http/refusal'
import { formOnce } from '#core/http/form_token'

/** The resume's edit page (where every resume action comes back to). */
const editUrl = (id: number) => router.makeUrl('job_seeking.student.resumes.edit', { id })

/** 我的简历: list, online editing (sections added/removed/ordered with htmx), preview, PDF, attachment. */
export default class ResumesController {
  async index(ctx: HttpContext) {
    const list = await resumes.listOf(actor(ctx).id)
    return ctx.view.render('job_seeking::pages/student/resumes/index', { resumes: list })
  }

  async store(ctx: HttpContext) {
    const { title } = await ctx.request.validateUsing(newResumeValidator, { messagesProvider })
    // 新建简历 sent twice makes one resume; the second submit opens it.
    return formOnce(ctx, router.makeUrl('student.resumes'), async (created) => {
      const resume = await resumes.create(actor(ctx), title ?? '')
      created(editUrl(resume.id))
      toast(ctx, text('job_seeking.flash.resume_created'))
      return ctx.response.redirect(editUrl(resume.id))
    })
  }

  /** The student's own resume, or a 404 (another student's resume does not exist for them). */
  async own(ctx: HttpContext) {
    const resume = await resumes.ownedBy(actor(ctx).id, ctx.params.id)
    if (!resume) throw Refusal.notFound()
    return resumes.withSections(resume)
  }

  async edit(ctx: HttpContext) {
    const resume = await this.own(ctx)
    return ctx.view.render('job_seeking::pages/student/resumes/edit', {
      resume,
      sectionKinds: sectionLabels(),
      attachment: await resumes.attachmentOf(resume),
    })
  }

  async update(ctx: HttpContext) {
    const resume = await this.own(ctx)
    const data = await ctx.request.validateUsing(resumeBasicsValidator, { messagesProvider })
    await resumes.updateBasics(resume, data)
    toast(ctx, text('job_seeking.flash.resume_saved'))
    return ctx.response.redirect(editUrl(resume.id))
  }

  async destroy(ctx: HttpContext) {
    const resume = await this.own(ctx)
    await resumes.remove(resume)
    toast(ctx, text('job_seeking.flash.resume_deleted'))
    return ctx.response.redirect().toRoute('student.resumes')
  }

  async preview(ctx: HttpContext) {
    const resume = await this.own(ctx)
    return ctx.view.render('job_seeking::pages/student/resumes/preview', {
      resume,
      backUrl: editUrl(resume.id),
      pdfUrl: router.makeUrl('job_seeking.student.resumes.pdf', { id: resume.id }),
    })
  }

  async pdf(ctx: HttpContext) {
    const resume = await this.own(ctx)
    return sendPdf(ctx, resume)
  }

  /** Section operations answer the sections list fragment (htmx) or redirect back. */
  async sections(ctx: HttpContext, action: 'add' | 'update' | 'remove' | 'move') {
    const resume = await this.own(ctx)
    const sectionId: number = ctx.params.sectionId
    // A refusal (unknown section kind, section gone) answers itself: a toast, nothing swapped.
    if (action === 'add') await resumes.addSection(resume, String(ctx.request.input('kind', '')))
    if (action === 'update')
      await resumes.updateSection(
        resume,
        sectionId,
        String(ctx.request.input('content', '') ?? '').slice(0, 5000)
      )
    if (action === 'remove') await resumes.removeSection(resume, sectionId)
    if (action === 'move')
      await resumes.moveSection(
        resume,
        sectionId,
        ctx.request.input('direction') === 'up' ? 'up' : 'down'
      )
    toast(ctx, text(`job_seeking.flash.section_${action}`))
    if (ctx.request.header('hx-request') === 'true') {
      await resumes.withSections(resume)
      return ctx.view.render('job_seeking::partials/resume_sections', {
        resume,
        sectionKinds: sectionLabels(),
      })
    }
    return ctx.response.redirect(editUrl(resume.id))
  }

  addSection(ctx: HttpContext) {
    return this.sections(ctx, 'add')
  }
  updateSection(ctx: HttpContext) {
    return this.sections(ctx, 'update')
  }
  removeSection(ctx: HttpContext) {
    return this.sections(ctx, 'remove')
  }
  moveSection(ctx: HttpContext) {
    return this.sections(ctx, 'move')
  }

  async uploadAttachment(ctx: HttpContext) {
    const resume = await this.own(ctx)
    try {
      // Size, type (by content) and quota are the core's checks of the `resume_attachment` purpose.
      await resumes.attach(resume, ctx.request.file('attachment'))
      toast(ctx, text('job_seeking.flash.attachment_uploaded'))
    } catch (error) {
      if (!(error instanceof FileRejectedError)) throw error
      ctx.session.flash('errorsBag', { attachment: error.message })
    }
    return ctx.response.redirect(editUrl(resume.id))
  }

  async removeAttachment(ctx: HttpContext) {
    const resume = await this.own(ctx)
    await resumes.removeAttachment(resume)
    toast(ctx, text('job_seeking.flash.attachment_removed'))
    return ctx.response.redirect(editUrl(resume.id))
  }

  async downloadAttachment(ctx: HttpContext) {
    const resume = await this.own(ctx)
    return sendAttachment(ctx, resume)
  }
}

export async function sendPdf(
  ctx: HttpContext,
  resume: Awaited<ReturnType<typeof resumes.withSections>>
) {
  const pdf = await renderResumePdf(resume)
  const name = `${resume.profile?.name || text('job_seeking.labels.resume')}-${resume.title}.pdf`
  ctx.response.header('Content-Type', 'application/pdf')
  ctx.response.header(
    'Content-Disposition',
    `attachment; filename="resume-${resume.id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`
  )
  ctx.response.header('Cache-Control', 'private, no-store')
  return ctx.response.send(pdf)
}

export async function sendAttachment(
  ctx: HttpContext,
  resume: Awaited<ReturnType<typeof resumes.withSections>>
) {
  const file = await resumes.attachmentFile(resume)
  if (!file) throw Refusal.notFound()
  return files.send(ctx, file)
}
