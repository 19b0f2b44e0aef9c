import type { HttpContext } from '@adonisjs/core/http'
import { DateTime } from 'luxon'
import School from '#core/tenancy/models/school'
import { queryInt } from '#core/http/query'
import { fromDb } from '#core/database/time'
import { DISPLAY_ZONE } from '#core/ui/format'

/**
 * The 91job-compatible envelope and request reading, shared by the core's and the modules'
 * open-data endpoints. Clients send `{"current": page, "size": 20, "xxdm": "<学校标识码>"}`,
 * often with empty filter keys (`xxxs`, `fbsj`, `ssxx`, `keyword` …): unknown keys are ignored,
 * empty strings are no filter. They stop at a short page or at `result.pages`, and some require
 * both `success === true` and `code === 200`.
 */
export const OPEN_DATA_SIZE = 20
export const OPEN_DATA_MAX_SIZE = 50

export interface OpenDataRequest {
  current: number
  size: number
  /** The school `xxdm` names (null: no school given). */
  school: School | null
  keyword: string | null
}

export class OpenDataError {
  constructor(
    readonly status: number,
    readonly message: string
  ) {}
}

/** Reads page, size and the school; a school code that is unknown or not this site's is refused. */
export async function readOpenData(ctx: HttpContext): Promise<OpenDataRequest> {
  const input = { ...ctx.request.qs(), ...ctx.request.body() }
  const current = Math.min(1000, queryInt(input.current) ?? 1)
  const size = Math.min(OPEN_DATA_MAX_SIZE, queryInt(input.size) ?? OPEN_DATA_SIZE)
  const code = typeof input.xxdm === 'string' ? input.xxdm.trim() : ''
  const keyword =
    typeof input.keyword === 'string' && input.keyword.trim()
      ? input.keyword.trim().slice(0, 50)
      : null
  let school: School | null = null
  if (code) {
    school = /^\d{5}$/.test(code) ? await School.findBy('moe_code', code) : null
    if (!school) throw new OpenDataError(400, `学校代码 xxdm「${code.slice(0, 10)}」不存在`)
  }
  // The site decides the scope, as for pages: a school subsite answers for its own school only.
  if (!ctx.site.isMain && school && school.id !== ctx.site.schoolId) {
    throw new OpenDataError(400, '学校代码 xxdm 与本站学校不符，请使用该校分站或省级主站')
  }
  if (!ctx.site.isMain && !school) school = await School.find(ctx.site.schoolId)
  return { current, size, school, keyword }
}

export function pageResult<T>(records: T[], total: number, request: OpenDataRequest) {
  return {
    success: true,
    code: 200,
    message: '查询成功',
    result: {
      records,
      total,
      pages: Math.ceil(total / request.size),
      current: request.current,
      size: request.size,
    },
  }
}

export function detailResult<T>(record: T) {
  return { success: true, code: 200, message: '查询成功', result: record }
}

/** Answers an OpenDataError in the envelope (success false, the code also as HTTP status). */
export async function openData(ctx: HttpContext, run: () => Promise<unknown>) {
  try {
    return await run()
  } catch (error) {
    if (!(error instanceof OpenDataError)) throw error
    return ctx.response
      .status(error.status)
      .json({ success: false, code: error.status, message: error.message, result: null })
  }
}

function zoned(value: DateTime | Date | string | null | undefined) {
  if (!value) return null
  const dt = DateTime.isDateTime(value) ? value : fromDb(value)
  return dt?.isValid ? dt.setZone(DISPLAY_ZONE) : null
}

/** `2026-10-08` */
export function ymd(value: DateTime | Date | string | null | undefined) {
  return zoned(value)?.toFormat('yyyy-MM-dd') ?? ''
}

/** `2026-10-08 16:00` */
export function ymdhm(value: DateTime | Date | string | null | undefined) {
  return zoned(value)?.toFormat('yyyy-MM-dd HH:mm') ?? ''
}

/** `2026-10-08 16:00-18:00`; an event over several days shows the end's date too. */
export function timeSpan(
  start: DateTime | Date | string | null | undefined,
  end: DateTime | Date | string | null | undefined
) {
  const from = zoned(start)
  const to = zoned(end)
  if (!from) return ''
  if (!to) return from.toFormat('yyyy-MM-dd HH:mm')
  return from.hasSame(to, 'day')
    ? `${from.toFormat('yyyy-MM-dd HH:mm')}-${to.toFormat('HH:mm')}`
    : `${from.toFormat('yyyy-MM-dd HH:mm')}-${to.toFormat('yyyy-MM-dd HH:mm')}`
}
