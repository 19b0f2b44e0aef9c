import type { HttpContext } from '@adonisjs/core/http'
import User from '#core/accounts/models/user'
import { accountLoginValidator } from '#core/accounts/validators'
import {
  attemptLogin,
  employerLoginKeys,
  accountRefusal,
  HOME_OF,
  safeRedirect,
} from '#core/accounts/services/login_service'
import { logoutEverywhere } from '#core/accounts/services/session_revocation'

/** 单位登录 and 管理登录 (school staff and province admins), plus logout for everyone. */
export default class AccountSessionController {
  async showEmployer({ view, request }: HttpContext) {
    return view.render('pages/auth/account_login', {
      audience: 'employer',
      redirect: request.input('redirect', ''),
    })
  }

  async showAdmin({ view, request }: HttpContext) {
    return view.render('pages/auth/account_login', {
      audience: 'admin',
      redirect: request.input('redirect', ''),
    })
  }

  async storeEmployer(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(accountLoginValidator)
    return this.#login(ctx, await employerLoginKeys(data.account), data.password, data.redirect)
  }

  async storeAdmin(ctx: HttpContext) {
    const data = await ctx.request.validateUsing(accountLoginValidator)
    const keys = [User.loginKeyFor('staff', data.account), User.loginKeyFor('admin', data.account)]
    return this.#login(ctx, keys, data.password, data.redirect, (user) => {
      // On a school's subsite only that school's staff may manage it; the province uses the main site.
      if (!ctx.site.isMain && (user.kind === 'admin' || user.schoolId !== ctx.site.schoolId)) {
        return '该账号不能登录本校管理后台，请在所属站点登录'
      }
      return null
    })
  }

  async destroy(ctx: HttpContext) {
    // Ends this session server-side and every other session of the user (copied cookies too).
    await logoutEverywhere(ctx)
    ctx.session.flash('success', '已安全退出')
    return ctx.response.redirect().toRoute('portal.home')
  }

  async #login(
    ctx: HttpContext,
    keys: string[],
    password: string,
    redirect: string | undefined,
    refuse?: (user: User) => string | null
  ) {
    const user = await attemptLogin(ctx, keys, password)
    const reason = refuse?.(user)
    if (reason) {
      await ctx.auth.use('web').logout()
      throw accountRefusal(ctx, reason, 'wrong_site')
    }
    return ctx.response.redirect(safeRedirect(redirect, HOME_OF[user.kind]))
  }
}
