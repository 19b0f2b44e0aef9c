import vine from '@vinejs/vine'
import { pageFields } from '#core/api/http'

// Validators and response shapes of the events API: read by the routes' describe() (OpenAPI)
// and by the controller, kept apart so the manifest does not load the controller at boot.

/** The filters of the 招聘会 / 宣讲会 pages (parsed by the same parseFilters). */
export const eventListQuery = vine.compile(
  vine.object({
    ...pageFields,
    tab: vine.enum(['upcoming', 'past']).optional(),
    city: vine.string().trim().maxLength(50).optional(),
    /** A school id, or `province` for province-wide events. */
    school: vine.string().trim().maxLength(12).optional(),
    mode: vine.enum(['online', 'offline']).optional(),
    /** yyyy-MM-dd: events running on that day. */
    date: vine
      .string()
      .trim()
      .regex(/^\d{4}-\d{2}-\d{2}$/)
      .optional(),
  })
)

export const myEventsQuery = vine.compile(
  vine.object({ page: pageFields.page, per_page: pageFields.per_page })
)

export const EVENT_SHAPE = {
  id: 'integer',
  kind: 'string',
  title: 'string',
  mode: 'string',
  city: 'string',
  place: 'string?',
  online_url: 'string?',
  starts_at: 'date-time',
  ends_at: 'date-time',
  registration_starts_at: 'date-time?',
  registration_ends_at: 'date-time?',
  capacity: 'integer?',
  taken: 'integer',
  school: { id: 'integer', name: 'string' },
  employer: { id: 'integer', name: 'string' },
  updated_at: 'date-time',
  url: 'string',
} as const

export const EVENT_DETAIL_SHAPE = {
  ...EVENT_SHAPE,
  description: 'string?',
  exhibitors: [{ employer_id: 'integer', employer_name: 'string', booth_no: 'string?' }],
  jobs: [{ id: 'integer', title: 'string', city: 'string', salary: 'string' }],
} as const

export const REGISTRATION_SHAPE = {
  id: 'integer',
  status: 'string',
  registered_at: 'date-time',
  cancelled_at: 'date-time?',
  checked_in_at: 'date-time?',
  event: EVENT_SHAPE,
} as const

export const TICKET_SHAPE = {
  ...REGISTRATION_SHAPE,
  ticket_code: 'string?',
  qr_png: 'string?',
} as const
