import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import db from '@adonisjs/lucid/services/db'
import { page } from '#core/http/htmx'
import Employer from '#core/accounts/models/employer'
import RecruitmentEvent, { type EventKind } from '#modules/events/models/recruitment_event'
import catalog, { parseFilters } from '#modules/events/services/event_catalog'
import registrations from '#modules/events/services/registration_service'
import { registerBoxState } from '#modules/events/controllers/register_box'
import jobDirectory from '#modules/job_seeking/services/job_directory'

/** 招聘会 / 宣讲会 lists and details: public, and the same inside the student centre. */
export default class PublicEventsController {
  fairs(ctx: HttpContext) {
    return this.#list(ctx, 'fair')
  }

  sessions(ctx: HttpContext) {
    return this.#list(ctx, 'session')
  }

  async #list(ctx: HttpContext, kind: EventKind) {
    const base = basePath(ctx)
    const filters = parseFilters(ctx.request.qs())
    const list = await catalog.list(kind, ctx.site, filters)
    const path = `${base}/${kind === 'fair' ? 'fairs' : 'sessions'}`
    const query = Object.fromEntries(
      Object.entries({ ...filters, page: undefined }).filter(([, v]) => v !== undefined && v !== '')
    )
    list.baseUrl(path).queryString(query)
    const user = ctx.auth.use('web').user
    const registered =
      user?.kind === 'student'
        ? await registrations.activeFor(
            user.id,
            list.all().map((e) => e.id)
          )
        : new Map()
    // Tabs keep the other filters (URL state); switching tab starts at page 1.
    const tabHref = (tab: string) =>
      `${path}?${new URLSearchParams({ ...(query as Record<string, string>), tab }).toString()}`
    const tabs = [
      { key: 'upcoming', label: text('events.labels.tab.upcoming'), href: tabHref('upcoming') },
      { key: 'past', label: text('events.labels.tab.past'), href: tabHref('past') },
    ]
    const state = {
      tabs,
      kind,
      base,
      path,
      filters,
      list,
      registered,
      options: await catalog.filterOptions(kind),
      title: text(`events.labels.kind.${kind}`),
    }
    return page(ctx, 'events::pages/public/list', state, 'events::partials/list_results')
  }

  async show(ctx: HttpContext) {
    const kind: EventKind = ctx.request.url().includes('/fairs/') ? 'fair' : 'session'
    const event = await RecruitmentEvent.query()
      .where('id', ctx.params.id)
      .where('kind', kind)
      .where('status', 'published')
      .preload('school')
      .preload('employer')
      .preload('exhibitors', (q) =>
        q.where('status', 'approved').preload('employer').orderBy('booth_no', 'asc')
      )
      .first()
    if (!event) {
      return ctx.response.status(404).send(
        await ctx.view.render('pages/errors/not_found', {
          message: text('events.refusals.not_found'),
        })
      )
    }
    let jobs: Awaited<ReturnType<typeof jobDirectory.jobsByIds>> = []
    let employer: Employer | null = null
    if (kind === 'session' && event.employerId) {
      employer = event.employer
      const chosen = await db
        .from('event_session_jobs')
        .where('event_id', event.id)
        .orderBy('position')
        .select('job_id')
      jobs = chosen.length
        ? await jobDirectory.jobsByIds(chosen.map((r: any) => Number(r.job_id)))
        : await jobDirectory.openJobsOf(event.employerId, 20)
    }
    const exhibitors = event.exhibitors.map((x) => ({
      ...x.serialize(),
      employer: x.employer,
      companyUrl: jobDirectory.companyUrl(x.employerId),
    }))
    return ctx.view.render('events::pages/public/show', {
      event,
      base: basePath(ctx),
      exhibitors,
      employer,
      companyUrl: event.employerId ? jobDirectory.companyUrl(event.employerId) : null,
      jobs,
      box: await registerBoxState(ctx, event),
    })
  }
}

/** '' on the public portal, '/student' inside the student centre. */
export function basePath(ctx: HttpContext) {
  return ctx.request.url().startsWith('/student/') ? '/student' : ''
}
