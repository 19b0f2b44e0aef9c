import db from '@adonisjs/lucid/services/db'
import auditLabels, { type AuditLabelSet } from '#core/audit/labels'
import {
  INVITATION_LABELS,
  REVIEW_LABELS,
  TERMINATION_LABELS,
  labelsOf,
} from '#modules/procedures/services/state_machines'
import { changeRequestMachine } from '#modules/procedures/machines/change_request'
import { textTable } from '#modules/procedures/services/texts'
import { SOURCE_FIELDS } from '#modules/procedures/services/source_fields'
import { RECOMMENDATION_FIELDS } from '#modules/procedures/services/recommendation_service'
import { FORMS, FORMS_2023 } from '#modules/procedures/services/plan_service'
import { REGISTRATION_HISTORY_FIELDS } from '#modules/procedures/services/registration'

/**
 * What 就业手续 writes to the audit log, in Chinese: its contribution to the core's label
 * registry (`#core/audit/labels`, through the manifest's `audit`). Status values come from the
 * module's state machine labels, field names from its form definitions, the rest from the lang
 * file (`procedures.audit.*`).
 */
const ACTIONS = {
  'procedures.source.save': 'procedures.audit.actions.source_save',
  'procedures.source.submit': 'procedures.audit.actions.source_submit',
  'procedures.source.approve': 'procedures.audit.actions.source_approve',
  'procedures.source.return': 'procedures.audit.actions.source_return',
  'procedures.source.change_request': 'procedures.audit.actions.source_change_request',
  'procedures.source.change_apply': 'procedures.audit.actions.source_change_apply',
  'procedures.change_request.approve': 'procedures.audit.actions.change_request_approve',
  'procedures.change_request.return': 'procedures.audit.actions.change_request_return',
  'procedures.recommendation.save': 'procedures.audit.actions.recommendation_save',
  'procedures.recommendation.submit': 'procedures.audit.actions.recommendation_submit',
  'procedures.recommendation.approve': 'procedures.audit.actions.recommendation_approve',
  'procedures.recommendation.return': 'procedures.audit.actions.recommendation_return',
  'procedures.plan.save': 'procedures.audit.actions.plan_save',
  'procedures.plan.submit': 'procedures.audit.actions.plan_submit',
  'procedures.plan.amend': 'procedures.audit.actions.plan_amend',
  'procedures.plan.approve': 'procedures.audit.actions.plan_approve',
  'procedures.plan.return': 'procedures.audit.actions.plan_return',
  'procedures.plan.create_online': 'procedures.audit.actions.plan_create_online',
  'procedures.plan.supersede': 'procedures.audit.actions.plan_supersede',
  'procedures.plan.cancel': 'procedures.audit.actions.plan_cancel',
  'procedures.invitation.send': 'procedures.audit.actions.invitation_send',
  'procedures.invitation.accept': 'procedures.audit.actions.invitation_accept',
  'procedures.invitation.reject': 'procedures.audit.actions.invitation_reject',
  'procedures.invitation.withdraw': 'procedures.audit.actions.invitation_withdraw',
  'procedures.invitation.expire': 'procedures.audit.actions.invitation_expire',
  'procedures.termination.file': 'procedures.audit.actions.termination_file',
  'procedures.termination.employerAgree': 'procedures.audit.actions.termination_employer_agree',
  'procedures.termination.employerDisagree':
    'procedures.audit.actions.termination_employer_disagree',
  'procedures.termination.studentAgree': 'procedures.audit.actions.termination_student_agree',
  'procedures.termination.studentDisagree': 'procedures.audit.actions.termination_student_disagree',
  'procedures.termination.schoolApprove': 'procedures.audit.actions.termination_school_approve',
  'procedures.termination.schoolReturn': 'procedures.audit.actions.termination_school_return',
  'procedures.termination.force': 'procedures.audit.actions.termination_force',
  'procedures.settings.update': 'procedures.audit.actions.settings_update',
  'procedures.national.export': 'procedures.audit.actions.national_export',
  'procedures.national.import': 'procedures.audit.actions.national_import',
}

const SUBJECTS = {
  recommendation_form: 'procedures.audit.subjects.recommendation_form',
  signing_invitation: 'procedures.audit.subjects.signing_invitation',
  termination: 'procedures.audit.subjects.termination',
  employment_plan: 'procedures.audit.subjects.employment_plan',
  change_request: 'procedures.audit.subjects.change_request',
  national_export: 'procedures.audit.subjects.national_export',
  national_import: 'procedures.audit.subjects.national_import',
}

/** Fields the module writes beside those of its forms. */
const FIELDS = {
  jobTitle: 'procedures.audit.fields.job_title',
  deadlineAt: 'procedures.audit.fields.deadline_at',
  salary: 'procedures.audit.fields.salary',
  workCity: 'procedures.audit.fields.work_city',
  planId: 'procedures.audit.fields.plan_id',
  invitationId: 'procedures.audit.fields.invitation_id',
  destinationCodeId: 'procedures.audit.fields.destination_code_id',
  signingType: 'procedures.audit.fields.signing_type',
  employerName: 'procedures.audit.fields.employer_name',
  reason: 'procedures.audit.fields.reason',
  initiatedBy: 'procedures.audit.fields.initiated_by',
  forced: 'procedures.audit.fields.forced',
  forcedBy: 'procedures.audit.fields.forced_by',
  schoolComment: 'procedures.audit.fields.school_comment',
  opinion: 'procedures.audit.fields.opinion',
  selfAssessment: 'procedures.audit.fields.self_assessment',
  rowCount: 'procedures.audit.fields.row_count',
  format: 'procedures.audit.fields.format',
}

function fieldLabels() {
  const out: Record<string, string> = {}
  for (const f of SOURCE_FIELDS) out[f.key] = f.label
  for (const f of RECOMMENDATION_FIELDS) out[f.key] = f.label
  for (const form of [...Object.values(FORMS), ...Object.values(FORMS_2023)])
    for (const f of form) out[f.key] ??= f.label
  for (const [k, v] of Object.entries(REGISTRATION_HISTORY_FIELDS)) out[k] ??= v
  return { ...out, ...textTable(FIELDS) }
}

/** The student's name beside the record's number (never an ID number or phone). */
function namesVia(table: string) {
  return async (ids: string[]) => {
    const rows = await db
      .from(table)
      .join('graduates', 'graduates.id', `${table}.graduate_id`)
      .whereIn(
        `${table}.id`,
        ids.filter((id) => /^\d+$/.test(id))
      )
      .select(`${table}.id as id`, 'graduates.name as name')
    return new Map(rows.map((r: any) => [String(r.id), String(r.name)]))
  }
}

const reviewSubjects = ['graduate', 'recommendation_form', 'employment_plan', 'change_request']

// Read by the core registry after the lang files are loaded: every text is resolved then.
export default {
  get actions() {
    return textTable(ACTIONS)
  },
  get subjects() {
    return textTable(SUBJECTS)
  },
  get fields() {
    return fieldLabels()
  },
  get values() {
    return {
      ...Object.fromEntries(reviewSubjects.map((s) => [s, { status: { ...REVIEW_LABELS } }])),
      'change_request': { status: { ...REVIEW_LABELS, ...labelsOf(changeRequestMachine) } },
      'signing_invitation': { status: { ...INVITATION_LABELS } },
      'termination': {
        status: { ...TERMINATION_LABELS },
        initiatedBy: textTable({
          student: 'procedures.audit.values.initiated_by.student',
          employer: 'procedures.audit.values.initiated_by.employer',
        }),
      },
      '*': {
        signingType: textTable({
          online: 'procedures.audit.values.signing_type.online',
          offline: 'procedures.audit.values.signing_type.offline',
        }),
      },
    }
  },
  booleans: ['forced', 'receivesArchive', 'receivesHukou'],
  titles: {
    signing_invitation: namesVia('signing_invitations'),
    termination: namesVia('terminations'),
    employment_plan: namesVia('employment_plans'),
    recommendation_form: namesVia('recommendation_forms'),
    change_request: namesVia('source_change_requests'),
  },
} satisfies AuditLabelSet

/** Chinese name of an audit action (any module's: the core registry holds them all). */
export function actionLabel(action: string) {
  return auditLabels.action(action)
}
