import type { HttpContext } from '@adonisjs/core/http'
import { page, redirectTo, isHtmx, toast } from '#core/http/htmx'
import { basePathOf, localize, type ResourceDefinition } from '#core/admin/resource'
import { text } from '#core/i18n/text'
import { resourcesOf } from '#core/admin/resource_registry'
import { OutOfScopeError, ResourceService } from '#core/admin/resource_service'
import { adminMenu } from '#core/admin/menu'
import { answerDuplicate } from '#core/http/form_token'

/**
 * The ONE controller behind every admin resource (core and modules): list with filters,
 * detail, create/edit form, row and bulk actions, review. Rules live in ResourceService.
 */
export default class ResourceController {
  async #notFound(ctx: HttpContext) {
    ctx.response.status(404)
    if (isHtmx(ctx)) {
      ctx.response.header('HX-Reswap', 'none')
      return ctx.response.send('')
    }
    return ctx.view.render('pages/errors/not_found')
  }

  async #guard<T>(ctx: HttpContext, fn: () => Promise<T>) {
    try {
      return await fn()
    } catch (error) {
      if (error instanceof OutOfScopeError) return this.#notFound(ctx)
      if ((error as any)?.code === 'E_ROW_NOT_FOUND') return this.#notFound(ctx)
      throw error
    }
  }

  async #shared(ctx: HttpContext, def: ResourceDefinition) {
    // A resource outside the sidebar (a child table, a queue of a nav strip): the shell lights the
    // menu entry its URL starts with.
    const activeMenu = def.menu === false ? undefined : basePathOf(def)
    return {
      resource: def,
      basePath: basePathOf(def),
      adminMenu: await adminMenu(ctx, def.area),
      activeMenu,
    }
  }

  /** The strip of sibling resources (same `nav`) with the count of each one's default tab. */
  async #nav(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.nav) return null
    const items = []
    for (const original of await resourcesOf(def.area)) {
      if (original.nav?.id !== def.nav.id) continue
      const sibling = localize(original, text)
      const service = new ResourceService(sibling, ctx)
      if (!(await service.allows(service.abilityFor('list')))) continue
      items.push({
        id: sibling.id,
        label: sibling.label,
        href: service.basePath,
        active: sibling.id === def.id,
        count: await service.navCount(),
      })
    }
    return { label: def.nav.label, items }
  }

  async index(ctx: HttpContext, def: ResourceDefinition) {
    const service = new ResourceService(def, ctx)
    const list = await service.list()
    const canCreate =
      Boolean(def.form && def.form.create !== false) &&
      (await service.allows(service.abilityFor('create')))
    const state = {
      ...(await this.#shared(ctx, def)),
      ...list,
      summary: def.summary ? await def.summary(ctx) : null,
      nav: await this.#nav(ctx, def),
      canCreate,
      sortable: [...service.sortableColumns().keys()],
    }
    return page(ctx, 'admin/index', state, 'admin/_table')
  }

  async export(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.exportable) return this.#notFound(ctx)
    const csv = await new ResourceService(def, ctx).exportCsv()
    ctx.response.header('Content-Type', 'text/csv; charset=utf-8')
    ctx.response.header(
      'Content-Disposition',
      `attachment; filename="${def.id}.csv"; filename*=UTF-8''${encodeURIComponent(def.label + '.csv')}`
    )
    return csv
  }

  async show(ctx: HttpContext, def: ResourceDefinition) {
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const record = await service.find(ctx.params.id)
      const state = await this.#recordState(ctx, def, service, record)
      if (def.show) return def.show({ ctx, record, state })
      return ctx.view.render('admin/show', state)
    })
  }

  /** An extra page of a record (`pages`): the same scope and ability as the detail page. */
  async page(ctx: HttpContext, def: ResourceDefinition, pageId: string) {
    const extra = (def.pages ?? []).find((p) => p.id === pageId)
    if (!extra) return this.#notFound(ctx)
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const record = await service.find(ctx.params.id)
      if (extra.ability) await service.authorize(extra.ability(ctx, record))
      const state = await this.#recordState(ctx, def, service, record)
      return extra.render({ ctx, record, state: { ...state, activePage: extra.id } })
    })
  }

  async #recordState(
    ctx: HttpContext,
    def: ResourceDefinition,
    service: ResourceService,
    record: any
  ) {
    const detail = await service.detail(record)
    return {
      ...(await this.#shared(ctx, def)),
      record,
      title: service.title(record),
      ...detail,
    }
  }

  async create(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.form || def.form.create === false) return this.#notFound(ctx)
    const service = new ResourceService(def, ctx)
    await service.authorize(service.abilityFor('create'))
    return ctx.view.render('admin/form', {
      ...(await this.#shared(ctx, def)),
      record: null,
      fields: await service.formFields(null),
      errors: {},
    })
  }

  async edit(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.form || def.form.edit === false) return this.#notFound(ctx)
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const record = await service.find(ctx.params.id)
      await service.authorize(service.abilityFor('update', record))
      return ctx.view.render('admin/form', {
        ...(await this.#shared(ctx, def)),
        record,
        title: service.title(record),
        fields: await service.formFields(record),
        errors: {},
      })
    })
  }

  async store(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.form || def.form.create === false) return this.#notFound(ctx)
    return this.#save(ctx, def, null)
  }

  async update(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.form || def.form.edit === false) return this.#notFound(ctx)
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const record = await service.find(ctx.params.id)
      return this.#save(ctx, def, record)
    })
  }

  async #save(ctx: HttpContext, def: ResourceDefinition, record: any) {
    const service = new ResourceService(def, ctx)
    const result = await service.save(record)
    // The same create form sent twice: to the record the first submit created.
    if ('duplicate' in result) return answerDuplicate(ctx, result.duplicate!, service.basePath)
    if ('errors' in result) {
      ctx.response.status(422)
      const state = {
        ...(await this.#shared(ctx, def)),
        record,
        title: record ? service.title(record) : '',
        fields: await service.formFields(record, result.input),
        errors: result.errors,
      }
      return page(ctx, 'admin/form', state, 'admin/_form')
    }
    ctx.session.flash('success', record ? '已保存' : '已创建')
    return redirectTo(ctx, `${service.basePath}/${result.record.id}`)
  }

  async destroy(ctx: HttpContext, def: ResourceDefinition) {
    if (!def.deletable) return this.#notFound(ctx)
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      await service.destroy(ctx.params.id)
      ctx.session.flash('success', '已删除')
      return redirectTo(ctx, service.basePath)
    })
  }

  async action(ctx: HttpContext, def: ResourceDefinition) {
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const result = await service.runRowAction(ctx.params.id, ctx.params.action)
      ctx.session.flash(result.ok ? 'success' : 'error', result.message)
      return redirectTo(ctx, this.#back(ctx, service))
    })
  }

  async bulk(ctx: HttpContext, def: ResourceDefinition) {
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const ids = ([] as unknown[]).concat(ctx.request.input('ids', []))
      if (ctx.params.action === 'review' && def.review?.bulk) {
        const outcome = await service.bulkReview(ids)
        toast(ctx, outcome.message, outcome.tone)
        return redirectTo(ctx, this.#back(ctx, service))
      }
      const result = await service.runBulkAction(ids, ctx.params.action)
      ctx.session.flash(result.ok ? 'success' : 'error', result.message)
      return redirectTo(ctx, this.#back(ctx, service))
    })
  }

  async review(ctx: HttpContext, def: ResourceDefinition) {
    return this.#guard(ctx, async () => {
      const service = new ResourceService(def, ctx)
      const input: Record<string, any> = {}
      for (const f of def.review?.fields ?? []) input[f.name] = ctx.request.input(f.name) ?? null
      const result = await service.review(
        ctx.params.id,
        ctx.request.input('decision'),
        ctx.request.input('comment'),
        input
      )
      ctx.session.flash(result.ok ? 'success' : 'error', result.message)
      if (!result.ok) ctx.session.flashAll()
      // A review from another page (a child table's row on its parent's record page) goes back there.
      const back = ctx.request.input('back')
        ? this.#back(ctx, service)
        : `${service.basePath}/${ctx.params.id}`
      return redirectTo(ctx, back)
    })
  }

  /** Back to the page the action was started from (list with its filters, or the detail page). */
  #back(ctx: HttpContext, service: ResourceService) {
    const url =
      ctx.request.input('back') ||
      ctx.request.header('hx-current-url') ||
      ctx.request.header('referer') ||
      ''
    try {
      const parsed = new URL(String(url), 'http://x')
      // Back to this resource's pages, or to the record page a child table's action came from.
      if (
        parsed.pathname.startsWith(service.basePath) ||
        parsed.pathname.startsWith(`/${service.def.area}/`)
      )
        return parsed.pathname + parsed.search
    } catch {}
    return service.basePath
  }
}
