import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import router from '@adonisjs/core/services/router'
import Employer from '#core/accounts/models/employer'
import School from '#core/tenancy/models/school'
import { toast } from '#core/http/htmx'
import { nowDb } from '#core/database/time'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import Exhibitor from '#modules/events/models/exhibitor'
import organiser from '#modules/events/services/organiser_service'
import {
  boothApplicationValidator,
  messagesProvider,
  sessionApplicationValidator,
} from '#modules/events/validators/event_validators'
import jobDirectory from '#modules/job_seeking/services/job_directory'
import { filters as todoFilters, RECENT_RESULT_DAYS } from '#modules/events/services/todos'
import { formOnce } from '#core/http/form_token'

/** 单位中心: 招聘会参展 (booth applications) and 宣讲会申请 (info session applications). */
export default class EmployerEventsController {
  async fairs(ctx: HttpContext) {
    const employer = await currentEmployer(ctx)
    const fairs = await RecruitmentEvent.query()
      .where('kind', 'fair')
      .where('status', 'published')
      .where('starts_at', '>', nowDb())
      .preload('school')
      .orderBy('starts_at', 'asc')
      .limit(50)
    const filter = recentFilter(ctx)
    const mine = await Exhibitor.query()
      .where('employer_id', employer.id)
      .if(filter.recent, (q) => todoFilters.recentlyReviewed(q, ['approved', 'rejected']))
      .preload('event', (q) => q.preload('school'))
      .orderBy('id', 'desc')
    const byEvent = new Map(mine.map((x) => [x.eventId, x]))
    return ctx.view.render('events::pages/employer/fairs', {
      employer,
      fairs,
      mine,
      byEvent,
      ...filter,
    })
  }

  async applyForBooth(ctx: HttpContext) {
    const user = await actingEmployer(ctx)
    const data = await ctx.request.validateUsing(boothApplicationValidator, { messagesProvider })
    return applied(ctx, 'events.employer.fairs', 'events.flash.booth_applied', () =>
      organiser.applyForBooth(user, Number(ctx.params.id), data.note)
    )
  }

  async sessions(ctx: HttpContext) {
    const employer = await currentEmployer(ctx)
    const filter = recentFilter(ctx)
    const sessions = await RecruitmentEvent.query()
      .where('kind', 'session')
      .where('employer_id', employer.id)
      .if(filter.recent, (q) => todoFilters.recentlyReviewed(q, ['published', 'rejected']))
      .preload('school')
      .orderBy('starts_at', 'desc')
      .limit(100)
    return ctx.view.render('events::pages/employer/sessions', {
      employer,
      sessions,
      ...filter,
    })
  }

  async newSession(ctx: HttpContext) {
    const employer = await currentEmployer(ctx)
    const schools = await School.query().orderBy('id')
    const jobs = await jobDirectory.openJobsOf(employer.id, 100)
    return ctx.view.render('events::pages/employer/session_form', { employer, schools, jobs })
  }

  async applyForSession(ctx: HttpContext) {
    const user = await actingEmployer(ctx)
    const data = await ctx.request.validateUsing(sessionApplicationValidator, { messagesProvider })
    return applied(ctx, 'events.employer.sessions', 'events.flash.session_applied', async () => {
      const openJobs = await jobDirectory.openJobsOf(user.employerId!, 500)
      await organiser.applyForSession(user, data, new Set(openJobs.map((j) => j.id)))
    })
  }
}

/** The employer of the logged-in account (the employer area guarantees the account). */
function currentEmployer(ctx: HttpContext) {
  return Employer.findOrFail(ctx.auth.use('web').user!.employerId)
}

/** The account applying, once it may act for its employer. */
async function actingEmployer(ctx: HttpContext) {
  const user = ctx.auth.use('web').user!
  await ctx.bouncer.authorize('actForEmployer', user.employerId!)
  return user
}

/** `?result=recent`: only the applications reviewed lately (单位中心 to-do), and how lately. */
function recentFilter(ctx: HttpContext) {
  return { recent: ctx.request.input('result') === 'recent', recentDays: RECENT_RESULT_DAYS }
}

/**
 * An application form sent once (a resent form lands on the list); a refusal answers by itself
 * (flash + back, errors beside the fields); on success the route's list with the flash text.
 */
function applied(ctx: HttpContext, route: string, flash: string, apply: () => Promise<unknown>) {
  const list = router.makeUrl(route)
  return formOnce(ctx, list, async (created) => {
    await apply()
    created(list)
    toast(ctx, text(flash))
    return ctx.response.redirect().toRoute(route)
  })
}
