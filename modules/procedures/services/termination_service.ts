import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import type { MultipartFile } from '@adonisjs/core/bodyparser'
import type StoredFile from '#core/files/models/stored_file'
import { FileRejectedError } from '#core/files/file_service'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import Graduate from '#core/registry/models/graduate'
import Employer from '#core/accounts/models/employer'
import audit from '#core/audit/audit_service'
import messages, { type NewMessage } from '#core/messages/services/message_service'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import Termination from '#modules/procedures/models/termination'
import { FieldErrors, Refusal } from '#core/http/refusal'
import { refused } from '#modules/procedures/services/errors'
import type { ActionOf } from '#core/state/machine'
import { isUniqueViolation } from '#modules/procedures/services/source_service'
import planService from '#modules/procedures/services/plan_service'
import { settingsFor } from '#modules/procedures/services/settings'
import { graduateOf, studentUserIdOf, employerUserIds } from '#modules/procedures/services/people'
import {
  discardMaterials,
  materialsProblem,
  storeMaterials,
} from '#modules/procedures/services/materials'
import { invitationMachine } from '#modules/procedures/machines/invitation'
import {
  terminationMachine,
  type TerminationStatus,
} from '#modules/procedures/machines/termination'

/** 解约原因 (stored values, data/options.ts). */
export { TERMINATION_REASONS } from '#modules/procedures/data/options'

/** 解约办理 (PRODUCT.md rule 14). Completion cancels the plan and frees the student to sign again. */
export class TerminationService {
  /** The plan a termination can be filed for: online-signed, or an approved non-online employment plan. */
  async terminablePlan(graduateId: number) {
    const plan = await planService.activePlan(graduateId)
    if (!plan) return null
    if (plan.signingType === 'online') return plan
    return plan.status === 'approved' && plan.infoType === 'employment' ? plan : null
  }

  openFor(graduateId: number) {
    return Termination.query()
      .where('graduate_id', graduateId)
      .whereIn('status', ['pending_employer', 'pending_student', 'pending_school'])
      .first()
  }

  async view(user: User) {
    const graduate = await graduateOf(user)
    const settings = await settingsFor(graduate.schoolId)
    return {
      graduate,
      plan: await this.terminablePlan(graduate.id),
      open: await this.openFor(graduate.id),
      history: await Termination.query().where('graduate_id', graduate.id).orderBy('id', 'desc'),
      materialsRequired: settings.termination_materials_required,
    }
  }

  /**
   * Student: 我要解约. The uploads are checked with the other fields and stored only inside the
   * transaction that writes the request: a refused request stores nothing.
   */
  async fileByStudent(
    user: User,
    input: { reason?: string; description?: string; confirm?: unknown },
    uploads: MultipartFile[]
  ) {
    const graduate = await graduateOf(user)
    const plan = await this.terminablePlan(graduate.id)
    if (!plan) throw refused('procedures.refusals.termination_no_plan')
    if (await this.openFor(graduate.id))
      throw refused('procedures.refusals.termination_already_open')
    // reason and description were checked by studentTerminationValidator; the materials here.
    const errors: Record<string, string> = {}
    const settings = await settingsFor(graduate.schoolId)
    if (settings.termination_materials_required && !uploads.length)
      errors.materials = 'procedures.refusals.termination_materials_required'
    else if (uploads.length) {
      const problem = await materialsProblem(user.id, uploads)
      if (problem) errors.materials = problem
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors)
    const status = plan.signingType === 'online' ? 'pending_employer' : 'pending_school'
    const termination = await this.#create(
      user,
      graduate,
      plan,
      'student',
      status,
      input.reason!,
      input.description!.trim(),
      uploads
    )
    if (status === 'pending_employer' && plan.employerId) {
      await messages.sendMany(
        (await employerUserIds(plan.employerId)).map((userId) => ({
          userId,
          title: text('procedures.termination.messages.student_filed_title', {
            student: graduate.name,
          }),
          body: text('procedures.termination.messages.reason_body', { reason: input.reason }),
          link: router.makeUrl('procedures.employer.terminations.show', { id: termination.id }),
          category: 'signing',
        }))
      )
    }
    return termination
  }

  /** Employer: start a termination of an online agreement; the student then agrees or not. */
  async fileByEmployer(
    sender: User,
    planId: number,
    input: { reason?: string; description?: string }
  ) {
    const plan = await EmploymentPlan.query()
      .where('id', planId)
      .where('employer_id', sender.employerId!)
      .where('signing_type', 'online')
      .whereNot('status', 'cancelled')
      .first()
    if (!plan) throw Refusal.notFound('procedures.refusals.termination_plan_not_found')
    // reason and description were checked by employerTerminationValidator.
    const graduate = await Graduate.findOrFail(plan.graduateId)
    const termination = await this.#create(
      sender,
      graduate,
      plan,
      'employer',
      'pending_student',
      input.reason!,
      input.description!.trim(),
      []
    )
    const userId = await studentUserIdOf(graduate.id)
    const employer = await Employer.findOrFail(sender.employerId)
    if (userId) {
      await messages.send({
        userId,
        title: text('procedures.termination.messages.employer_filed_title', {
          employer: employer.name,
        }),
        body: text('procedures.termination.messages.reason_body', { reason: input.reason }),
        link: router.makeUrl('procedures.termination'),
        category: 'signing',
      })
    }
    return termination
  }

  async #create(
    actor: User,
    graduate: Graduate,
    plan: EmploymentPlan,
    by: 'student' | 'employer',
    status: TerminationStatus,
    reason: string,
    description: string,
    uploads: MultipartFile[]
  ) {
    const stored: StoredFile[] = []
    try {
      return await db.transaction(async (trx) => {
        const materialIds = await storeMaterials(actor.id, uploads, trx, stored)
        const row = await Termination.create(
          {
            planId: plan.id,
            graduateId: graduate.id,
            schoolId: graduate.schoolId,
            college: graduate.college,
            employerId: plan.employerId,
            signingType: plan.signingType,
            initiatedBy: by,
            initiatorId: actor.id,
            reason,
            description,
            materialFileIds: materialIds,
            ...terminationMachine.initial(status),
            forced: false,
            openKey: plan.id,
          },
          { client: trx }
        )
        await audit.record(
          {
            actor,
            action: 'procedures.termination.file',
            subject: { type: 'termination', id: row.id },
            schoolId: graduate.schoolId,
            after: { status, planId: plan.id, reason, initiatedBy: by },
            note: description,
          },
          trx
        )
        return row
      })
    } catch (error) {
      // The rows rolled back with the transaction; the bytes must go too.
      await discardMaterials(stored)
      if (isUniqueViolation(error)) throw refused('procedures.refusals.termination_already_open')
      if (error instanceof FileRejectedError) throw new FieldErrors({ materials: error.message })
      throw error
    }
  }

  /** Employer answers a student's request (同意解约 / 不同意解约). */
  async employerAnswer(sender: User, id: number, agree: boolean, comment: string | null) {
    const row = await Termination.query()
      .where('id', id)
      .where('employer_id', sender.employerId!)
      .first()
    if (!row) throw Refusal.notFound('procedures.refusals.termination_not_found')
    // A reason to disagree is required by employerTerminationAnswerValidator.
    await this.#answer(sender, row, agree ? 'employerAgree' : 'employerDisagree', comment)
  }

  /** Student answers an employer's request. */
  async studentAnswer(user: User, id: number, agree: boolean, comment: string | null) {
    const graduate = await graduateOf(user)
    const row = await Termination.query().where('id', id).where('graduate_id', graduate.id).first()
    if (!row) throw Refusal.notFound('procedures.refusals.termination_not_found')
    await this.#answer(user, row, agree ? 'studentAgree' : 'studentDisagree', comment)
  }

  /** School review of a non-online termination. */
  async schoolReview(staff: User, id: number, approve: boolean, comment: string | null) {
    const row = await Termination.findOrFail(id)
    // A reason to return is required by reviewDecisionValidator.
    await this.#answer(staff, row, approve ? 'schoolApprove' : 'schoolReturn', comment)
  }

  /** 强制解约: a teacher completes an online termination the employer did not answer (who and why recorded). */
  async force(staff: User, id: number, reason: string) {
    const row = await Termination.findOrFail(id)
    // The reason is required by forceTerminationValidator.
    await this.#decide(
      staff,
      row,
      'force',
      { forced: true, forced_by: staff.id, force_reason: reason.trim().slice(0, 500) },
      reason
    )
  }

  /** An answer (student, employer or school) with its comment and who gave it. */
  #answer(
    actor: User,
    row: Termination,
    action: ActionOf<typeof terminationMachine>,
    comment: string | null
  ) {
    return this.#decide(
      actor,
      row,
      action,
      { answer_comment: comment?.trim() || null, answered_by: actor.id, answered_at: nowDb() },
      comment
    )
  }

  async #decide(
    actor: User,
    row: Termination,
    action: ActionOf<typeof terminationMachine>,
    extra: Record<string, unknown>,
    comment: string | null
  ) {
    const notices: NewMessage[] = []
    await db.transaction(async (trx) => {
      const to = await terminationMachine.apply(trx, action, row.id, { set: extra })
      if (to === 'completed') await this.#complete(trx, row, actor)
      else await trx.from('terminations').where('id', row.id).update({ open_key: null })
      await audit.record(
        {
          actor,
          action: `procedures.termination.${action}`,
          subject: { type: 'termination', id: row.id },
          schoolId: row.schoolId,
          before: { status: row.status },
          after: {
            status: to,
            ...(action === 'force' ? { forced: true, forcedBy: actor.id } : {}),
          },
          note: comment,
        },
        trx
      )
      const studentId = await studentUserIdOf(row.graduateId, trx)
      const employerIds = row.employerId ? await employerUserIds(row.employerId, trx) : []
      const title = text(
        to === 'completed'
          ? action === 'force'
            ? 'procedures.termination.messages.forced_student'
            : 'procedures.termination.messages.completed_student'
          : 'procedures.termination.messages.refused'
      )
      if (studentId)
        notices.push({
          userId: studentId,
          title,
          body: comment || null,
          link: router.makeUrl('procedures.termination'),
          category: 'signing',
        })
      for (const userId of employerIds)
        notices.push({
          userId,
          title: text(
            to === 'completed'
              ? 'procedures.termination.messages.completed_employer'
              : 'procedures.termination.messages.refused'
          ),
          body: comment || null,
          link: router.makeUrl('procedures.employer.terminations.show', { id: row.id }),
          category: 'signing',
        })
    })
    await messages.sendMany(notices)
  }

  /** Cancels the plan, ends the agreement and frees the per-student signing guard. */
  async #complete(trx: TransactionClientContract, row: Termination, actor: User) {
    await trx
      .from('terminations')
      .where('id', row.id)
      .update({ completed_at: nowDb(), open_key: null })
    const plan = await EmploymentPlan.findOrFail(row.planId, { client: trx })
    await planService.close(
      trx,
      plan,
      'cancel',
      actor,
      text('procedures.termination.plan_cancel_note', { id: String(row.id) })
    )
    if (plan.invitationId) {
      await invitationMachine.apply(trx, 'terminate', plan.invitationId)
      await trx
        .from('signing_states')
        .where('graduate_id', plan.graduateId)
        .where('signed_invitation_id', plan.invitationId)
        .update({
          signed_invitation_id: null,
          version: trx.knexRawQuery('version + 1'),
          updated_at: nowDb(),
        })
    }
  }
}

const terminationService = new TerminationService()
export default terminationService
