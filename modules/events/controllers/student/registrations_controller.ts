import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import { isHtmx, page, toast } from '#core/http/htmx'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import eventDetail from '#modules/events/services/event_detail'
import registrations, { refusedRegistration } from '#modules/events/services/registration_service'
import { Refusal } from '#core/http/refusal'
import { registerBoxState } from '#modules/events/controllers/register_box'
import { queryPage } from '#core/http/query'

/** 学生报名参加, 我报名的活动, 查看入场券, 取消 (PRODUCT.md rules 5, 6, 9). */
export default class RegistrationsController {
  async store(ctx: HttpContext) {
    const student = ctx.auth.use('web').user!
    const eventId = Number(ctx.params.id)
    let message: string
    let ok = true
    // The service answers with the event as the database just saw it and the student's active
    // registration: the box below needs no further query (a rush answers thousands of these).
    let event: RecruitmentEvent | null = null
    let registrationId: number | null = null
    try {
      const granted = await registrations.register(student, eventId)
      event = granted.event
      registrationId = granted.id
      message = text('events.flash.registered')
    } catch (error) {
      // A refusal of 报名 is shown in the register box (with the event as the service read it),
      // not as a toast alone; an event that is gone answers by itself (404).
      const refused = refusedRegistration(error)
      if (!refused || (error as Refusal).status === 404) throw error
      ok = false
      message = (error as Refusal).message
      if (refused.event) {
        event = refused.event
        registrationId = refused.registrationId
      }
    }
    const known = event !== null
    event ??= await RecruitmentEvent.findOrFail(eventId)
    if (!isHtmx(ctx)) {
      toast(ctx, message, ok ? 'success' : 'error')
      return ctx.response.redirect(event.studentUrl)
    }
    toast(ctx, message, ok ? 'success' : 'error')
    if (!ok) ctx.response.status(422)
    return ctx.view.render('events::partials/register_box', {
      box: await registerBoxState(
        ctx,
        event,
        message,
        ok ? 'success' : 'error',
        known ? { registrationId } : undefined
      ),
    })
  }

  async index(ctx: HttpContext) {
    const student = ctx.auth.use('web').user!
    const list = await registrations.mine(student, queryPage(ctx.request.input('page')))
    list.baseUrl(router.makeUrl('events.student.mine'))
    return page(ctx, 'events::pages/student/mine', { list }, 'events::partials/mine_list')
  }

  async ticket(ctx: HttpContext) {
    const student = ctx.auth.use('web').user!
    const registration = await eventDetail.ticket(student.id, Number(ctx.params.id))
    if (!registration) throw Refusal.notFound('events.refusals.ticket_not_found')
    await student.load('school')
    await student.load('graduate')
    return ctx.view.render('events::pages/student/ticket', {
      registration,
      event: registration.event,
      student,
      qr: await eventDetail.qr(registration),
    })
  }

  async cancel(ctx: HttpContext) {
    const student = ctx.auth.use('web').user!
    // A refusal (already cancelled, started, checked in, not the student's) answers by itself.
    await registrations.cancel(student, Number(ctx.params.id))
    toast(ctx, text('events.flash.cancelled'))
    const back = ctx.request.input('back')
    const mine = router.makeUrl('events.student.mine')
    const target =
      typeof back === 'string' && /^\/student\/(fairs|sessions)\/\d+$/.test(back) ? back : mine
    if (isHtmx(ctx) && target === mine) {
      const list = await registrations.mine(student, queryPage(ctx.request.input('page')))
      list.baseUrl(router.makeUrl('events.student.mine'))
      return ctx.view.render('events::partials/mine_list', { list })
    }
    if (isHtmx(ctx)) {
      const event = await RecruitmentEvent.findOrFail(Number(target.split('/').pop()))
      return ctx.view.render('events::partials/register_box', {
        box: await registerBoxState(ctx, event),
      })
    }
    return ctx.response.redirect(target)
  }
}
