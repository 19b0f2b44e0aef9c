import { vineId } from '#core/http/route_params'
import vine, { SimpleMessagesProvider } from '@vinejs/vine'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#core/ui/format'

/** `<input type="datetime-local">` values, read in Asia/Shanghai. */
const LOCAL_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/
const when = () => vine.string().trim().regex(LOCAL_DATETIME)
const optionalWhen = () => vine.string().trim().regex(LOCAL_DATETIME).optional()

export function parseLocal(value: string | undefined | null) {
  if (!value) return null
  const dt = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  return dt.isValid ? dt.toUTC() : null
}

/** For form values: a stored UTC time as `yyyy-MM-ddTHH:mm` in Asia/Shanghai. */
export function toLocalInput(value: DateTime | null | undefined) {
  return value ? value.setZone(DISPLAY_ZONE).toFormat("yyyy-MM-dd'T'HH:mm") : ''
}

export const messagesProvider = new SimpleMessagesProvider(
  {
    'required': '请填写{{ field }}',
    'string': '{{ field }}格式不正确',
    'number': '{{ field }}必须是数字',
    'withoutDecimals': '{{ field }}必须是整数',
    'range': '{{ field }}应在 {{ min }} 到 {{ max }} 之间',
    'min': '{{ field }}不能小于 {{ min }}',
    'minLength': '{{ field }}至少 {{ min }} 个字符',
    'maxLength': '{{ field }}不能超过 {{ max }} 个字符',
    'regex': '请选择正确的{{ field }}',
    'enum': '请选择有效的{{ field }}',
    'url': '请输入正确的网址（以 http:// 或 https:// 开头）',
    'array': '请选择{{ field }}',
    'positive': '请选择{{ field }}',
    'employer_id.required': '宣讲会须选择宣讲单位',
  },
  {
    title: '活动名称',
    mode: '举办方式',
    city: '城市',
    place: '举办地点',
    online_url: '线上地址',
    starts_at: '开始时间',
    ends_at: '结束时间',
    description: '活动详情',
    registration_starts_at: '报名开始时间',
    registration_ends_at: '报名截止时间',
    capacity: '可报名人数',
    employer_id: '宣讲单位',
    school_id: '学校',
    room_wish: '场地意向',
    job_ids: '宣讲职位',
    note: '申请说明',
    booth_no: '展位号',
    reason: '驳回原因',
    code: '入场券编号',
  }
)

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
