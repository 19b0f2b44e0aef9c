import type { HttpContext } from '@adonisjs/core/http'
import { text } from '#core/i18n/text'
import { page } from '#core/http/htmx'
import { Refusal } from '#core/http/refusal'
import Employer from '#core/accounts/models/employer'
import type { EventKind } from '#modules/events/models/recruitment_event'
import catalog, { parseFilters } from '#modules/events/services/event_catalog'
import registrations from '#modules/events/services/registration_service'
import eventDetail from '#modules/events/services/event_detail'
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
    const event = await eventDetail.find(kind, Number(ctx.params.id))
    if (!event) throw Refusal.notFound('events.refusals.not_found')
    const employer: Employer | null = kind === 'session' && event.employerId ? event.employer : null
    const jobs = await eventDetail.jobs(event)
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
