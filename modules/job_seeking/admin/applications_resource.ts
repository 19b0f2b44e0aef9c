import type { HttpContext } from '@adonisjs/core/http'
import { defineResource, type AnyQuery, type RowActionDef } from '#core/admin/resource'
import { text } from '#core/i18n/text'
import JobApplication, {
  APPLICATION_TRANSITIONS,
  applicationStatusLabels,
  type ApplicationStatus,
} from '#modules/job_seeking/models/job_application'
import Job from '#modules/job_seeking/models/job'
import applicationMachine from '#modules/job_seeking/machines/job_application'
import applications from '#modules/job_seeking/services/applications'
import interviews from '#modules/job_seeking/services/interviews'
import resumes from '#modules/job_seeking/services/resumes'
import { INTERVIEW_FILTERS, type InterviewFilter } from '#modules/job_seeking/services/todos'
import { stateTabs } from '#modules/job_seeking/admin/tabs'

const K = 'job_seeking'

/** The decisions of the list (邀请面试 is the invitation form of the record page). */
const DECISIONS: Exclude<ApplicationStatus, 'submitted' | 'interview'>[] = [
  'viewed',
  'rejected',
  'hired',
]

function decision(to: (typeof DECISIONS)[number]): RowActionDef {
  return {
    id: to,
    label: `${K}.admin.applications.mark_${to}`,
    confirm: `${K}.admin.applications.confirm_${to}`,
    danger: to === 'rejected',
    visible: (r) => APPLICATION_TRANSITIONS[r.status as ApplicationStatus].includes(to),
    handle: async ({ record, trx }) => {
      const application = record as JobApplication
      const from = application.status
      // The machine's conditional UPDATE and the student's 求职进度 message, in this transaction.
      await applications.changeStatus(
        application,
        to,
        application.job.title,
        application.job.employer.name,
        trx
      )
      return {
        message: text(`${K}.flash.application_marked`, { status: applicationMachine.label(to) }),
        before: { status: from },
        after: { status: application.status },
      }
    },
  }
}

async function jobOptions(ctx: HttpContext) {
  const jobs = await Job.query()
    .where('employer_id', ctx.auth.use('web').user!.employerId ?? 0)
    .orderBy('created_at', 'desc')
    .select('id', 'title')
  return jobs.map((j) => ({ value: j.id, label: j.title }))
}

/**
 * 应聘管理 (/employer/applications): the applications to the employer's jobs, with tabs by state
 * (the application machine), search by student or job, filters by job and by interview (the
 * 单位中心 to-dos link here), and the decisions 已查看 / 不合适 / 已录用 as row actions through
 * the application service. The record page stays the hand-written 应聘详情 (the resume itself,
 * its PDF and attachment, the interview form and its history): more than a resource detail.
 */
export default defineResource({
  area: 'employer',
  id: 'applications',
  label: `${K}.nav.employer_applications`,
  singular: `${K}.admin.applications.singular`,
  subject: 'job_application',
  model: JobApplication,
  scope: { employer: 'employer_id' },
  menu: false,
  query: (q) =>
    q
      .preload('job', (j: any) => j.preload('employer'))
      .preload('user', (u: any) => u.preload('graduate').preload('school')),
  // Audit readers load the row alone: the number then.
  title: (r) => (r.user && r.job ? `${r.user.name} · ${r.job.title}` : `#${r.id}`),
  columns: [
    { key: 'name', label: `${K}.validator.fields.name`, value: (r) => r.user?.name, link: true },
    {
      key: 'schoolMajor',
      label: `${K}.pages.employer_applications.school_major`,
      value: (r) =>
        [r.user?.school?.name, r.user?.graduate?.major].filter(Boolean).join(' ') || '—',
    },
    { key: 'job', label: `${K}.common.job`, value: (r) => r.job?.title },
    {
      key: 'createdAt',
      label: `${K}.common.submitted_at`,
      format: 'datetime',
      sortable: 'job_applications.created_at',
    },
    { key: 'status', label: `${K}.common.status`, machine: applicationMachine },
  ],
  tabs: stateTabs(applicationMachine),
  searchWhere: (query: AnyQuery, term: string) => {
    const like = `%${term}%`
    query.where((w: any) =>
      w
        .whereHas('user', (u: any) => u.whereILike('name', like))
        .orWhereHas('job', (j: any) => j.whereILike('title', like))
    )
  },
  searchPlaceholder: `${K}.admin.applications.search`,
  filters: [
    {
      key: 'job',
      label: `${K}.common.job`,
      options: jobOptions,
      apply: (query, value) => query.where('job_applications.job_id', Number(value)),
    },
    {
      // The 单位中心 to-dos: one definition of 待回复 / 待进行 (services/todos).
      key: 'interview',
      label: `${K}.admin.applications.interview`,
      options: (Object.keys(INTERVIEW_FILTERS) as InterviewFilter[]).map((key) => ({
        value: key,
        label: INTERVIEW_FILTERS[key].label,
      })),
      apply: (query, value) => INTERVIEW_FILTERS[value as InterviewFilter].apply(query),
    },
  ],
  defaultSort: { column: 'job_applications.created_at', direction: 'desc' },
  emptyMessage: `${K}.pages.employer_applications.empty`,
  rowActions: DECISIONS.map(decision),
  // 应聘详情: opening it marks the application 已查看 (and tells the student).
  show: async ({ ctx, record }) => {
    const application = record as JobApplication
    await applications.markViewed(application, application.job.title, application.job.employer.name)
    const resume = application.resumeId
      ? await resumes.ownedBy(application.userId, application.resumeId)
      : null
    if (resume) await resumes.withSections(resume)
    return ctx.view.render('job_seeking::pages/employer/applications/show', {
      application,
      resume,
      attachment: resume ? await resumes.attachmentOf(resume) : null,
      invitations: await interviews.ofApplication(application.id),
      nextStatuses: APPLICATION_TRANSITIONS[application.status].filter((s) => s !== 'interview'),
      statusLabels: applicationStatusLabels(),
    })
  },
})
