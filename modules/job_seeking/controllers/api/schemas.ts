import vine from '@vinejs/vine'
import { pageFields } from '#core/api/http'
import type { ApiDescription } from '#core/api/describe'
import { text } from '#core/i18n/text'

// Validators and response shapes of the job-seeking API: read by the routes' describe()
// (OpenAPI) and by the controllers, kept apart so the manifest does not load controllers at boot.

/** The filters of the 招聘职位 page (20 a page, no exact total: `has_more`). */
export const jobListQuery = vine.compile(
  vine.object({
    page: pageFields.page,
    updated_since: pageFields.updated_since,
    keyword: vine.string().trim().maxLength(50).optional(),
    city: vine.string().trim().maxLength(50).optional(),
    industry: vine.string().trim().maxLength(50).optional(),
    nature: vine.string().trim().maxLength(50).optional(),
    category: vine.string().trim().maxLength(50).optional(),
    /** A label of the salary ranges (as on the page). */
    salary: vine.string().trim().maxLength(50).optional(),
    sort: vine.enum(['latest', 'salary']).optional(),
  })
)

export const companyListQuery = vine.compile(
  vine.object({ page: pageFields.page, per_page: pageFields.per_page })
)

export const recordsQuery = vine.compile(vine.object({ page: pageFields.page }))

export const applyValidator = vine.compile(
  vine.object({
    /** Which resume to send; optional when the student has exactly one. */
    resume_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
  })
)

export const answerValidator = vine.compile(
  vine.object({ answer: vine.enum(['accepted', 'refused']) })
)

export const JOB_SHAPE = {
  id: 'integer',
  title: 'string',
  city: 'string',
  category: 'string',
  nature: 'string',
  education: 'string?',
  industry: 'string?',
  salary: 'string',
  employer: { id: 'integer', name: 'string' },
  published_at: 'date-time?',
  updated_at: 'date-time?',
  url: 'string',
} as const

export const JOB_DETAIL_SHAPE = {
  ...JOB_SHAPE,
  province: 'string',
  headcount: 'integer?',
  requirements: 'string?',
  description: 'string?',
  deadline: 'date-time?',
  status: 'string',
  closed_reason: 'string?',
} as const

export const COMPANY_SHAPE = {
  id: 'integer',
  name: 'string',
  industry: 'string?',
  nature: 'string?',
  scale: 'string?',
  city: 'string?',
  url: 'string',
} as const

export const COMPANY_DETAIL_SHAPE = {
  ...COMPANY_SHAPE,
  description: 'string?',
  jobs: [{ id: 'integer', title: 'string', city: 'string', salary: 'string' }],
} as const

export const INTENTION_SHAPE = {
  type: 'string?',
  job_nature: 'string?',
  cities: ['string'],
  categories: ['string'],
  industries: ['string'],
  employer_natures: ['string'],
  employer_scales: ['string'],
  expected_salary: 'string?',
  subscribed: 'boolean',
  frequency: 'string',
  updated_at: 'date-time?',
} as const

export const RESUME_SHAPE = {
  id: 'integer',
  title: 'string',
  is_default: 'boolean',
  has_attachment: 'boolean',
  updated_at: 'date-time',
  pdf_url: 'string',
} as const

export const APPLICATION_SHAPE = {
  id: 'integer',
  status: 'string',
  status_label: 'string',
  created_at: 'date-time',
  job: { id: 'integer', title: 'string', city: 'string' },
  employer: { id: 'integer', name: 'string' },
  resume_title: 'string?',
} as const

export const FAVOURITE_SHAPE = {
  job: { id: 'integer', title: 'string', city: 'string', salary: 'string', status: 'string' },
  employer_name: 'string',
  application_id: 'integer?',
  created_at: 'date-time',
} as const

export const INTERVIEW_SHAPE = {
  id: 'integer',
  application_id: 'integer',
  mode: 'string',
  starts_at: 'date-time',
  place: 'string?',
  video_link: 'string?',
  letter: 'string',
  status: 'string',
  answered_at: 'date-time?',
  job: { id: 'integer', title: 'string' },
  employer: { id: 'integer', name: 'string' },
} as const

/**
 * An /api route's description whose summary and tag are lang keys (`job_seeking.labels.api.*`),
 * read when the OpenAPI document is built (the texts are not loaded yet when routes are declared).
 */
export function documented<T extends Omit<ApiDescription, 'summary' | 'tags'>>(
  summaryKey: string,
  tagKey: string,
  rest: T
): ApiDescription {
  return Object.defineProperties(rest, {
    summary: { enumerable: true, get: () => text(summaryKey) },
    tags: { enumerable: true, get: () => [text(tagKey)] },
  }) as T & ApiDescription
}
