import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import type { ActorKind } from '#core/accounts/models/user'
import { redirectTo } from '#core/http/htmx'
import { buildNavigation } from '#core/ui/navigation'
import messages from '#core/messages/services/message_service'
import { unreadReadWithUser } from '#core/accounts/services/session_user_lookup'

const LOGIN_PAGES: Record<ActorKind, string> = {
  student: '/login',
  employer: '/employer/login',
  staff: '/admin/login',
  admin: '/admin/login',
}

/**
 * Requires a logged-in actor of one of the given kinds. A visitor is sent to the
 * matching login page and comes back to the same page afterwards.
 */
export default class AuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { kinds?: ActorKind[] } = {}) {
    await ctx.auth.check()
    const user = ctx.auth.user
    const kinds = options.kinds ?? ['student', 'employer', 'staff', 'admin']
    if (!user || !user.isActive) {
      const back =
        ctx.request.method() === 'GET'
          ? ctx.request.url(true)
          : (ctx.request.header('referer') ?? '/')
      const login = LOGIN_PAGES[kinds[0]]
      ctx.session.flash('info', ctx.sessionEndedReason ?? '请先登录')
      return redirectTo(ctx, `${login}?redirect=${encodeURIComponent(back)}`)
    }
    if (!kinds.includes(user.kind)) {
      return ctx.response.forbidden(
        await ctx.view.render('pages/errors/forbidden', { reason: '当前账号无权访问此页面' })
      )
    }
    // A student belongs to one school: on another school's subsite they are refused.
    if (
      (user.kind === 'student' || user.kind === 'staff') &&
      !ctx.site.isMain &&
      ctx.site.schoolId !== user.schoolId
    ) {
      return ctx.response.forbidden(
        await ctx.view.render('pages/errors/forbidden', {
          reason: '您的账号不属于本校，请在本校站点或省级主站登录使用',
        })
      )
    }
    // Every page of an actor area shares its navigation (only enabled modules) and badges.
    const area = AREA_OF[user.kind]
    // Both at once; the count is kept on ctx so the page reuses it (no second query).
    // The count usually came with the user row (#core/accounts/services/session_user_lookup).
    const [nav, unread] = await Promise.all([
      buildNavigation(ctx, area),
      unreadReadWithUser(user) ?? messages.unreadCount(user.id),
    ])
    ctx.unreadMessages = unread
    ctx.view.share({
      area,
      // The admin sidebar for every page of /school and /province (admin/shell), module pages
      // included; built only when a page renders the shell.
      ...(area === 'school' || area === 'province'
        ? { loadAdminMenu: lazyAdminMenu(ctx, area) }
        : {}),
      nav,
      unreadMessages: unread,
    })
    return next()
  }
}

function lazyAdminMenu(ctx: HttpContext, area: 'school' | 'province') {
  let menu: Promise<unknown> | undefined
  return () => (menu ??= import('#core/admin/menu').then((m) => m.adminMenu(ctx, area)))
}

const AREA_OF = {
  student: 'student',
  employer: 'employer',
  staff: 'school',
  admin: 'province',
} as const

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    /** The actor's unread 站内消息 at the start of this request (set by the auth middleware). */
    unreadMessages?: number
  }
}
