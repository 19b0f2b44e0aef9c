import vine from '@vinejs/vine'
import { LOCAL_DATETIME, existingLocalDateTime, vineId } from '#core/validation/rules'
import { defaultFormMessages } from '#core/validation/messages'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#core/ui/format'

/** `<input type="datetime-local">` values that name a real moment, read in Asia/Shanghai. */
const when = () => vine.string().trim().regex(LOCAL_DATETIME).use(existingLocalDateTime())
const optionalWhen = () => when().optional()

export function parseLocal(value: string | undefined | null) {
  if (!value) return null
  const dt = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  return dt.isValid ? dt.toUTC() : null
}

/** For form values: a stored UTC time as `yyyy-MM-ddTHH:mm` in Asia/Shanghai. */
export function toLocalInput(value: DateTime | null | undefined) {
  return value ? value.setZone(DISPLAY_ZONE).toFormat("yyyy-MM-dd'T'HH:mm") : ''
}

/** Messages and field names of this module's forms: resources/lang/zh-CN/events.json → validator. */
export const messagesProvider = defaultFormMessages('events.validator')

export const eventValidator = vine.compile(
  vine.object({
    title: vine.string().trim().minLength(2).maxLength(200),
    mode: vine.enum(['online', 'offline'] as const),
    city: vine.string().trim().minLength(2).maxLength(50),
    place: vine.string().trim().maxLength(255).optional(),
    online_url: vine.string().trim().url({ require_protocol: true }).maxLength(500).optional(),
    starts_at: when(),
    ends_at: when(),
    description: vine.string().trim().maxLength(5000).optional(),
    registration_starts_at: optionalWhen(),
    registration_ends_at: optionalWhen(),
    capacity: vine.number().withoutDecimals().range([1, 100000]).optional(),
    employer_id: vineId().optional(),
  })
)

export const sessionApplicationValidator = vine.compile(
  vine.object({
    school_id: vineId(),
    title: vine.string().trim().minLength(2).maxLength(200),
    mode: vine.enum(['online', 'offline'] as const),
    city: vine.string().trim().minLength(2).maxLength(50),
    room_wish: vine.string().trim().maxLength(255).optional(),
    online_url: vine.string().trim().url({ require_protocol: true }).maxLength(500).optional(),
    starts_at: when(),
    ends_at: when(),
    description: vine.string().trim().minLength(10).maxLength(5000),
    job_ids: vine.array(vineId()).maxLength(50).optional(),
  })
)

export const boothApplicationValidator = vine.compile(
  vine.object({
    note: vine.string().trim().maxLength(500).optional(),
  })
)

export const approveBoothValidator = vine.compile(
  vine.object({
    booth_no: vine.string().trim().minLength(1).maxLength(30),
  })
)

export const rejectValidator = vine.compile(
  vine.object({
    reason: vine.string().trim().minLength(2).maxLength(500),
  })
)

export const approveSessionValidator = vine.compile(
  vine.object({
    place: vine.string().trim().maxLength(255).optional(),
    capacity: vine.number().withoutDecimals().range([1, 100000]).optional(),
    registration_starts_at: optionalWhen(),
    registration_ends_at: optionalWhen(),
  })
)

export const addExhibitorValidator = vine.compile(
  vine.object({
    employer_id: vineId(),
    booth_no: vine.string().trim().minLength(1).maxLength(30),
  })
)
