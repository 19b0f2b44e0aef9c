import { defineResource } from '#core/admin/resource'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import { REVIEW_LABELS } from '#modules/procedures/services/state_machines'

/** 就业方案 of the school's graduates (read-only list; reviews happen in 就业手续审核). */
export default defineResource({
  area: 'school',
  id: 'employment-plans',
  label: '就业方案',
  singular: '就业方案',
  subject: 'employment_plan',
  model: EmploymentPlan,
  group: '就业手续',
  scope: { school: 'school_id', college: 'college' },
  query: (q) => q.preload('graduate').preload('destination'),
  columns: [
    {
      key: 'student',
      label: '学生',
      value: (r) => `${r.graduate?.name ?? ''}（${r.graduate?.studentNumber ?? ''}）`,
      link: true,
    },
    { key: 'college', label: '学院', sortable: true },
    { key: 'destination', label: '毕业去向', value: (r) => r.destination?.name ?? '—' },
    {
      key: 'employerName',
      label: '单位/院校',
      value: (r) => r.employerName ?? r.studySchool ?? '—',
    },
    {
      key: 'signingType',
      label: '签约类型',
      tag: { online: ['网上签约', 'blue'], offline: ['非网签', 'gray'] },
    },
    {
      key: 'status',
      label: '状态',
      tag: {
        draft: [REVIEW_LABELS.draft, 'orange'],
        pending: [REVIEW_LABELS.pending, 'blue'],
        approved: [REVIEW_LABELS.approved, 'green'],
        returned: [REVIEW_LABELS.returned, 'red'],
        cancelled: [REVIEW_LABELS.cancelled, 'gray'],
      },
    },
    { key: 'updatedAt', label: '更新时间', sortable: 'updated_at', format: 'datetime' },
  ],
  search: ['employer_name', 'study_school'],
  filters: [
    {
      key: 'status',
      label: '状态',
      options: Object.entries(REVIEW_LABELS).map(([value, label]) => ({ value, label })),
    },
    {
      key: 'signingType',
      label: '签约类型',
      options: [
        { value: 'online', label: '网上签约' },
        { value: 'offline', label: '非网签' },
      ],
    },
  ],
  defaultSort: { column: 'updated_at', direction: 'desc' },
  detail: [
    {
      key: 'destination',
      label: '毕业去向',
      value: (r) => (r.destination ? `${r.destination.code} ${r.destination.name}` : '—'),
    },
    { key: 'employerName', label: '用人单位' },
    { key: 'jobTitle', label: '职位' },
    { key: 'codeVersion', label: '代码版本' },
    {
      key: 'proceduresMode',
      label: '手续模式',
      value: (r) => (r.proceduresMode === '2021' ? '2021（报到证）' : '2023+（去向登记）'),
    },
    { key: 'legacyDestinationCode', label: '原代码' },
    { key: 'employerUscc', label: '统一社会信用代码' },
    { key: 'positionCategory', label: '工作职位类别' },
    { key: 'certificateCategory', label: '报到证签发类别（2021）' },
    { key: 'certificateUnit', label: '报到证签往单位（2021）' },
    { key: 'archiveUnit', label: '档案转递单位' },
    { key: 'archiveTransferNo', label: '档案转递编号' },
    { key: 'hukouMigration', label: '户口迁移' },
    { key: 'hukouAddress', label: '户口接收地址' },
    { key: 'studySchool', label: '升学院校' },
    { key: 'reviewComment', label: '审核意见' },
  ],
  emptyMessage: '暂无就业方案。学生网上签约或上报就业信息后会出现在这里',
})
