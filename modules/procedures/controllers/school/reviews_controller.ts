import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import Graduate from '#core/registry/models/graduate'
import { QUEUES, queueOf } from '#modules/procedures/services/review_queues'
import terminationService from '#modules/procedures/services/termination_service'
import sourceService from '#modules/procedures/services/source_service'
import { RECOMMENDATION_FIELDS } from '#modules/procedures/services/recommendation_service'
import { materialFile } from '#modules/procedures/services/materials'
import files from '#core/files/file_service'
import { act } from '#modules/procedures/controllers/form_action'
import RecommendationForm from '#modules/procedures/models/recommendation_form'
import Termination from '#modules/procedures/models/termination'
import { authorizeOr404 } from '#core/authorization/authorize_or_404'
import { forceTerminationValidator } from '#modules/procedures/validators/termination'
import { proceduresMessages } from '#modules/procedures/validators/messages'
import { resourcesOf } from '#core/admin/resource_registry'
import { localize } from '#core/admin/resource'
import { text } from '#core/i18n/text'
import ResourceController from '#core/admin/controllers/resource_controller'
import { OutOfScopeError, ResourceService } from '#core/admin/resource_service'
import { Refusal } from '#core/http/refusal'
import { reviewDecisionValidator } from '#modules/procedures/validators/review'

const K = 'procedures.reviews'

/** The declared queue resource of a type (modules/procedures/admin/review_queues_resource.ts). */
async function queueResource(type: string) {
  const def = (await resourcesOf('school')).find((r) => r.id === `procedures-reviews-${type}`)
  return def ? localize(def, text) : null
}

/**
 * 就业手续审核: the queues are declared admin resources (list with tabs, record page, review);
 * this controller keeps the module's older URLs working on them, and the termination pages the
 * resource cannot hold (强制解约, its materials, 打印推荐表).
 */
export default class ReviewsController {
  /** /school/procedures/reviews?type=&status=&college=&q= → the queue's list with the same filters. */
  async index(ctx: HttpContext) {
    const type = String(ctx.request.input('type', QUEUES[0].type))
    const def = queueOf(type) ?? QUEUES[0]
    const qs: Record<string, string> = {}
    const status = String(ctx.request.input('status', ''))
    if (status) qs.tab = status
    for (const [from, to] of [
      ['college', 'f_college'],
      ['q', 'q'],
      ['page', 'page'],
    ]) {
      const value = ctx.request.input(from)
      if (typeof value === 'string' && value) qs[to] = value
    }
    return ctx.response.redirect().withQs(qs).toRoute(`school.procedures-reviews-${def.type}.index`)
  }

  /** /school/procedures/reviews/:type/:id → the queue resource's record page. */
  async show(ctx: HttpContext) {
    const def = await queueResource(ctx.params.type)
    if (!def) throw Refusal.notFound()
    return new ResourceController().show(ctx, def)
  }

  /**
   * POST /school/procedures/reviews/:type/:id (decision, comment, opinion, school_comment): the
   * resource's review, with the module's validator and form answers (errors beside the fields).
   */
  async decide(ctx: HttpContext) {
    const def = await queueResource(ctx.params.type)
    if (!def) throw Refusal.notFound()
    const service = new ResourceService(def, ctx)
    const id = ctx.params.id
    try {
      await service.find(id)
    } catch (error) {
      if (error instanceof OutOfScopeError) throw Refusal.notFound()
      throw error
    }
    const approve = ctx.request.input('decision') === 'approve'
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(reviewDecisionValidator, {
          messagesProvider: proceduresMessages(ctx, 'review'),
        })
        const result = await service.review(id, data.decision, data.comment ?? '', {
          opinion: data.opinion ?? null,
          school_comment: data.school_comment ?? null,
        })
        if (!result.ok) throw new Refusal(result.message, { status: 409 })
      },
      approve ? `${K}.approved` : `${K}.returned`,
      `${service.basePath}/${id}`
    )
  }

  /** POST /school/procedures/reviews/bulk (type, ids[]) → the resource's 批量通过. */
  async bulk(ctx: HttpContext) {
    const def = await queueResource(String(ctx.request.input('type')))
    if (!def) throw Refusal.notFound()
    ctx.params.action = 'review'
    // The resource answers back to its own list (its default return page).
    return new ResourceController().bulk(ctx, def)
  }

  async force(ctx: HttpContext) {
    const id = ctx.params.id
    if (!(await this.#authorizeRow(ctx, 'terminations', id))) throw Refusal.notFound()
    return act(
      ctx,
      async () => {
        const { force_reason: reason } = await ctx.request.validateUsing(
          forceTerminationValidator,
          { messagesProvider: proceduresMessages(ctx, 'termination') }
        )
        await terminationService.force(ctx.auth.use('web').user!, id, reason)
      },
      `${K}.forced`,
      router.makeUrl('school.procedures-reviews-terminations.show', [id])
    )
  }

  async material(ctx: HttpContext) {
    const termination = await Termination.findOrFail(ctx.params.id)
    const fileId = ctx.params.fileId
    if (!termination.materialFileIds.includes(fileId)) throw Refusal.notFound()
    await this.#authorizeRow(ctx, 'terminations', termination.id)
    const file = await materialFile(fileId)
    if (!file) throw Refusal.notFound()
    return files.send(ctx, file.stored)
  }

  /** 打印就业推荐表 (A4, print CSS). */
  async print(ctx: HttpContext) {
    const form = await RecommendationForm.query()
      .where('id', ctx.params.id)
      .preload('graduate')
      .firstOrFail()
    await authorizeOr404(ctx.bouncer, 'manageStudentRecord', {
      schoolId: form.schoolId,
      college: form.graduate.college,
    })
    const record = await sourceService.recordOf(form.graduate)
    const school = await db.from('schools').where('id', form.schoolId).first()
    return ctx.view.render('procedures::pages/school/print', {
      form,
      graduate: form.graduate,
      record,
      school,
      fields: RECOMMENDATION_FIELDS,
    })
  }

  /** Staff of another school (or another college) get 404, like a missing row: ids cannot be told apart. */
  async #authorizeRow(ctx: HttpContext, table: string, id: number) {
    const row = await db.from(table).where('id', id).first()
    if (!row) return false
    const graduate = await Graduate.findOrFail(row.graduate_id)
    await authorizeOr404(ctx.bouncer, 'manageStudentRecord', {
      schoolId: graduate.schoolId,
      college: graduate.college,
    })
    return true
  }
}
