import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import router from '@adonisjs/core/services/router'
import logger from '@adonisjs/core/services/logger'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import Graduate from '#core/registry/models/graduate'
import Employer from '#core/accounts/models/employer'
import audit from '#core/audit/audit_service'
import messages from '#core/messages/services/message_service'
import queue from '#core/queue/dispatcher'
import moduleSwitches from '#core/modules/module_switches'
import jobDirectory from '#modules/job_seeking/services/job_directory'
import { nowDb, toDb } from '#core/database/time'
import { formatDateTime } from '#core/ui/format'
import { text } from '#core/i18n/text'
import { MAX_ID } from '#core/validation/rules'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import SourceRecord from '#modules/procedures/models/source_record'
import { invitationMachine } from '#modules/procedures/machines/invitation'
import { FieldErrors, Refusal } from '#core/http/refusal'
import { refused } from '#modules/procedures/services/errors'
import { isUniqueViolation } from '#modules/procedures/services/source_service'
import { destinationByCode } from '#modules/procedures/services/destination_codes'
import { provinceProcedures } from '#modules/procedures/services/settings'
import {
  CERTIFICATE_CATEGORIES,
  HUKOU_MIGRATIONS,
  HUKOU_NOT_MOVED,
  recordRegistrationChanges,
} from '#modules/procedures/services/registration'
import planService, { planAllowsSigning } from '#modules/procedures/services/plan_service'
import { graduateOf, employerUserIds } from '#modules/procedures/services/people'

/** 我的日程 key of an invitation's 签约截止 entry. */
export const signingDeadlineKey = (invitationId: number) => `signing-deadline-${invitationId}`

export const DEADLINE_JOB = 'sign-deadline'
/** The one 报到证 list (2021 mode), shared with the report forms. */
export { CERTIFICATE_CATEGORIES }
/** What an employer that receives the hukou means for 户口迁移 (2023+ mode). */
const HUKOU_TO_EMPLOYER = HUKOU_MIGRATIONS[0]
/** The one answer (lang key) for an applicant id that is unknown, not a student, or not this employer's applicant. */
export const APPLICANT_REFUSAL = 'procedures.refusals.applicant_not_applied'
/** The one answer (lang key) for any school + 学号 + 姓名 that does not identify an activated student. */
export const IDENTITY_REFUSAL = 'procedures.refusals.identity_not_found'

export interface InvitationInput {
  mode?: unknown
  applicant_user_id?: unknown
  school_id?: unknown
  student_number?: unknown
  name?: unknown
  job_title?: unknown
  salary?: unknown
  work_city?: unknown
  contract_term?: unknown
  probation?: unknown
  terms?: unknown
  contact_name?: unknown
  contact_phone?: unknown
  receives_archive?: unknown
  receives_hukou?: unknown
  certificate_category?: unknown
  certificate_unit?: unknown
  archive_unit?: unknown
  archive_address?: unknown
  hukou_address?: unknown
  position_category?: unknown
  deadline?: unknown
}

/** A positive id that fits the integer columns (a larger one is a 500 on PostgreSQL). */
const isId = (v: string) => /^[1-9]\d{0,9}$/.test(v) && Number(v) <= MAX_ID
const str = (v: unknown) => (v === undefined || v === null ? '' : String(v).trim())
const bool = (v: unknown) => v === true || v === 'true' || v === '1' || v === 1 || v === 'on'

/**
 * 网上签约 (PRODUCT.md rule 12). Acceptance is serialised per student by a conditional
 * UPDATE on the student's `signing_states` row inside the transaction: of two acceptances
 * at the same moment exactly one finds `signed_invitation_id IS NULL`.
 */
export class SigningService {
  /** Why this graduate may not accept a signing invitation now, as text (null = may accept). */
  async acceptanceRefusal(graduate: Graduate): Promise<string | null> {
    const record = await SourceRecord.query().where('graduate_id', graduate.id).first()
    if (!record || record.status !== 'approved')
      return text('procedures.refusals.source_not_approved_signing')
    if (!graduate.signable) return text('procedures.refusals.not_signable')
    const plan = await planService.activePlan(graduate.id)
    if (plan?.signingType === 'online') return text('procedures.refusals.online_plan_exists')
    if (plan && !planAllowsSigning(plan, plan.destination ?? null)) {
      return text('procedures.refusals.approved_plan_blocks_signing_named', {
        name: plan.destination?.name ?? text('procedures.signing.plan_fallback'),
      })
    }
    const state = await db.from('signing_states').where('graduate_id', graduate.id).first()
    if (state?.signed_invitation_id) return text('procedures.refusals.already_signed_elsewhere')
    return null
  }

  /**
   * The procedures mode the invitation form is validated under: the one of the school named
   * (by school id, or the applicant's school), else the province's. Reveals nothing about a
   * student: modes are school settings.
   */
  async sendModeFor(input: { mode?: unknown; applicant_user_id?: unknown; school_id?: unknown }) {
    const applicantMode =
      str(input.mode) === 'applicant' || (!str(input.mode) && Boolean(str(input.applicant_user_id)))
    let schoolId: number | null = null
    const raw = str(applicantMode ? input.applicant_user_id : input.school_id)
    if (isId(raw) && applicantMode) {
      const row = await db
        .from('users')
        .join('graduates', 'graduates.id', 'users.graduate_id')
        .where('users.id', Number(raw))
        .select('graduates.school_id')
        .first()
      schoolId = row ? Number(row.school_id) : null
    } else if (isId(raw)) schoolId = Number(raw)
    return (await provinceProcedures(schoolId)).mode
  }

  /** Employer: send an invitation (to an applicant, or by school + student number + name). */
  async send(sender: User, input: InvitationInput) {
    const employer = await Employer.findOrFail(sender.employerId)
    if (!employer.isVerified) throw refused('procedures.refusals.employer_not_verified')
    const errors: Record<string, string> = {}

    // Who: one of THIS employer's applicants (by user id), or school + 学号 + 姓名 exactly.
    // Every failed lookup gets one answer per mode, so walking ids or guessing 学号 tells nothing.
    let graduate: Graduate | null = null
    let studentUserId: number | null = null
    const applicantMode =
      str(input.mode) === 'applicant' || (!str(input.mode) && Boolean(str(input.applicant_user_id)))
    const whoField = applicantMode ? 'applicant_user_id' : 'student_number'
    if (applicantMode) {
      // Presence and shape were checked by sendInvitationValidator.
      const raw = str(input.applicant_user_id)
      const applicantId = isId(raw) ? Number(raw) : 0
      if (!applicantId || !(await jobDirectory.hasApplied(employer.id, applicantId)))
        errors.applicant_user_id = APPLICANT_REFUSAL
      else {
        const user = await db
          .from('users')
          .where('id', applicantId)
          .where('kind', 'student')
          .first()
        graduate = user?.graduate_id ? await Graduate.find(user.graduate_id) : null
        if (!graduate) errors.applicant_user_id = APPLICANT_REFUSAL
        else studentUserId = Number(user.id)
      }
    } else {
      const schoolId = Number(input.school_id)
      const number = str(input.student_number)
      const name = str(input.name)
      const found = await Graduate.query()
        .where('school_id', schoolId)
        .where('student_number', number)
        .first()
      // A wrong school, 学号 or 姓名 answers alike; only a full match may learn more.
      if (!found || found.name !== name) errors.student_number = IDENTITY_REFUSAL
      else {
        const user = await db
          .from('users')
          .where('graduate_id', found.id)
          .where('kind', 'student')
          .first()
        if (!user) errors.student_number = 'procedures.refusals.student_not_activated'
        else {
          graduate = found
          studentUserId = Number(user.id)
        }
      }
    }
    if (graduate && !(await moduleSwitches.isEnabledForSchool(graduate.schoolId, 'procedures'))) {
      // Said only once the employer has legitimately identified the student.
      errors[whoField] = 'procedures.refusals.signing_disabled_for_school'
      graduate = null
    }

    if (Object.keys(errors).length) throw new FieldErrors(errors)

    // What: every field (the mode's, the archive/hukou choices', the deadline window) was checked
    // by the mode's sendInvitationValidators entry; the mode is the student's school's.
    const receivesArchive = bool(input.receives_archive)
    const receivesHukou = bool(input.receives_hukou)
    const { mode } = await provinceProcedures(graduate!.schoolId)
    const deadline = DateTime.fromISO(str(input.deadline), { zone: 'Asia/Shanghai' })

    // A stale pending invitation of the same pair no longer blocks: expire it first.
    const stale = await SigningInvitation.query()
      .where('employer_id', employer.id)
      .where('graduate_id', graduate!.id)
      .where('status', 'pending')
    for (const s of stale) await this.expireIfDue(s.id)

    let invitation: SigningInvitation
    try {
      invitation = await db.transaction(async (trx) => {
        const created = await SigningInvitation.create(
          {
            employerId: employer.id,
            senderId: sender.id,
            graduateId: graduate!.id,
            studentUserId: studentUserId!,
            schoolId: graduate!.schoolId,
            jobTitle: str(input.job_title),
            salary: str(input.salary),
            workCity: str(input.work_city) || null,
            contractTerm: str(input.contract_term) || null,
            probation: str(input.probation) || null,
            terms: str(input.terms) || null,
            contactName: str(input.contact_name),
            contactPhone: str(input.contact_phone),
            receivesArchive,
            receivesHukou,
            proceduresMode: mode,
            certificateCategory:
              mode === '2021' && receivesArchive ? str(input.certificate_category) : null,
            certificateUnit:
              mode === '2021' && receivesArchive ? str(input.certificate_unit) : null,
            archiveUnit: receivesArchive ? str(input.archive_unit) : null,
            archiveAddress:
              mode === '2023' && receivesArchive ? str(input.archive_address) || null : null,
            hukouAddress: receivesHukou ? str(input.hukou_address) : null,
            hukouMigration: mode === '2023' && receivesHukou ? HUKOU_TO_EMPLOYER : null,
            positionCategory: mode === '2023' ? str(input.position_category) : null,
            deadlineAt: deadline.toUTC(),
            ...invitationMachine.initial(),
            pendingKey: `${employer.id}-${graduate!.id}`,
          },
          { client: trx }
        )
        await audit.record(
          {
            actor: sender,
            action: 'procedures.invitation.send',
            subject: { type: 'signing_invitation', id: created.id },
            schoolId: graduate!.schoolId,
            after: {
              status: 'pending',
              jobTitle: created.jobTitle,
              deadlineAt: created.deadlineAt,
            },
          },
          trx
        )
        await messages.send(
          {
            userId: studentUserId!,
            category: 'signing',
            link: router.makeUrl('procedures.signing.show', { id: created.id }),
            title: text('procedures.signing.messages.invited_title', {
              employer: employer.name,
              job: created.jobTitle,
            }),
            body: text('procedures.signing.messages.invited_body', {
              deadline: formatDateTime(created.deadlineAt),
            }),
            dedupeKey: `sign-invite-${created.id}`,
          },
          trx
        )
        // 我的日程: the answer deadline (idempotent on the invitation; removed once it is answered).
        await messages.addSchedule(
          {
            userId: studentUserId!,
            title: text('procedures.signing.messages.schedule_title', {
              employer: employer.name,
              job: created.jobTitle,
            }),
            startsAt: created.deadlineAt,
            location: created.workCity,
            link: router.makeUrl('procedures.signing.show', { id: created.id }),
            sourceKey: signingDeadlineKey(created.id),
          },
          trx
        )
        return created
      })
    } catch (error) {
      if (isUniqueViolation(error)) throw refused('procedures.refusals.invitation_already_sent')
      throw error
    }
    await this.scheduleExpiry(invitation)
    return invitation
  }

  /** The delayed job per invitation (jobId `sign-deadline-<id>`); correctness never depends on it. */
  async scheduleExpiry(invitation: SigningInvitation) {
    try {
      await queue.dispatch(
        DEADLINE_JOB,
        { invitationId: invitation.id, schoolId: invitation.schoolId },
        {
          delay: Math.max(0, invitation.deadlineAt.toMillis() - Date.now()),
          jobId: `sign-deadline-${invitation.id}`,
        }
      )
    } catch (error) {
      logger.warn(
        { err: error, invitationId: invitation.id },
        'could not schedule the signing deadline job (enforced at read time anyway)'
      )
    }
  }

  /** Expires one invitation when its deadline has passed (job, and every read/answer). Idempotent. */
  async expireIfDue(invitationId: number) {
    const expired = await db.transaction(async (trx) => {
      // The machine's `expire` transition as one conditional UPDATE (also guarded by the deadline),
      // so the delayed job, the sweep and a read-time check racing each other expire it once.
      if (!(await SigningInvitation.expireIfDue(trx, invitationId))) return null
      const row = await SigningInvitation.query({ client: trx })
        .where('id', invitationId)
        .preload('employer')
        .firstOrFail()
      await recordEnd(trx, row, 'expired', {
        studentUserId: row.studentUserId,
        student: {
          title: text('procedures.signing.messages.expired_student_title', {
            employer: row.employer.name,
            job: row.jobTitle,
          }),
          body: text('procedures.signing.messages.expired_student_body'),
        },
        employer: {
          title: text('procedures.signing.messages.expired_employer_title', { job: row.jobTitle }),
        },
      })
      return row
    })
    return expired
  }

  /** Expires everything due among a list (read-time enforcement). */
  async expireDue(query: { graduateId?: number; employerId?: number }) {
    const q = db
      .from('signing_invitations')
      .where('status', 'pending')
      .where('deadline_at', '<=', nowDb())
      .select('id')
    if (query.graduateId) q.where('graduate_id', query.graduateId)
    if (query.employerId) q.where('employer_id', query.employerId)
    for (const row of await q) await this.expireIfDue(Number(row.id))
  }

  async listForStudent(user: User) {
    const graduate = await graduateOf(user)
    await this.expireDue({ graduateId: graduate.id })
    const invitations = await SigningInvitation.query()
      .where('graduate_id', graduate.id)
      .preload('employer')
      .orderBy('id', 'desc')
    return { graduate, invitations, refusal: await this.acceptanceRefusal(graduate) }
  }

  async showForStudent(user: User, id: number) {
    const graduate = await graduateOf(user)
    const invitation = await this.#invitation(id, { graduate_id: graduate.id })
    return {
      graduate,
      invitation,
      refusal: invitation.status === 'pending' ? await this.acceptanceRefusal(graduate) : null,
    }
  }

  /** Student: 接受. Preconditions exactly as rule 12; binding, so a confirmation is required. */
  async accept(user: User, id: number, input: Record<string, unknown>) {
    const graduate = await graduateOf(user)
    const invitation = await this.#invitation(id, { graduate_id: graduate.id })
    this.#assertAnswerable(invitation)
    const refusal = await this.acceptanceRefusal(graduate)
    if (refusal) throw refused(refusal)

    const errors: Record<string, string> = {}
    const filled: Record<string, string | null> = {}
    // The province's mode today decides what the student fills (no 报到证 in 2023+ mode).
    const { mode, version } = await provinceProcedures(graduate.schoolId)
    if (mode === '2021') {
      if (!invitation.receivesArchive) {
        if (!CERTIFICATE_CATEGORIES.includes(str(input.certificate_category)))
          errors.certificate_category = 'procedures.refusals.certificate_category_required'
        if (!str(input.certificate_unit))
          errors.certificate_unit = 'procedures.refusals.certificate_unit_required'
        if (!str(input.archive_unit))
          errors.archive_unit = 'procedures.refusals.archive_unit_required'
        Object.assign(filled, {
          certificate_category: str(input.certificate_category),
          certificate_unit: str(input.certificate_unit),
          archive_unit: str(input.archive_unit),
        })
      }
      if (!invitation.receivesHukou) {
        if (!str(input.hukou_address))
          errors.hukou_address = 'procedures.refusals.hukou_address_required'
        filled.hukou_address = str(input.hukou_address)
      }
    } else {
      if (!invitation.receivesArchive) {
        if (!str(input.archive_unit))
          errors.archive_unit = 'procedures.refusals.archive_receiver_required'
        Object.assign(filled, {
          archive_unit: str(input.archive_unit),
          archive_address: str(input.archive_address) || null,
        })
      }
      if (!invitation.receivesHukou) {
        const migration = str(input.hukou_migration)
        if (!HUKOU_MIGRATIONS.includes(migration))
          errors.hukou_migration = 'procedures.refusals.hukou_migration_required'
        else if (migration !== HUKOU_NOT_MOVED && !str(input.hukou_address))
          errors.hukou_address = 'procedures.refusals.hukou_migration_address_required'
        Object.assign(filled, {
          hukou_migration: migration || null,
          hukou_address: migration === HUKOU_NOT_MOVED ? null : str(input.hukou_address),
        })
      }
    }
    if (Object.keys(errors).length) throw new FieldErrors(errors)
    // Not named "confirm": a control of that name shadows window.confirm inside the form (issue 10.3).
    if (!bool(input.binding_acknowledged))
      throw new FieldErrors({
        binding_acknowledged: 'procedures.refusals.binding_acknowledgement_required',
      })

    // 网上签约 is 10 签就业协议形式就业 in the province's code version.
    const contract = (await destinationByCode('10', version))!
    const employer = invitation.employer

    await db.transaction(async (trx) => {
      // The per-student guard: exactly one of two concurrent acceptances gets the row.
      await trx
        .knexQuery()
        .table('signing_states')
        .insert({
          graduate_id: graduate.id,
          signed_invitation_id: null,
          version: 0,
          updated_at: nowDb(),
        })
        .onConflict(['graduate_id'])
        .ignore()
      const won = await trx
        .from('signing_states')
        .where('graduate_id', graduate.id)
        .whereNull('signed_invitation_id')
        .update({
          signed_invitation_id: invitation.id,
          version: trx.knexRawQuery('version + 1'),
          updated_at: nowDb(),
        })
      if (!Number(won)) throw refused('procedures.refusals.already_signed_elsewhere')

      // Answer the invitation itself (still pending and not past its deadline at this moment).
      const answered = await SigningInvitation.accept(trx, invitation.id, {
        ...filled,
        procedures_mode: mode,
      })
      if (!answered) throw refused('procedures.refusals.invitation_lapsed')

      // Re-check the plan inside the transaction; a non-online plan that allows signing is superseded.
      const plan = await planService.activePlan(graduate.id, trx)
      if (plan?.signingType === 'online') throw refused('procedures.refusals.online_plan_exists')
      if (plan && !planAllowsSigning(plan, plan.destination ?? null))
        throw refused('procedures.refusals.approved_plan_blocks_signing')
      if (plan) {
        await planService.close(
          trx,
          plan,
          'supersede',
          user,
          text('procedures.signing.supersede_note', { id: String(invitation.id) })
        )
        await recordRegistrationChanges(
          trx,
          plan,
          user.id,
          'cancel',
          { status: plan.status },
          { status: 'cancelled' }
        )
      }
      const fresh = await SigningInvitation.findOrFail(invitation.id, { client: trx })
      const planId = await planService.createFromInvitation(
        trx,
        graduate,
        fresh,
        employer,
        contract
      )
      await audit.record(
        {
          actor: user,
          action: 'procedures.plan.create_online',
          subject: { type: 'employment_plan', id: planId },
          schoolId: graduate.schoolId,
          after: {
            status: 'draft',
            signingType: 'online',
            invitationId: invitation.id,
            employerName: employer.name,
          },
        },
        trx
      )
      await recordEnd(trx, invitation, 'accepted', {
        actor: user,
        after: filled,
        studentUserId: user.id,
        student: {
          title: text('procedures.signing.messages.accepted_student_title', {
            employer: employer.name,
          }),
          body: text('procedures.signing.messages.accepted_student_body'),
          link: router.makeUrl('procedures.report'),
        },
        employer: {
          title: text('procedures.signing.messages.accepted_employer_title', {
            student: graduate.name,
            job: invitation.jobTitle,
          }),
        },
      })
    })
  }

  /** Student: 拒绝. */
  async reject(user: User, id: number, reason: string | null) {
    const graduate = await graduateOf(user)
    const invitation = await this.#invitation(id, { graduate_id: graduate.id })
    this.#assertAnswerable(invitation)
    await db.transaction(async (trx) => {
      await invitationMachine.apply(trx, 'reject', invitation.id, {
        set: {
          pending_key: null,
          responded_at: nowDb(),
          reject_reason: reason?.trim().slice(0, 500) || null,
        },
      })
      await recordEnd(trx, invitation, 'rejected', {
        actor: user,
        note: reason,
        studentUserId: user.id,
        employer: {
          title: text('procedures.signing.messages.rejected_title', {
            student: graduate.name,
            job: invitation.jobTitle,
          }),
          body: reason || null,
        },
      })
    })
  }

  /** Employer: withdraw an unanswered invitation. */
  async withdraw(sender: User, id: number) {
    const invitation = await this.#invitation(id, { employer_id: sender.employerId! })
    if (invitation.status === 'expired')
      throw refused('procedures.refusals.invitation_expired_no_withdraw')
    await db.transaction(async (trx) => {
      await invitationMachine.apply(trx, 'withdraw', invitation.id, { set: { pending_key: null } })
      await recordEnd(trx, invitation, 'withdrawn', {
        actor: sender,
        studentUserId: invitation.studentUserId,
        student: {
          title: text('procedures.signing.messages.withdrawn_title', {
            employer: invitation.employer.name,
            job: invitation.jobTitle,
          }),
        },
      })
    })
  }

  /** One invitation of the student or of the employer (expired first when due), else 404. */
  async #invitation(id: number, owner: { graduate_id: number } | { employer_id: number }) {
    await this.expireIfDue(id)
    const invitation = await SigningInvitation.query()
      .where('id', id)
      .where(owner)
      .preload('employer')
      .first()
    if (!invitation) throw Refusal.notFound('procedures.refusals.invitation_not_found')
    return invitation
  }

  #assertAnswerable(invitation: SigningInvitation) {
    if (invitation.status === 'pending' && invitation.isPastDeadline)
      throw refused('procedures.refusals.invitation_past_deadline')
    const reasons: Record<string, string> = {
      accepted: 'procedures.refusals.invitation_already_accepted',
      rejected: 'procedures.refusals.invitation_already_rejected',
      withdrawn: 'procedures.refusals.invitation_withdrawn_by_employer',
      expired: 'procedures.refusals.invitation_past_deadline',
      terminated: 'procedures.refusals.invitation_terminated',
    }
    if (invitation.status !== 'pending')
      throw refused(reasons[invitation.status] ?? 'procedures.refusals.invitation_not_answerable')
  }

  deadlineFor(value: DateTime) {
    return toDb(value)
  }
}

interface Notice {
  title: string
  body?: string | null
  /** The invitation's page of that side unless said. */
  link?: string
}

const END_ACTIONS = {
  accepted: 'accept',
  rejected: 'reject',
  withdrawn: 'withdraw',
  expired: 'expire',
} as const

/**
 * An invitation leaves 待应答 (accepted, rejected, withdrawn, expired), inside its transaction:
 * the audit entry (`procedures.invitation.<action>`, by `actor` or the system), the 站内消息 to
 * the student and/or every staff account of the employer, once per outcome
 * (`sign-<outcome>-<id>`), and the student's deadline reminder cancelled.
 */
async function recordEnd(
  trx: TransactionClientContract,
  invitation: { id: number; employerId: number; schoolId: number },
  outcome: keyof typeof END_ACTIONS,
  options: {
    actor?: User
    note?: string | null
    /** Recorded beside the new state. */
    after?: Record<string, unknown>
    studentUserId: number
    student?: Notice
    employer?: Notice
  }
) {
  const { student, employer, studentUserId } = options
  await audit.record(
    {
      actor: options.actor,
      action: `procedures.invitation.${END_ACTIONS[outcome]}`,
      subject: { type: 'signing_invitation', id: invitation.id },
      schoolId: invitation.schoolId,
      before: { status: 'pending' },
      after: { status: outcome, ...options.after },
      note: options.note,
    },
    trx
  )
  const dedupeKey = `sign-${outcome}-${invitation.id}`
  await messages.sendMany(
    [
      ...(student
        ? [
            {
              userId: studentUserId,
              link: router.makeUrl('procedures.signing.show', { id: invitation.id }),
              ...student,
              category: 'signing',
              dedupeKey,
            },
          ]
        : []),
      ...(employer ? await employerUserIds(invitation.employerId, trx) : []).map((userId) => ({
        userId,
        link: router.makeUrl('procedures.employer.signing.show', { id: invitation.id }),
        ...employer!,
        category: 'signing',
        dedupeKey,
      })),
    ],
    trx
  )
  await messages.cancelSchedule(studentUserId, signingDeadlineKey(invitation.id), trx)
}

const signingService = new SigningService()
export default signingService
