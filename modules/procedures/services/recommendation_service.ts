import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import type Graduate from '#core/registry/models/graduate'
import audit from '#core/audit/audit_service'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import RecommendationForm from '#modules/procedures/models/recommendation_form'
import { FieldErrors } from '#core/http/refusal'
import { assertReturnReason } from '#modules/procedures/services/errors'
import { graduateOf, notifyStudent } from '#modules/procedures/services/people'
import { recommendationMachine } from '#modules/procedures/machines/recommendation'
import { labelled } from '#modules/procedures/services/texts'
import { HEALTH_OPTIONS } from '#modules/procedures/data/options'
import { auditDecision, reviewColumns } from '#modules/procedures/services/review'

/** The 推荐表 fields; `label` / `help` are the texts of their lang keys, read when used. */
export const RECOMMENDATION_FIELDS = (
  [
    {
      key: 'health',
      column: 'health',
      label: 'procedures.recommendation.fields.health',
      type: 'select',
      options: HEALTH_OPTIONS,
      required: true,
      max: 50,
    },
    {
      key: 'education',
      column: 'education',
      label: 'procedures.recommendation.fields.education',
      type: 'textarea',
      required: true,
      max: 2000,
      help: 'procedures.recommendation.education_help',
    },
    {
      key: 'positions',
      column: 'positions',
      label: 'procedures.recommendation.fields.positions',
      type: 'textarea',
      required: false,
      max: 2000,
    },
    {
      key: 'awards',
      column: 'awards',
      label: 'procedures.recommendation.fields.awards',
      type: 'textarea',
      required: false,
      max: 2000,
    },
    {
      key: 'skills',
      column: 'skills',
      label: 'procedures.recommendation.fields.skills',
      type: 'textarea',
      required: false,
      max: 2000,
    },
    {
      key: 'selfAssessment',
      column: 'self_assessment',
      label: 'procedures.recommendation.fields.self_assessment',
      type: 'textarea',
      required: true,
      max: 2000,
    },
  ] as const
).map(labelled)

/** 就业推荐表申请 (PRODUCT.md rule 11). */
export class RecommendationService {
  async formOf(graduate: Graduate, trx?: TransactionClientContract) {
    const existing = await RecommendationForm.query({ client: trx })
      .where('graduate_id', graduate.id)
      .first()
    if (existing) return existing
    await (trx ?? db)
      .knexQuery()
      .table('recommendation_forms')
      .insert({
        graduate_id: graduate.id,
        school_id: graduate.schoolId,
        ...recommendationMachine.initial(),
        created_at: nowDb(),
        updated_at: nowDb(),
      })
      .onConflict(['graduate_id'])
      .ignore()
    return RecommendationForm.query({ client: trx }).where('graduate_id', graduate.id).firstOrFail()
  }

  async view(user: User) {
    const graduate = await graduateOf(user)
    return { graduate, form: await this.formOf(graduate) }
  }

  async save(user: User, input: Record<string, unknown>, submit: boolean) {
    const graduate = await graduateOf(user)
    const errors: Record<string, string> = {}
    const values: Record<string, string | null> = {}
    for (const f of RECOMMENDATION_FIELDS) {
      const value =
        input[f.key] === undefined || input[f.key] === null ? '' : String(input[f.key]).trim()
      // Shape, options and lengths: recommendationValidator; required only when submitting.
      if (!value && f.required && submit)
        errors[f.key] = text('procedures.refusals.field_required', { field: f.label })
      else values[f.column] = value || null
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors)
    await db.transaction(async (trx) => {
      const form = await this.formOf(graduate, trx)
      const before = Object.fromEntries(
        RECOMMENDATION_FIELDS.map((f) => [f.column, (form as any)[f.key] ?? null])
      )
      await recommendationMachine.apply(trx, submit ? 'submit' : 'save', form.id, {
        set: {
          ...values,
          ...(submit ? { submitted_at: nowDb() } : {}),
        },
      })
      await audit.record(
        {
          actor: user,
          action: submit ? 'procedures.recommendation.submit' : 'procedures.recommendation.save',
          subject: { type: 'recommendation_form', id: form.id },
          schoolId: graduate.schoolId,
          before: { ...before, status: form.status },
          after: { ...values, status: submit ? 'pending' : form.status },
        },
        trx
      )
    })
  }

  /** School: approve (with 学校评语 and 推荐意见) or return (with a reason). */
  async review(
    staff: User,
    formId: number,
    decision: 'approve' | 'return',
    input: { comment?: string | null; schoolComment?: string | null; opinion?: string | null }
  ) {
    const comment = input.comment?.trim() || null
    assertReturnReason(decision, comment)
    const schoolComment = input.schoolComment?.trim() || null
    const opinion = input.opinion?.trim() || null
    if (decision === 'approve' && !opinion)
      throw new FieldErrors({ opinion: 'procedures.refusals.recommendation_opinion_required' })
    const form = await db.transaction(async (trx) => {
      const row = await RecommendationForm.findOrFail(formId, { client: trx })
      const extra: Record<string, unknown> = reviewColumns(staff, comment)
      if (decision === 'approve')
        Object.assign(extra, {
          school_comment: schoolComment ?? text('procedures.recommendation.default_school_comment'),
          recommendation_opinion: opinion,
        })
      const to = await recommendationMachine.apply(trx, decision, row.id, { set: extra })
      await auditDecision(trx, staff, {
        action: `procedures.recommendation.${decision}`,
        subject: { type: 'recommendation_form', id: row.id },
        schoolId: row.schoolId,
        from: row.status,
        to,
        comment,
        after: decision === 'approve' ? { schoolComment, opinion } : {},
      })
      return row
    })
    await notifyStudent(
      { graduateId: form.graduateId },
      {
        route: 'procedures.recommendation',
        title:
          decision === 'approve'
            ? 'procedures.recommendation.messages.approved'
            : 'procedures.recommendation.messages.returned',
        body: comment,
      }
    )
  }
}

const recommendationService = new RecommendationService()
export default recommendationService
