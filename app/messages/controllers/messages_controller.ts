import type { HttpContext } from '@adonisjs/core/http'
import messages from '#core/messages/services/message_service'
import Message from '#core/messages/models/message'
import { page, toast } from '#core/http/htmx'
import { adminMenu } from '#core/admin/menu'
import { queryPage } from '#core/http/query'

/** The area an actor's inbox lives in: 站内消息 is the same page for every kind of account. */
const AREA = {
  student: 'student',
  employer: 'employer',
  staff: 'school',
  admin: 'province',
} as const

function inbox(ctx: HttpContext) {
  const user = ctx.auth.use('web').user!
  const area = AREA[user.kind]
  return { user, area, base: `/${area}/messages` }
}

/** 站内消息: list, unread count, mark read (one or all) — for students, employers, schools and the province. */
export default class MessagesController {
  async index(ctx: HttpContext) {
    const { user, area, base } = inbox(ctx)
    const list = await messages.latest(user.id, 15, queryPage(ctx.request.input('page')))
    list.baseUrl(ctx.request.url())
    const admin = area === 'school' || area === 'province'
    return page(
      ctx,
      'pages/messages/index',
      {
        list,
        base,
        unread: await messages.unreadCount(user.id),
        adminArea: admin,
        adminMenu: admin ? await adminMenu(ctx, area) : [],
        activeMenu: base,
      },
      'pages/messages/_list'
    )
  }

  async markRead(ctx: HttpContext) {
    const { user, base } = inbox(ctx)
    // Scoped to the owner first: another account's message id is simply not found (404).
    const message = await Message.query()
      .where('user_id', user.id)
      .where('id', ctx.params.id)
      .firstOrFail()
    await messages.markRead(user.id, message.id)
    await message.refresh()
    ctx.response.header(
      'HX-Trigger',
      JSON.stringify({ unreadChanged: await messages.unreadCount(user.id) })
    )
    return ctx.view.render('pages/messages/_item', { message, base })
  }

  async markAllRead(ctx: HttpContext) {
    const { user, base } = inbox(ctx)
    await messages.markAllRead(user.id)
    toast(ctx, '已全部标为已读')
    return ctx.response.redirect(base)
  }
}
