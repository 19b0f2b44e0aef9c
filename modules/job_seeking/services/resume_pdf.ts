import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import PDFDocument from 'pdfkit'
import type Resume from '#modules/job_seeking/models/resume'
import { text } from '#core/i18n/text'

const require = createRequire(import.meta.url)

/** Noto Sans Hans (Simplified Chinese) shipped by the @embedpdf/fonts-sc package. */
// The package exports only its JS entry; the fonts sit in its `fonts/` folder beside `dist/`.
const FONT_DIR = join(dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts')
export const CJK_FONT_PATH = join(FONT_DIR, 'NotoSansHans-Regular.otf')
export const CJK_BOLD_FONT_PATH = join(FONT_DIR, 'NotoSansHans-Bold.otf')

const BLUE = '#1677ff'

/**
 * The resume as a PDF: the CJK font is embedded (subset, with a ToUnicode map) so Chinese text
 * renders on any reader and can be copied/searched.
 */
export async function renderResumePdf(resume: Resume): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: resume.title, Author: resume.profile?.name ?? '' },
  })
  doc.registerFont('cjk', CJK_FONT_PATH)
  doc.registerFont('cjk-bold', CJK_BOLD_FONT_PATH)
  const chunks: Buffer[] = []
  doc.on('data', (c: Buffer) => chunks.push(c))
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)))
    doc.on('error', reject)
  })

  const p = resume.profile ?? {}
  const i = resume.intention ?? {}
  const e = resume.education ?? {}
  doc
    .font('cjk-bold')
    .fontSize(22)
    .fillColor('#000')
    .text(p.name || text('job_seeking.labels.pdf.no_name'))
  doc.moveDown(0.3)
  doc
    .font('cjk')
    .fontSize(10.5)
    .fillColor('#444')
    .text(
      [p.gender, p.birthDate, p.phone, p.email, p.city, p.politicalStatus]
        .filter(Boolean)
        .join('  |  ') || ' '
    )

  const heading = (title: string) => {
    doc.moveDown(0.8)
    doc.font('cjk-bold').fontSize(13).fillColor(BLUE).text(title)
    const y = doc.y + 2
    doc
      .moveTo(doc.page.margins.left, y)
      .lineTo(doc.page.width - doc.page.margins.right, y)
      .strokeColor(BLUE)
      .lineWidth(0.8)
      .stroke()
    doc.moveDown(0.4)
    doc.font('cjk').fontSize(10.5).fillColor('#222')
  }
  const line = (label: string, value?: string) => {
    if (value) doc.text(text('job_seeking.labels.pdf.line', { label: text(label), value }))
  }

  heading(text('job_seeking.labels.pdf.intention'))
  line('job_seeking.labels.pdf.position', i.position)
  line('job_seeking.labels.pdf.cities', i.cities)
  line('job_seeking.labels.pdf.salary', i.salary)
  line('job_seeking.labels.pdf.nature', i.nature)
  if (!i.position && !i.cities && !i.salary && !i.nature)
    doc.text(text('job_seeking.labels.pdf.empty'))

  heading(text('job_seeking.labels.pdf.education'))
  doc.text(
    [
      e.startDate && e.endDate ? `${e.startDate} — ${e.endDate}` : e.endDate,
      e.school,
      e.college,
      e.major,
      e.degree,
    ]
      .filter(Boolean)
      .join('   ')
  )
  line('job_seeking.labels.pdf.courses', e.courses)

  for (const section of resume.sections ?? []) {
    heading(section.title)
    doc.text(section.content || text('job_seeking.labels.pdf.empty'))
  }

  doc.end()
  return done
}
