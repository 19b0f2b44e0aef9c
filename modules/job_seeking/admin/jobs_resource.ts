import router from '@adonisjs/core/services/router'
import db from '@adonisjs/lucid/services/db'
import Employer from '#core/accounts/models/employer'
import { defineResource, type AnyRow } from '#core/admin/resource'
import { text } from '#core/i18n/text'
import Job from '#modules/job_seeking/models/job'
import jobMachine from '#modules/job_seeking/machines/job_posting'
import jobPosting from '#modules/job_seeking/services/job_posting'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import { stateTabs } from '#modules/job_seeking/admin/tabs'

const K = 'job_seeking'

/** 招聘中 / 已过期 (open, past its deadline) / 已停止 as the list shows it. */
function shownState(job: AnyRow) {
  if (job.status !== 'open') return 'closed'
  return job.isExpired ? 'expired' : 'open'
}

/**
 * 职位管理 (/employer/jobs): the employer's own jobs with tabs by state, search, 停止招聘 /
 * 重新开放 through the posting service, and the job's applicants as a child table on its record
 * page. 发布职位 and 编辑 stay hand-written forms (dictionary pickers, salary range, deadline):
 * 发布职位 is the module's page, 编辑 a record page of this resource rendering that form.
 */
export default defineResource({
  area: 'employer',
  id: 'jobs',
  label: `${K}.nav.employer_jobs`,
  singular: `${K}.admin.jobs.singular`,
  subject: 'job',
  model: Job,
  scope: { employer: 'employer_id' },
  // In the employer centre's navigation already (the module's navigation entry).
  menu: false,
  query: (q) =>
    q
      .select('jobs.*')
      .select(
        db
          .from('job_applications')
          .whereColumn('job_applications.job_id', 'jobs.id')
          .count('*')
          .as('applicants')
      ),
  columns: [
    { key: 'title', label: `${K}.common.job_title`, link: true, sortable: 'jobs.title' },
    { key: 'city', label: `${K}.pages.employer_jobs.city` },
    { key: 'salary', label: `${K}.pages.jobs.salary`, value: (r) => r.salaryText },
    { key: 'deadline', label: `${K}.common.deadline`, format: 'date', sortable: 'jobs.deadline' },
    {
      key: 'state',
      label: `${K}.common.status`,
      value: shownState,
      tag: {
        open: [`${K}.pages.employer_jobs.open`, 'green'],
        expired: [`${K}.pages.employer_jobs.expired`, 'orange'],
        closed: [`${K}.pages.employer_jobs.closed`, 'gray'],
      },
    },
    {
      key: 'applicants',
      label: `${K}.pages.employer_jobs.applicants`,
      value: (r) => Number(r.$extras.applicants ?? 0),
    },
  ],
  tabs: stateTabs(jobMachine),
  search: ['title', 'city'],
  searchPlaceholder: `${K}.admin.jobs.search`,
  defaultSort: { column: 'jobs.created_at', direction: 'desc' },
  emptyMessage: `${K}.pages.employer_jobs.empty`,
  toolbar: [
    {
      label: `${K}.pages.employer_jobs.publish`,
      // Read when the resource is first shown (the module's routes are mounted after it).
      get href() {
        return router.makeUrl('job_seeking.employer.jobs.create')
      },
      primary: true,
    },
  ],
  detail: [
    { key: 'title', label: `${K}.common.job_title` },
    { key: 'category', label: `${K}.admin.jobs.category` },
    { key: 'nature', label: `${K}.admin.jobs.nature` },
    { key: 'city', label: `${K}.pages.employer_jobs.city` },
    { key: 'salary', label: `${K}.pages.jobs.salary`, value: (r) => r.salaryText },
    { key: 'education', label: `${K}.admin.jobs.education` },
    { key: 'headcount', label: `${K}.admin.jobs.headcount` },
    { key: 'deadline', label: `${K}.common.deadline`, format: 'date' },
    {
      key: 'state',
      label: `${K}.common.status`,
      value: (r) => text(`${K}.pages.employer_jobs.${shownState(r)}`),
    },
    { key: 'publishedAt', label: `${K}.admin.jobs.published_at`, format: 'datetime' },
    { key: 'description', label: `${K}.admin.jobs.description`, format: 'multiline' },
    {
      key: 'publicPage',
      label: `${K}.admin.jobs.public_page`,
      value: (r) => r.title,
      href: (r) => router.makeUrl('jobs.show', { id: r.id }),
    },
  ],
  rowActions: [
    {
      id: 'close',
      label: `${K}.pages.employer_jobs.close`,
      confirm: `${K}.admin.jobs.close_confirm`,
      danger: true,
      visible: (r) => r.status === 'open',
      handle: async ({ record, trx }) => {
        const job = record as Job
        await jobPosting.close(job, trx)
        return {
          message: text(`${K}.flash.job_closed`, { title: job.title }),
          before: { status: 'open' },
          after: { status: job.status },
        }
      },
    },
    {
      id: 'reopen',
      label: `${K}.pages.employer_jobs.reopen`,
      visible: (r) => r.status === 'closed',
      handle: async ({ record, trx }) => {
        const job = record as Job
        const employer = await Employer.findOrFail(job.employerId, { client: trx })
        await jobPosting.reopen(job, employer, trx)
        const message = text(`${K}.flash.job_reopened`, { title: job.title })
        return {
          message,
          before: { status: 'closed' },
          after: { status: job.status },
          // The subscription push reads the job with its own connection: after the commit.
          afterCommit: async () => {
            await jobPosting.announce(job)
            return { message }
          },
        }
      },
    },
  ],
  pages: [
    {
      id: 'edit',
      label: `${K}.common.edit`,
      render: async ({ ctx, record }) =>
        ctx.view.render('job_seeking::pages/employer/jobs/form', {
          employer: await Employer.findOrFail(record.employerId),
          job: record,
          options: await dictionaries.forForms(),
        }),
    },
  ],
  children: [
    {
      id: 'applicants',
      label: `${K}.admin.jobs.applicants`,
      resource: async () =>
        (await import('#modules/job_seeking/admin/applications_resource')).default,
      foreignKey: 'job_id',
    },
  ],
})
