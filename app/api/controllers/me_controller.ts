import vine from '@vinejs/vine'
import type { HttpContext } from '@adonisjs/core/http'
import messages from '#core/messages/services/message_service'
import Message from '#core/messages/models/message'
import moduleRegistry from '#core/modules/registry'
import moduleSwitches from '#core/modules/module_switches'
import { maskPhone } from '#core/privacy/mask'
import { apiStudent, fromPaginator, idOf, iso } from '#core/api/http'
import { Refusal } from '#core/http/refusal'

export const messagesQuery = vine.compile(
  vine.object({
    page: vine.number().withoutDecimals().range([1, 1000]).optional(),
    per_page: vine.number().withoutDecimals().range([1, 50]).optional(),
  })
)

export const MESSAGE_SHAPE = {
  id: 'integer',
  category: 'string',
  title: 'string',
  body: 'string?',
  link: 'string?',
  read_at: 'date-time?',
  created_at: 'date-time',
}

function messageItem(m: Message) {
  return {
    id: m.id,
    category: m.category,
    title: m.title,
    body: m.body,
    link: m.link,
    read_at: iso(m.readAt),
    created_at: iso(m.createdAt),
  }
}

/** The student's profile, home counts and 站内消息. */
export default class ApiMeController {
  async show(ctx: HttpContext) {
    const user = apiStudent(ctx)
    await user.load('school')
    const counts: Record<string, number> = {
      unread_messages: await messages.unreadCount(user.id),
      upcoming_schedule: (await messages.upcomingSchedule(user.id, 100)).length,
    }
    // Modules add their counts (求职记录, 待参加活动 …) where this school enables them.
    const enabled = await moduleSwitches.enabledIds(user.schoolId)
    for (const manifest of moduleRegistry.all()) {
      if (!manifest.api?.homeCounts || !enabled.has(manifest.id)) continue
      Object.assign(counts, await manifest.api.homeCounts(user.id))
    }
    return {
      data: {
        id: user.id,
        name: user.name,
        student_number: user.username,
        school: { id: user.schoolId, name: user.school?.name ?? '' },
        college: user.college,
        phone: user.phone ? maskPhone(user.phone) : null,
        email: user.email,
        last_login_at: iso(user.lastLoginAt),
        counts,
      },
    }
  }

  async messages(ctx: HttpContext) {
    const user = apiStudent(ctx)
    const input = await ctx.request.validateUsing(messagesQuery)
    const list = await messages.latest(user.id, input.per_page ?? 15, input.page ?? 1)
    return fromPaginator(list, messageItem)
  }

  async markRead(ctx: HttpContext) {
    const user = apiStudent(ctx)
    // Scoped to the owner: another account's message is not found (404), as on the page.
    const message = await Message.query().where('user_id', user.id).where('id', idOf(ctx)).first()
    if (!message) throw Refusal.notFound('消息不存在')
    await messages.markRead(user.id, message.id)
    await message.refresh()
    return { data: messageItem(message) }
  }
}
