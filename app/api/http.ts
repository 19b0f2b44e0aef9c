import { DateTime } from 'luxon'
import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { FieldErrors, Refusal } from '#core/http/refusal'
import { fromDb } from '#core/database/time'
import { DISPLAY_ZONE } from '#core/ui/format'
import type User from '#core/accounts/models/user'

/** Abilities a student token carries (the only kind of API account today). */
export const STUDENT_ABILITIES = ['student:read', 'student:write'] as const

/** ISO-8601 with the platform's offset (+08:00), or null. */
export function iso(value: DateTime | Date | string | null | undefined): string | null {
  if (value === null || value === undefined) return null
  const dt = DateTime.isDateTime(value) ? value : fromDb(value)
  return dt && dt.isValid
    ? dt.setZone(DISPLAY_ZONE).startOf('second').toISO({ suppressMilliseconds: true })
    : null
}

/** yyyy-MM-dd in the platform's zone. */
export function isoDate(value: DateTime | Date | string | null | undefined): string | null {
  const text = iso(value)
  return text ? text.slice(0, 10) : null
}

/** `page`, `per_page` (1..50) and `updated_since` of every public list. */
export const pageFields = {
  page: vine.number().withoutDecimals().range([1, 1000]).optional(),
  per_page: vine.number().withoutDecimals().range([1, 50]).optional(),
  /** ISO-8601 date or date-time (`2026-10-01`, `2026-10-01T08:00:00+08:00`); +08:00 when no offset. */
  updated_since: vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:?\d{2})?)?$/)
    .optional(),
}

export const pageQueryValidator = vine.compile(vine.object({ ...pageFields }))

/** The instant of `updated_since` (already matched by its regex); an impossible date is refused. */
export function updatedSince(raw: string | undefined): DateTime | undefined {
  if (!raw) return undefined
  const parsed = DateTime.fromISO(raw.replace(' ', 'T'), { zone: DISPLAY_ZONE })
  if (!parsed.isValid) {
    throw new FieldErrors({ updated_since: '请输入正确的时间，例如 2026-10-01T08:00:00+08:00' })
  }
  return parsed
}

export interface PageMeta {
  page: number
  perPage: number
  total?: number
  hasMore: boolean
}

/** The one envelope of every paged list. */
export function paged<T>(data: T[], meta: PageMeta) {
  return {
    data,
    meta: {
      page: meta.page,
      per_page: meta.perPage,
      ...(meta.total !== undefined ? { total: meta.total } : {}),
      has_more: meta.hasMore,
    },
  }
}

/** A Lucid paginator as the envelope. */
export function fromPaginator<M, T>(
  list: { all(): M[]; currentPage: number; perPage: number; total: number; hasMorePages: boolean },
  map: (row: M) => T
) {
  return paged(list.all().map(map), {
    page: list.currentPage,
    perPage: list.perPage,
    total: list.total,
    hasMore: list.hasMorePages,
  })
}

/** The student behind the bearer token (the api guard middleware guarantees it). */
export function apiStudent(ctx: HttpContext): User {
  return ctx.auth.use('api').user!
}

/** A positive integer route parameter (the router already bounds ids). */
export function idOf(ctx: HttpContext, name = 'id') {
  const id = Number(ctx.params[name])
  return Number.isInteger(id) && id > 0 ? id : 0
}

/**
 * The api guard: a valid, unexpired bearer token of an active student, on the student's own
 * school site or the main site, with the abilities the route needs (write for POST/DELETE).
 */
export async function requireApiStudent(ctx: HttpContext, next: NextFn) {
  const guard = ctx.auth.use('api')
  const user = await guard.check().then(() => guard.user)
  if (!user)
    throw new Refusal('请先登录：缺少或无效的访问令牌', { code: 'unauthenticated', status: 401 })
  if (!user.isActive) {
    throw new Refusal('该账号已停用，请联系管理员', { code: 'account_inactive', status: 401 })
  }
  if (user.kind !== 'student') {
    throw Refusal.forbidden('当前账号无权使用学生接口')
  }
  if (!ctx.site.isMain && ctx.site.schoolId !== user.schoolId) {
    throw new Refusal('您的账号不属于本校，请在本校站点或省级主站使用', {
      code: 'wrong_school',
      status: 403,
    })
  }
  const token = guard.user!.currentAccessToken
  const needed = ctx.request.method() === 'GET' ? 'student:read' : 'student:write'
  if (!token.allows(needed)) {
    throw new Refusal('访问令牌没有此操作的权限', { code: 'missing_ability', status: 403 })
  }
  return next()
}
