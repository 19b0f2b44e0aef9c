import type { HttpContext } from '@adonisjs/core/http'
import Graduate from '#core/registry/models/graduate'
import audit from '#core/audit/audit_service'
import db from '@adonisjs/lucid/services/db'
import {
  QUEUES,
  queueOf,
  scopedRows,
  awaitingCounts,
  whereStatus,
  AWAITING,
} from '#modules/procedures/services/review_queues'
import { ProcedureError } from '#modules/procedures/services/state_machines'
import terminationService from '#modules/procedures/services/termination_service'
import sourceService, { officialValues } from '#modules/procedures/services/source_service'
import { SOURCE_FIELDS, FIELD_BY_KEY } from '#modules/procedures/services/source_fields'
import { RECOMMENDATION_FIELDS } from '#modules/procedures/services/recommendation_service'
import planService, { formFor } from '#modules/procedures/services/plan_service'
import {
  REGISTRATION_HISTORY_FIELDS,
  historyValue,
} from '#modules/procedures/services/registration'
import { materialFile } from '#modules/procedures/services/materials'
import files from '#core/files/file_service'
import { act, idParam } from '#modules/procedures/controllers/respond'
import RecommendationForm from '#modules/procedures/models/recommendation_form'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import Termination from '#modules/procedures/models/termination'
import { toast } from '#core/http/htmx'
import { maskField } from '#core/privacy/mask'
import { actionLabel } from '#modules/procedures/services/audit_labels'
import { authorizeOr404 } from '#core/authorization/authorize_or_404'
import { unsealKeys } from '#core/privacy/sealed'
import { queryPage } from '#core/http/query'
import { reviewDecisionValidator } from '#modules/procedures/validators/review'
import { forceTerminationValidator } from '#modules/procedures/validators/termination'
import { proceduresMessages } from '#modules/procedures/validators/messages'

/** 就业手续审核: the review queues of the school, with filters, bulk approve and detail with history. */
export default class ReviewsController {
  async index(ctx: HttpContext) {
    const user = ctx.auth.use('web').user!
    const def = queueOf(String(ctx.request.input('type', 'source'))) ?? QUEUES[0]
    // Default: every state that awaits the school (解约: 待学校审核 and 待单位应答, which a teacher
    // may force), exactly what the tab badge counts.
    const requested = String(ctx.request.input('status', AWAITING))
    const status =
      requested === AWAITING || requested === 'all' || requested in def.statuses
        ? requested
        : AWAITING
    const college = String(ctx.request.input('college', ''))
    const keyword = String(ctx.request.input('q', '')).trim()
    const query = scopedRows(def, user)
    whereStatus(query, def, status)
    if (college) query.where('g.college', college)
    if (keyword)
      query.where((q) =>
        q
          .where('g.name', 'like', `%${keyword}%`)
          .orWhere('g.student_number', 'like', `%${keyword}%`)
      )
    const rows = await query
      .orderBy('t.updated_at', 'desc')
      .orderBy('t.id', 'desc')
      .paginate(queryPage(ctx.request.input('page')), 20)
    rows
      .baseUrl('/school/procedures/reviews')
      .queryString({ type: def.type, status, college, q: keyword })
    const collegeQuery = db
      .from('graduates')
      .where('school_id', user.schoolId!)
      .whereNotNull('college')
      .distinct('college')
      .orderBy('college')
    if (user.college) collegeQuery.where('college', user.college)
    const colleges = (await collegeQuery).map((r: any) => r.college)
    return ctx.view.render('procedures::school/reviews', {
      def,
      queues: QUEUES,
      rows,
      status,
      college,
      keyword,
      colleges,
      counts: await awaitingCounts(user),
      // 批量通过 only where every listed row can be approved (not 待单位应答 解约 requests).
      canBulk: def.awaiting.includes(status) || (status === AWAITING && def.awaiting.length === 1),
      awaiting: AWAITING,
    })
  }

  async show(ctx: HttpContext) {
    const def = queueOf(ctx.params.type)
    if (!def) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    const row = await db.from(def.table).where('id', idParam(ctx)).first()
    if (!row) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    const graduate = await Graduate.findOrFail(row.graduate_id)
    await authorizeOr404(ctx.bouncer, 'manageStudentRecord', {
      schoolId: graduate.schoolId,
      college: graduate.college,
    })
    const state: Record<string, unknown> = { def, row, graduate }
    if (def.type === 'source') {
      const record = await sourceService.recordOf(graduate)
      state.values = officialValues(graduate, record)
      state.fields = SOURCE_FIELDS
    }
    if (def.type === 'changes') {
      state.changes = Object.entries(
        unsealKeys(typeof row.changes === 'string' ? JSON.parse(row.changes) : row.changes, [
          'idNumber',
        ])
      ).map(([k, v]: [string, any]) => ({
        label: FIELD_BY_KEY.get(k)?.label ?? k,
        // Both sides masked by the one privacy rule (the request row keeps the full new value to apply).
        old: maskField(k, v[0]),
        new: maskField(k, v[1]),
      }))
    }
    if (def.type === 'recommendations') {
      state.form = await RecommendationForm.findOrFail(row.id)
      state.recFields = RECOMMENDATION_FIELDS
    }
    if (def.type === 'reports') {
      const plan = await EmploymentPlan.query()
        .where('id', row.id)
        .preload('destination')
        .firstOrFail()
      state.plan = plan
      // The fields of the mode the plan was made under (a 2021 report keeps its 报到证 fields).
      state.planFields = plan.destination
        ? formFor(plan.proceduresMode, plan.destination.formKind)
        : []
      state.registrationHistory = await planService.historyOf(plan.id)
      state.historyLabel = (field: string) => REGISTRATION_HISTORY_FIELDS[field] ?? field
      state.historyValue = historyValue
    }
    if (def.type === 'terminations') {
      const t = await Termination.query().where('id', row.id).preload('plan').firstOrFail()
      state.termination = t
      state.materials = await Promise.all(t.materialFileIds.map((id) => materialFile(id)))
    }
    const subjectId = def.type === 'source' ? graduate.id : row.id
    state.history = await audit.historyOf(def.subject, subjectId)
    if (def.type !== 'source')
      state.studentHistory = await audit.historyOf('graduate', graduate.id, 20)
    const staffIds = [...new Set((state.history as any[]).map((h) => h.actorId).filter(Boolean))]
    const names = staffIds.length
      ? await db.from('users').whereIn('id', staffIds).select('id', 'name')
      : []
    state.actorName = (id: number | null) => names.find((n: any) => n.id === id)?.name ?? '系统'
    state.fieldLabel = (k: string) => FIELD_BY_KEY.get(k)?.label ?? k
    state.actionLabel = actionLabel
    return ctx.view.render('procedures::school/review_show', state)
  }

  async decide(ctx: HttpContext) {
    const def = queueOf(ctx.params.type)
    const id = idParam(ctx)
    if (!def) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    if (!(await this.#authorizeRow(ctx, def.table, id)))
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    // `decision` only picks the success message; the validator reads it again.
    const approve = ctx.request.input('decision') === 'approve'
    return act(
      ctx,
      async () => {
        const data = await ctx.request.validateUsing(reviewDecisionValidator, {
          messagesProvider: proceduresMessages(ctx, 'review'),
        })
        await def.decide(ctx.auth.use('web').user!, id, data.decision === 'approve', data)
      },
      approve ? '已审核通过' : '已退回',
      `/school/procedures/reviews/${def.type}/${id}`
    )
  }

  /** 批量通过: each row in its own transaction; rows no longer awaiting review are skipped and counted. */
  async bulk(ctx: HttpContext) {
    const def = queueOf(String(ctx.request.input('type')))
    if (!def) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    const ids = ([] as unknown[])
      .concat(ctx.request.input('ids', []))
      .map(Number)
      .filter((n) => Number.isInteger(n) && n > 0)
    const back = `/school/procedures/reviews?type=${def.type}`
    if (!ids.length) {
      ctx.session.flash('error', '请先勾选要审核通过的记录')
      return ctx.response.redirect(back)
    }
    const visible = await scopedRows(def, ctx.auth.use('web').user!)
      .clearSelect()
      .select('t.id')
      .whereIn('t.id', ids)
    let done = 0
    const failed: string[] = []
    for (const { id } of visible) {
      try {
        await def.decide(ctx.auth.use('web').user!, Number(id), true, { bulk: true })
        done++
      } catch (error) {
        if (!(error instanceof ProcedureError)) throw error
        failed.push(`#${id}：${error.message}`)
      }
    }
    const skipped = ids.length - visible.length
    const message =
      `已批量通过 ${done} 条` +
      (failed.length ? `，${failed.length} 条未通过（${failed.join('；')}）` : '') +
      (skipped ? `，${skipped} 条无权处理` : '')
    toast(ctx, message, failed.length || skipped ? 'info' : 'success')
    return ctx.response.redirect(back)
  }

  async force(ctx: HttpContext) {
    const id = idParam(ctx)
    if (!(await this.#authorizeRow(ctx, 'terminations', id)))
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    return act(
      ctx,
      async () => {
        const { force_reason: reason } = await ctx.request.validateUsing(
          forceTerminationValidator,
          { messagesProvider: proceduresMessages(ctx, 'termination') }
        )
        await terminationService.force(ctx.auth.use('web').user!, id, reason)
      },
      '已强制解约，就业方案已取消',
      `/school/procedures/reviews/terminations/${id}`
    )
  }

  async material(ctx: HttpContext) {
    const termination = await Termination.find(idParam(ctx))
    const fileId = Number(ctx.params.fileId)
    if (!termination || !termination.materialFileIds.includes(fileId))
      return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    await this.#authorizeRow(ctx, 'terminations', termination.id)
    const file = await materialFile(fileId)
    if (!file) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
    return files.send(ctx, file.stored)
  }

  /** 打印就业推荐表 (A4, print CSS). */
  async print(ctx: HttpContext) {
    const form = await RecommendationForm.query()
      .where('id', idParam(ctx))
      .preload('graduate')
      .first()
    if (!form) return ctx.response.notFound(await ctx.view.render('pages/errors/not_found'))
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
