import { defineResource } from '#core/admin/resource'
import { text } from '#core/i18n/text'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import { REVIEW_STATE_LABELS } from '#modules/procedures/machines/review_labels'

/** Lang keys of this resource (resolved by the admin framework, or by text() in value functions). */
const K = 'procedures.plan.resource'

/** 就业方案 of the school's graduates (read-only list; reviews happen in 就业手续审核). */
export default defineResource({
  area: 'school',
  id: 'employment-plans',
  label: `${K}.label`,
  singular: `${K}.singular`,
  subject: 'employment_plan',
  model: EmploymentPlan,
  group: 'procedures.labels.module_name',
  scope: { school: 'school_id', college: 'college' },
  query: (q) => q.preload('graduate').preload('destination'),
  columns: [
    {
      key: 'student',
      label: `${K}.student`,
      value: (r) =>
        text('procedures.common.name_number', {
          name: r.graduate?.name ?? '',
          number: r.graduate?.studentNumber ?? '',
        }),
      link: true,
    },
    { key: 'college', label: `${K}.college`, sortable: true },
    { key: 'destination', label: `${K}.destination`, value: (r) => r.destination?.name ?? '—' },
    {
      key: 'employerName',
      label: `${K}.employer_or_school`,
      value: (r) => r.employerName ?? r.studySchool ?? '—',
    },
    {
      key: 'signingType',
      label: `${K}.signing_type`,
      tag: { online: [`${K}.signing_online`, 'blue'], offline: [`${K}.signing_offline`, 'gray'] },
    },
    {
      key: 'status',
      label: `${K}.status`,
      tag: {
        draft: [REVIEW_STATE_LABELS.draft, 'orange'],
        pending: [REVIEW_STATE_LABELS.pending, 'blue'],
        approved: [REVIEW_STATE_LABELS.approved, 'green'],
        returned: [REVIEW_STATE_LABELS.returned, 'red'],
        cancelled: [REVIEW_STATE_LABELS.cancelled, 'gray'],
      },
    },
    { key: 'updatedAt', label: `${K}.updated_at`, sortable: 'updated_at', format: 'datetime' },
  ],
  search: ['employer_name', 'study_school'],
  filters: [
    {
      key: 'status',
      label: `${K}.status`,
      options: Object.entries(REVIEW_STATE_LABELS).map(([value, label]) => ({ value, label })),
    },
    {
      key: 'signingType',
      label: `${K}.signing_type`,
      options: [
        { value: 'online', label: `${K}.signing_online` },
        { value: 'offline', label: `${K}.signing_offline` },
      ],
    },
  ],
  defaultSort: { column: 'updated_at', direction: 'desc' },
  detail: [
    {
      key: 'destination',
      label: `${K}.destination`,
      value: (r) => (r.destination ? `${r.destination.code} ${r.destination.name}` : '—'),
    },
    { key: 'employerName', label: `${K}.employer` },
    { key: 'jobTitle', label: `${K}.job` },
    { key: 'codeVersion', label: `${K}.code_version` },
    {
      key: 'proceduresMode',
      label: `${K}.procedures_mode`,
      value: (r) => text(r.proceduresMode === '2021' ? `${K}.mode_2021` : `${K}.mode_2023`),
    },
    { key: 'legacyDestinationCode', label: `${K}.legacy_code` },
    { key: 'employerUscc', label: `${K}.employer_uscc` },
    { key: 'positionCategory', label: `${K}.position_category` },
    { key: 'certificateCategory', label: `${K}.certificate_category` },
    { key: 'certificateUnit', label: `${K}.certificate_unit` },
    { key: 'archiveUnit', label: `${K}.archive_unit` },
    { key: 'archiveTransferNo', label: `${K}.archive_transfer_no` },
    { key: 'hukouMigration', label: `${K}.hukou_migration` },
    { key: 'hukouAddress', label: `${K}.hukou_address` },
    { key: 'studySchool', label: `${K}.study_school` },
    { key: 'reviewComment', label: `${K}.review_comment` },
  ],
  emptyMessage: `${K}.empty`,
})
