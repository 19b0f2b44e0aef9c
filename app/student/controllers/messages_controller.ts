import type { HttpContext } from '@adonisjs/core/http'
import messages from '#core/messages/services/message_service'
import Message from '#core/messages/models/message'
import { page, toast } from '#core/http/htmx'

/** 站内消息: list, unread count, mark read (one or all). */
export default class MessagesController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const list = await messages.latest(user.id, 15, Number(ctx.request.input('page', 1)) || 1)
    list.baseUrl(ctx.request.url())
    return page(
      ctx,
      'pages/student/messages',
      { list, unread: await messages.unreadCount(user.id) },
      'pages/student/_messages_list'
    )
  }

  async markRead(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await messages.markRead(user.id, Number(ctx.params.id))
    const message = await Message.query()
      .where('user_id', user.id)
      .where('id', ctx.params.id)
      .firstOrFail()
    ctx.response.header(
      'HX-Trigger',
      JSON.stringify({ unreadChanged: await messages.unreadCount(user.id) })
    )
    return ctx.view.render('pages/student/_message_item', { message })
  }

  async markAllRead(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    await messages.markAllRead(user.id)
    toast(ctx, '已全部标为已读')
    return ctx.response.redirect('/student/messages')
  }
}
