import type { HttpContext } from '@adonisjs/core/http'
import messages from '#core/messages/services/message_service'

/** 我的日程: upcoming entries left by modules (events, interviews). */
export default class ScheduleController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const entries = await messages.upcomingSchedule(user.id, 100)
    return ctx.view.render('pages/student/schedule', { entries })
  }
}
