import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import User from '#core/accounts/models/user'
import { verifyLogin } from '#core/accounts/services/login_service'
import { FieldErrors } from '#core/http/refusal'
import { iso, STUDENT_ABILITIES } from '#core/api/http'

export const tokenValidator = vine.compile(
  vine.object({
    /** Required on the main site; a school subsite decides the school itself. */
    school_id: vine.number().withoutDecimals().range([1, 2147483647]).optional(),
    student_number: vine.string().trim().minLength(1).maxLength(32),
    password: vine.string().minLength(1).maxLength(64),
    /** A name for the device, shown nowhere yet (stored with the token). */
    device_name: vine.string().trim().maxLength(60).optional(),
  })
)

/** 学生登录 for apps: school + 学号 + 密码 → a bearer token (same checks and limits as the page). */
export default class ApiAuthController {
  async store(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(tokenValidator)
    const schoolId = ctx.site.isMain ? data.school_id : ctx.site.schoolId
    if (!schoolId) throw new FieldErrors({ school_id: '请选择学校' })
    const user = await verifyLogin(
      ctx,
      [User.loginKeyFor('student', data.student_number, schoolId)],
      data.password
    )
    const token = await User.accessTokens.create(user, [...STUDENT_ABILITIES], {
      name: data.device_name ?? 'api',
    })
    return {
      data: {
        type: 'bearer',
        token: token.value!.release(),
        abilities: token.abilities,
        expires_at: iso(token.expiresAt ?? null),
      },
    }
  }

  /** Revokes the token that made this request. */
  async destroy(ctx: HttpContext) {
    const user = ctx.auth.use('api').user!
    await User.accessTokens.delete(user, user.currentAccessToken.identifier)
    return { data: { revoked: true } }
  }
}
