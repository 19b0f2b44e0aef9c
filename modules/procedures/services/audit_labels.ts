import db from '@adonisjs/lucid/services/db'
import auditLabels, { type AuditLabelSet } from '#core/audit/labels'
import {
  INVITATION_LABELS,
  REVIEW_LABELS,
  TERMINATION_LABELS,
} from '#modules/procedures/services/state_machines'
import { SOURCE_FIELDS } from '#modules/procedures/services/source_fields'
import { RECOMMENDATION_FIELDS } from '#modules/procedures/services/recommendation_service'
import { FORMS, FORMS_2023 } from '#modules/procedures/services/plan_service'
import { REGISTRATION_HISTORY_FIELDS } from '#modules/procedures/services/registration'

/**
 * What 就业手续 writes to the audit log, in Chinese: its contribution to the core's label
 * registry (`#core/audit/labels`, through the manifest's `audit`). Status values come from the
 * module's state machine labels, field names from its form definitions.
 */
const ACTIONS: Record<string, string> = {
  'procedures.source.save': '学生修改生源信息',
  'procedures.source.submit': '学生提交生源信息',
  'procedures.source.approve': '生源信息审核通过',
  'procedures.source.return': '生源信息审核退回',
  'procedures.source.change_request': '学生申请修改生源信息',
  'procedures.source.change_apply': '变更申请通过，更新正式生源信息',
  'procedures.change_request.approve': '变更申请审核通过',
  'procedures.change_request.return': '变更申请退回',
  'procedures.recommendation.save': '学生保存推荐表',
  'procedures.recommendation.submit': '学生提交推荐表',
  'procedures.recommendation.approve': '推荐表审核通过',
  'procedures.recommendation.return': '推荐表审核退回',
  'procedures.plan.save': '学生保存就业信息',
  'procedures.plan.submit': '学生提交就业信息',
  'procedures.plan.amend': '学生修改已确认的就业信息',
  'procedures.plan.approve': '就业信息审核通过',
  'procedures.plan.return': '就业信息审核退回',
  'procedures.plan.create_online': '网上签约生成就业方案',
  'procedures.plan.supersede': '网上签约替代原就业方案',
  'procedures.plan.cancel': '解约取消就业方案',
  'procedures.invitation.send': '发送签约邀请',
  'procedures.invitation.accept': '学生接受签约邀请',
  'procedures.invitation.reject': '学生拒绝签约邀请',
  'procedures.invitation.withdraw': '单位撤回签约邀请',
  'procedures.invitation.expire': '签约邀请过期',
  'procedures.termination.file': '提交解约申请',
  'procedures.termination.employerAgree': '单位同意解约',
  'procedures.termination.employerDisagree': '单位不同意解约',
  'procedures.termination.studentAgree': '学生同意解约',
  'procedures.termination.studentDisagree': '学生不同意解约',
  'procedures.termination.schoolApprove': '学校审核通过解约',
  'procedures.termination.schoolReturn': '学校退回解约申请',
  'procedures.termination.force': '学校强制解约',
  'procedures.settings.update': '修改就业手续设置',
  'procedures.national.export': '导出全国毕业去向登记（含完整身份证号）',
  'procedures.national.import': '导入全国系统回传文件（转递编号/核验编号）',
}

const SUBJECTS: Record<string, string> = {
  recommendation_form: '就业推荐表',
  signing_invitation: '签约邀请',
  termination: '解约申请',
  employment_plan: '就业方案',
  change_request: '生源信息变更申请',
  national_export: '全国毕业去向登记导出',
  national_import: '全国系统回传文件',
}

function fieldLabels() {
  const out: Record<string, string> = {}
  for (const f of SOURCE_FIELDS) out[f.key] = f.label
  for (const f of RECOMMENDATION_FIELDS) out[f.key] = f.label
  for (const form of [...Object.values(FORMS), ...Object.values(FORMS_2023)])
    for (const f of form) out[f.key] ??= f.label
  for (const [k, v] of Object.entries(REGISTRATION_HISTORY_FIELDS)) out[k] ??= v
  return {
    ...out,
    jobTitle: '工作职位',
    deadlineAt: '签约截止时间',
    salary: '薪酬',
    workCity: '工作城市',
    planId: '就业方案',
    invitationId: '签约邀请',
    destinationCodeId: '毕业去向',
    signingType: '签约方式',
    employerName: '就业单位',
    reason: '解约原因',
    initiatedBy: '发起方',
    forced: '强制解约',
    forcedBy: '强制解约人',
    schoolComment: '学院意见',
    opinion: '学校推荐意见',
    selfAssessment: '自我评价',
    rowCount: '行数',
    format: '文件格式',
  }
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

export default {
  actions: ACTIONS,
  subjects: SUBJECTS,
  fields: fieldLabels(),
  values: {
    ...Object.fromEntries(reviewSubjects.map((s) => [s, { status: REVIEW_LABELS }])),
    'change_request': { status: { ...REVIEW_LABELS, approved: '已通过', returned: '已退回' } },
    'signing_invitation': { status: INVITATION_LABELS },
    'termination': {
      status: TERMINATION_LABELS,
      initiatedBy: { student: '学生', employer: '单位' },
    },
    '*': { signingType: { online: '网上签约', offline: '线下签约' } },
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
