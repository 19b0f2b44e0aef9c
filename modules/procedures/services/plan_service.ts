import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import type User from '#core/accounts/models/user'
import type Graduate from '#core/registry/models/graduate'
import audit from '#core/audit/audit_service'
import { nowDb } from '#core/database/time'
import { text } from '#core/i18n/text'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import DestinationCode, { type FormKind } from '#modules/procedures/models/destination_code'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { FieldErrors } from '#core/http/refusal'
import { assertReturnReason, refused } from '#modules/procedures/services/errors'
import {
  selectableCodes,
  isCodeVersion,
  DEFAULT_VERSION,
} from '#modules/procedures/services/destination_codes'
import { provinceProcedures, type ProceduresMode } from '#modules/procedures/services/settings'
import {
  CERTIFICATE_CATEGORIES,
  POSITION_CATEGORIES,
  HUKOU_MIGRATIONS,
  HUKOU_NOT_MOVED,
  REGISTRATION_HISTORY_FIELDS,
  assertAmendable,
  amendmentDeadline,
  recordRegistrationChanges,
} from '#modules/procedures/services/registration'
import { graduateOf, notifyStudent } from '#modules/procedures/services/people'
import { labelled } from '#modules/procedures/services/texts'
import { EMPLOYER_NATURES } from '#modules/procedures/data/options'
import { planMachine } from '#modules/procedures/machines/plan'
import { auditDecision, reviewColumns } from '#modules/procedures/services/review'

/**
 * A report form field. Defined here with lang keys as `label` / `help` (`procedures.plan.fields.…`);
 * the exported forms read them as texts when used (`labelled`). The options are stored values.
 */
export interface PlanField {
  key: string
  column: string
  label: string
  required?: boolean
  options?: string[]
  max?: number
  help?: string
  /** 统一社会信用代码 (the core's rule, as at 单位注册). */
  uscc?: boolean
}

const F = {
  employerName: {
    key: 'employerName',
    column: 'employer_name',
    label: 'procedures.plan.fields.employer_name',
    required: true,
  },
  employerUscc: {
    key: 'employerUscc',
    column: 'employer_uscc',
    label: 'procedures.plan.fields.employer_uscc',
    max: 18,
    // The same check as 单位注册: a code the registration refuses is refused here too.
    uscc: true,
  },
  employerNature: {
    key: 'employerNature',
    column: 'employer_nature',
    label: 'procedures.plan.fields.employer_nature',
    options: EMPLOYER_NATURES,
  },
  employerIndustry: {
    key: 'employerIndustry',
    column: 'employer_industry',
    label: 'procedures.plan.fields.employer_industry',
  },
  employerCity: {
    key: 'employerCity',
    column: 'employer_city',
    label: 'procedures.plan.fields.employer_city',
    required: true,
  },
  employerAddress: {
    key: 'employerAddress',
    column: 'employer_address',
    label: 'procedures.plan.fields.employer_address',
  },
  employerContact: {
    key: 'employerContact',
    column: 'employer_contact',
    label: 'procedures.plan.fields.employer_contact',
  },
  employerPhone: {
    key: 'employerPhone',
    column: 'employer_phone',
    label: 'procedures.plan.fields.employer_phone',
    max: 20,
  },
  jobTitle: { key: 'jobTitle', column: 'job_title', label: 'procedures.plan.fields.job_title' },
  certificateCategory: {
    key: 'certificateCategory',
    column: 'certificate_category',
    label: 'procedures.plan.fields.certificate_category',
    options: CERTIFICATE_CATEGORIES,
  },
  certificateUnit: {
    key: 'certificateUnit',
    column: 'certificate_unit',
    label: 'procedures.plan.fields.certificate_unit',
  },
  archiveUnit: {
    key: 'archiveUnit',
    column: 'archive_unit',
    label: 'procedures.plan.fields.archive_unit',
  },
  archiveAddress: {
    key: 'archiveAddress',
    column: 'archive_address',
    label: 'procedures.plan.fields.archive_address',
  },
  hukouAddress: {
    key: 'hukouAddress',
    column: 'hukou_address',
    label: 'procedures.plan.fields.hukou_address',
  },
  studySchool: {
    key: 'studySchool',
    column: 'study_school',
    label: 'procedures.plan.fields.study_school',
    required: true,
  },
  studyMajor: {
    key: 'studyMajor',
    column: 'study_major',
    label: 'procedures.plan.fields.study_major',
  },
  studyCountry: {
    key: 'studyCountry',
    column: 'study_country',
    label: 'procedures.plan.fields.study_country',
    required: true,
  },
  remark: { key: 'remark', column: 'remark', label: 'procedures.plan.fields.remark', max: 500 },
  positionCategory: {
    key: 'positionCategory',
    column: 'position_category',
    label: 'procedures.plan.fields.position_category',
    options: POSITION_CATEGORIES,
  },
  archiveTransferNo: {
    key: 'archiveTransferNo',
    column: 'archive_transfer_no',
    label: 'procedures.plan.fields.archive_transfer_no',
    max: 50,
  },
  hukouMigration: {
    key: 'hukouMigration',
    column: 'hukou_migration',
    label: 'procedures.plan.fields.hukou_migration',
    options: HUKOU_MIGRATIONS,
  },
} satisfies Record<string, PlanField>

/** Every field a report form may carry (the validator's schema). */
export const PLAN_FIELDS: PlanField[] = Object.values(F).map(labelled)

const EMPLOYMENT = [
  F.employerName,
  F.employerUscc,
  F.employerNature,
  F.employerIndustry,
  F.employerCity,
  F.employerAddress,
  F.employerContact,
  F.employerPhone,
  F.jobTitle,
  F.certificateCategory,
  F.certificateUnit,
  F.archiveUnit,
  F.archiveAddress,
  F.hukouAddress,
  F.remark,
]

/** The form of each 毕业去向分类 (employer details for employment, school for further study …). */
const FORMS_KEYED: Record<FormKind, PlanField[]> = {
  contract: EMPLOYMENT,
  labour: EMPLOYMENT,
  employment: EMPLOYMENT,
  research: [
    { ...F.employerName, label: 'procedures.plan.fields.research_employer' },
    F.employerCity,
    F.jobTitle,
    F.employerContact,
    F.employerPhone,
    F.archiveUnit,
    F.remark,
  ],
  military: [
    { ...F.employerName, label: 'procedures.plan.fields.military_employer' },
    F.employerCity,
    F.archiveUnit,
    F.remark,
  ],
  grassroots: [
    { ...F.employerName, label: 'procedures.plan.fields.grassroots_employer' },
    { ...F.jobTitle, label: 'procedures.plan.fields.grassroots_project', required: true },
    F.employerCity,
    F.archiveUnit,
    F.hukouAddress,
    F.remark,
  ],
  startup: [
    { ...F.employerName, label: 'procedures.plan.fields.startup_employer' },
    F.employerUscc,
    F.employerCity,
    F.employerAddress,
    F.remark,
  ],
  freelance: [
    { ...F.jobTitle, label: 'procedures.plan.fields.freelance_content', required: true },
    F.employerCity,
    F.remark,
  ],
  study: [F.studySchool, F.studyMajor, F.archiveUnit, F.hukouAddress, F.remark],
  abroad: [
    { ...F.studySchool, label: 'procedures.plan.fields.abroad_school' },
    F.studyCountry,
    F.studyMajor,
    F.remark,
  ],
  none: [F.archiveUnit, F.hukouAddress, F.remark],
}

/** 档案转递 and 户口迁移 of 毕业去向登记 (2023+): receiving office, address, 转递编号 once known. */
const ARCHIVE_2023 = [
  { ...F.archiveUnit, label: 'procedures.plan.fields.archive_unit_2023' },
  { ...F.archiveAddress, label: 'procedures.plan.fields.archive_address_2023' },
  { ...F.archiveTransferNo, help: 'procedures.plan.fields.archive_transfer_no_help' },
]
const HUKOU_2023 = [
  { ...F.hukouMigration, required: true },
  { ...F.hukouAddress, label: 'procedures.plan.fields.hukou_address_2023' },
]
const UNIT_2023 = [
  { ...F.employerName, label: 'procedures.plan.fields.employer_name_2023' },
  { ...F.employerUscc, required: true },
  F.employerCity,
  { ...F.employerNature, required: true },
  { ...F.employerIndustry, required: true },
  { ...F.positionCategory, required: true },
  F.jobTitle,
  F.employerAddress,
  F.employerContact,
  F.employerPhone,
]
const EMPLOYMENT_2023 = [...UNIT_2023, ...ARCHIVE_2023, ...HUKOU_2023, F.remark]

/** 毕业去向登记 (2023+ mode): what the registration needs instead of the 报到证 fields. */
const FORMS_2023_KEYED: Record<FormKind, PlanField[]> = {
  contract: EMPLOYMENT_2023,
  labour: EMPLOYMENT_2023,
  employment: EMPLOYMENT_2023,
  research: [
    { ...F.employerName, label: 'procedures.plan.fields.research_employer' },
    F.employerUscc,
    F.employerCity,
    { ...F.positionCategory, required: true },
    F.jobTitle,
    F.employerContact,
    F.employerPhone,
    ...ARCHIVE_2023,
    ...HUKOU_2023,
    F.remark,
  ],
  military: [
    { ...F.employerName, label: 'procedures.plan.fields.military_employer' },
    F.employerCity,
    ...ARCHIVE_2023,
    ...HUKOU_2023,
    F.remark,
  ],
  grassroots: [
    { ...F.employerName, label: 'procedures.plan.fields.grassroots_employer' },
    { ...F.jobTitle, label: 'procedures.plan.fields.grassroots_project', required: true },
    F.employerCity,
    ...ARCHIVE_2023,
    ...HUKOU_2023,
    F.remark,
  ],
  startup: [
    { ...F.employerName, label: 'procedures.plan.fields.startup_employer' },
    F.employerUscc,
    F.employerCity,
    F.employerIndustry,
    F.employerAddress,
    ...ARCHIVE_2023,
    ...HUKOU_2023,
    F.remark,
  ],
  freelance: [
    { ...F.jobTitle, label: 'procedures.plan.fields.freelance_content', required: true },
    F.employerCity,
    ...ARCHIVE_2023,
    ...HUKOU_2023,
    F.remark,
  ],
  study: [F.studySchool, F.studyMajor, ...ARCHIVE_2023, ...HUKOU_2023, F.remark],
  abroad: [
    { ...F.studySchool, label: 'procedures.plan.fields.abroad_school' },
    F.studyCountry,
    F.studyMajor,
    F.remark,
  ],
  none: [...ARCHIVE_2023, ...HUKOU_2023, F.remark],
}

/** The forms with their labels as texts (read when shown). */
function labelledForms(forms: Record<FormKind, PlanField[]>) {
  return Object.fromEntries(
    Object.entries(forms).map(([kind, fields]) => [kind, fields.map(labelled)])
  ) as Record<FormKind, PlanField[]>
}

export const FORMS = labelledForms(FORMS_KEYED)
export const FORMS_2023 = labelledForms(FORMS_2023_KEYED)

/** The form of a category in a procedures mode. */
export function formFor(mode: string | null | undefined, kind: FormKind): PlanField[] {
  return mode === '2021' ? FORMS[kind] : FORMS_2023[kind]
}

/** Fields of an online-signed plan that come from the signed agreement and cannot change here. */
export function lockedFieldsOf(
  plan: EmploymentPlan | null,
  invitation: SigningInvitation | null
): Set<string> {
  if (!plan || plan.signingType !== 'online') return new Set()
  const locked = new Set(['destination', 'employerName', 'employerUscc', 'jobTitle'])
  if (invitation?.receivesArchive)
    ['certificateCategory', 'certificateUnit', 'archiveUnit', 'archiveAddress'].forEach((k) =>
      locked.add(k)
    )
  if (invitation?.receivesHukou) ['hukouAddress', 'hukouMigration'].forEach((k) => locked.add(k))
  if (plan.proceduresMode !== '2021' && invitation?.positionCategory) locked.add('positionCategory')
  return locked
}

/** The history snapshot of a plan (allow-listed fields only, see REGISTRATION_HISTORY_FIELDS). */
export function registrationSnapshot(
  plan: Record<string, any> | null,
  code: string | null
): Record<string, string | null> {
  const snap: Record<string, string | null> = {}
  for (const key of Object.keys(REGISTRATION_HISTORY_FIELDS)) {
    if (key === 'destinationCode') snap[key] = code
    else snap[key] = plan?.[key] === null || plan?.[key] === undefined ? null : String(plan[key])
  }
  return snap
}

/** A non-online plan still allows signing until it is approved, or when it says "not employed yet". */
export function planAllowsSigning(plan: EmploymentPlan, code: DestinationCode | null) {
  if (plan.signingType === 'online') return false
  if (plan.status !== 'approved') return true
  return code?.infoType === 'unemployed'
}

/** 就业方案 and 就业信息上报 (PRODUCT.md rule 13). */
export class PlanService {
  activePlan(graduateId: number, trx?: TransactionClientContract) {
    return EmploymentPlan.query({ client: trx })
      .where('graduate_id', graduateId)
      .whereNot('status', 'cancelled')
      .preload('destination')
      .first()
  }

  /**
   * Which rules a plan follows now: an approved plan keeps the mode it was made under (a
   * historic 2021 report stays one); any other follows the province. The code version is
   * the plan's own once it exists, otherwise the province's.
   */
  /** The mode the student's report form is validated under (the same as save() applies). */
  async reportMode(user: User) {
    const graduate = await graduateOf(user)
    return (await this.rulesFor(graduate, await this.activePlan(graduate.id))).mode
  }

  async rulesFor(graduate: Graduate, plan: EmploymentPlan | null) {
    const province = await provinceProcedures(graduate.schoolId)
    const mode: ProceduresMode =
      plan && plan.status === 'approved'
        ? plan.proceduresMode === '2021'
          ? '2021'
          : '2023'
        : province.mode
    const version =
      plan && isCodeVersion(plan.codeVersion)
        ? plan.codeVersion
        : (province.version ?? DEFAULT_VERSION)
    return { mode, version }
  }

  async view(user: User) {
    const graduate = await graduateOf(user)
    const plan = await this.activePlan(graduate.id)
    const invitation = plan?.invitationId ? await SigningInvitation.find(plan.invitationId) : null
    const { mode, version } = await this.rulesFor(graduate, plan)
    const codes = await selectableCodes(version)
    const confirmed = mode === '2023' && Boolean(plan?.registrationConfirmedAt)
    const deadline = amendmentDeadline(graduate, plan?.createdAt.year ?? new Date().getFullYear())
    const amendable = confirmed && plan?.status === 'approved' && deadline > DateTime.now()
    return {
      graduate,
      plan,
      invitation,
      codes,
      mode,
      version,
      confirmed,
      deadline,
      locked: lockedFieldsOf(plan, invitation),
      editable: !plan || planMachine.can('save', plan.status) || amendable,
      history: plan ? await this.historyOf(plan.id) : [],
    }
  }

  /** The change history of one registration, newest first. */
  historyOf(planId: number) {
    return db
      .from('destination_registration_changes as c')
      .leftJoin('users as u', 'u.id', 'c.actor_id')
      .where('c.plan_id', planId)
      .orderBy('c.id', 'desc')
      .select('c.*', 'u.name as actor_name')
  }

  /**
   * Student: save or submit the report for a destination category. In 2023+ mode submitting
   * is 登记确认 (with the authorisation to verify); a confirmed registration may change until
   * 31 August of the graduation year (an approved one goes back to the school), and every
   * change is written to the registration history.
   */
  async save(user: User, codeValue: string, input: Record<string, unknown>, submit: boolean) {
    const graduate = await graduateOf(user)
    const existing = await this.activePlan(graduate.id)
    const { mode, version } = await this.rulesFor(graduate, existing)
    const codes = await selectableCodes(version)
    const invitation = existing?.invitationId
      ? await SigningInvitation.find(existing.invitationId)
      : null
    const locked = lockedFieldsOf(existing, invitation)
    const confirmed =
      mode === '2023' &&
      Boolean(existing?.registrationConfirmedAt) &&
      existing?.status !== 'returned'
    if (existing && confirmed) {
      assertAmendable(graduate, existing.createdAt.year)
      if (!submit) throw refused('procedures.refusals.registration_confirmed_amend')
    }
    const code = locked.has('destination')
      ? existing!.destination
      : codes.find((c) => c.code === codeValue)
    if (!code) throw new FieldErrors({ destination: 'procedures.refusals.destination_required' })
    const errors: Record<string, string> = {}
    const values: Record<string, string | null> = {}
    for (const field of formFor(mode, code.formKind)) {
      if (locked.has(field.key)) continue
      const value =
        input[field.key] === undefined || input[field.key] === null
          ? ''
          : String(input[field.key]).trim()
      // Shape, length and options were checked by reportValidator; required depends on the lock.
      if (!value && field.required && submit)
        errors[field.key] = text('procedures.refusals.field_required', { field: field.label })
      else values[field.column] = value || null
    }
    if (
      mode === '2023' &&
      submit &&
      !locked.has('hukouAddress') &&
      values.hukou_migration &&
      values.hukou_migration !== HUKOU_NOT_MOVED &&
      !values.hukou_address
    )
      errors.hukouAddress = 'procedures.refusals.hukou_migration_address_required'
    // 授权核验 (2023+ submit) is required by reportValidator under the mode from reportMode().
    if (Object.keys(errors).length) throw new FieldErrors(errors)

    return db.transaction(async (trx) => {
      let plan = await this.activePlan(graduate.id, trx)
      const amend = mode === '2023' && plan?.status === 'approved' && confirmed
      if (plan && !amend && !planMachine.can('save', plan.status))
        throw refused('procedures.refusals.approved_plan_not_editable')
      const common: Record<string, unknown> = {
        destination_code_id: code.id,
        info_type: code.infoType,
        procedures_mode: mode,
        ...values,
      }
      const before = plan?.serialize() ?? null
      const beforeCode = plan ? (plan.destination?.code ?? null) : null
      const wasConfirmed = Boolean(plan?.registrationConfirmedAt) || plan?.status === 'pending'
      if (!plan) {
        const id = await insertPlan(trx, graduate, {
          signing_type: 'offline',
          code_version: version,
          ...common,
        })
        plan = await EmploymentPlan.findOrFail(id, { client: trx })
      }
      const confirmation: Record<string, unknown> = {}
      if (mode === '2023' && submit) {
        confirmation.verification_authorized = true
        if (!plan.registrationConfirmedAt) confirmation.registration_confirmed_at = nowDb()
      }
      await planMachine.apply(trx, amend ? 'amend' : submit ? 'submit' : 'save', plan.id, {
        set: {
          ...common,
          ...confirmation,
          ...(submit ? { submitted_at: nowDb() } : {}),
        },
      })
      const after = await EmploymentPlan.findOrFail(plan.id, { client: trx })
      if (submit) {
        await recordRegistrationChanges(
          trx,
          after,
          user.id,
          wasConfirmed ? 'amend' : 'confirm',
          wasConfirmed
            ? registrationSnapshot(before, beforeCode)
            : registrationSnapshot(null, null),
          registrationSnapshot(after.serialize(), code.code)
        )
      }
      await audit.record(
        {
          actor: user,
          action: amend
            ? 'procedures.plan.amend'
            : submit
              ? 'procedures.plan.submit'
              : 'procedures.plan.save',
          subject: { type: 'employment_plan', id: plan.id },
          schoolId: graduate.schoolId,
          before: before ? pick(before) : null,
          after: pick(after.serialize()),
        },
        trx
      )
      return after
    })
  }

  /** School: approve or return a submitted report. */
  async review(
    staff: User,
    planId: number,
    decision: 'approve' | 'return',
    comment: string | null
  ) {
    assertReturnReason(decision, comment)
    const plan = await db.transaction(async (trx) => {
      const row = await EmploymentPlan.findOrFail(planId, { client: trx })
      const to = await planMachine.apply(trx, decision, row.id, {
        set: reviewColumns(staff, comment),
      })
      await recordRegistrationChanges(
        trx,
        row,
        staff.id,
        decision,
        { status: row.status },
        { status: to }
      )
      await auditDecision(trx, staff, {
        action: `procedures.plan.${decision}`,
        subject: { type: 'employment_plan', id: row.id },
        schoolId: row.schoolId,
        from: row.status,
        to,
        comment,
      })
      return row
    })
    await notifyStudent(
      { graduateId: plan.graduateId },
      {
        route: 'procedures.report',
        title:
          decision === 'approve'
            ? 'procedures.plan.messages.approved'
            : 'procedures.plan.messages.returned',
        body: comment,
      }
    )
  }

  /**
   * Ends a plan inside the caller's transaction: `supersede` (an accepted online signing replaces
   * it) or `cancel` (解约 completed). It is no longer the graduate's active plan.
   */
  async close(
    trx: TransactionClientContract,
    plan: EmploymentPlan,
    event: 'supersede' | 'cancel',
    actor: User,
    note: string
  ) {
    await planMachine.apply(trx, event, plan.id, {
      set: { active_key: null, cancelled_at: nowDb() },
    })
    await audit.record(
      {
        actor,
        action: `procedures.plan.${event}`,
        subject: { type: 'employment_plan', id: plan.id },
        schoolId: plan.schoolId,
        before: { status: plan.status },
        after: { status: 'cancelled' },
        note,
      },
      trx
    )
  }

  /** Creates the online-signed plan of an accepted invitation (inside the acceptance transaction). */
  async createFromInvitation(
    trx: TransactionClientContract,
    graduate: Graduate,
    invitation: SigningInvitation,
    employer: {
      name: string
      uscc: string
      nature: string | null
      industry: string | null
      city: string | null
      address: string | null
    },
    contract: DestinationCode
  ) {
    return insertPlan(trx, graduate, {
      signing_type: 'online',
      invitation_id: invitation.id,
      employer_id: invitation.employerId,
      destination_code_id: contract.id,
      info_type: contract.infoType,
      employer_name: employer.name,
      employer_uscc: employer.uscc,
      employer_nature: employer.nature,
      employer_industry: employer.industry,
      employer_city: invitation.workCity || employer.city,
      employer_address: employer.address,
      employer_contact: invitation.contactName,
      employer_phone: invitation.contactPhone,
      job_title: invitation.jobTitle,
      certificate_category: invitation.certificateCategory,
      certificate_unit: invitation.certificateUnit,
      archive_unit: invitation.archiveUnit,
      archive_address: invitation.archiveAddress,
      hukou_address: invitation.hukouAddress,
      hukou_migration: invitation.hukouMigration,
      position_category: invitation.positionCategory,
      procedures_mode: invitation.proceduresMode === '2021' ? '2021' : '2023',
      code_version: contract.version,
    })
  }
}

/** Inserts a new plan of a graduate (the active one, in the machine's initial state); its id. */
async function insertPlan(
  trx: TransactionClientContract,
  graduate: Graduate,
  values: Record<string, unknown>
) {
  const [row] = await trx
    .knexQuery()
    .table('employment_plans')
    .insert({
      graduate_id: graduate.id,
      school_id: graduate.schoolId,
      college: graduate.college,
      ...planMachine.initial(),
      active_key: graduate.id,
      created_at: nowDb(),
      updated_at: nowDb(),
      ...values,
    })
    .returning('id')
  return Number(typeof row === 'object' ? row.id : row)
}

function pick(values: Record<string, any>) {
  const keys = [
    'status',
    'destinationCodeId',
    'employerName',
    'employerCity',
    'jobTitle',
    'certificateCategory',
    'certificateUnit',
    'archiveUnit',
    'archiveTransferNo',
    'hukouMigration',
    'hukouAddress',
    'studySchool',
    'studyCountry',
    'remark',
  ]
  return Object.fromEntries(keys.map((k) => [k, values[k] ?? null]))
}

const planService = new PlanService()
export default planService
