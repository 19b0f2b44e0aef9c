import type { HttpContext } from '@adonisjs/core/http'
import School from '#core/tenancy/models/school'
import User from '#core/accounts/models/user'
import { studentLoginValidator } from '#core/accounts/validators'
import { FieldErrors } from '#core/http/refusal'
import { attemptLogin, safeRedirect } from '#core/accounts/services/login_service'

/** 【学生登录】: 【选择学校】 (main site only) → 学号 → 密码 */
export default class StudentSessionController {
  async show({ view, request, site }: HttpContext) {
    const schools = site.isMain ? await School.query().orderBy('name') : []
    return view.render('pages/auth/student_login', {
      schools,
      redirect: request.input('redirect', ''),
    })
  }

  async store(ctx: HttpContext) {
    const { request, response, site } = ctx
    const data = await request.validateUsing(studentLoginValidator)
    const schoolId = site.isMain ? data.school_id : site.schoolId
    if (!schoolId) throw new FieldErrors({ school_id: '请选择学校' })
    await attemptLogin(
      ctx,
      [User.loginKeyFor('student', data.student_number, schoolId)],
      data.password
    )
    return response.redirect(safeRedirect(data.redirect, '/student'))
  }
}
