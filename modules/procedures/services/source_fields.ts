/**
 * The fields of the registry record (生源信息, PRODUCT.md rule 10). `on` says where the
 * official value lives: the core `graduates` row or this module's `source_records` row.
 * `editable` is the default of the school setting "student may edit before approval".
 */
export interface SourceField {
  key: string
  label: string
  on: 'graduate' | 'record'
  column: string
  type: 'text' | 'select' | 'date' | 'email' | 'mobile' | 'id_number'
  options?: string[]
  editable: boolean
  required?: boolean
}

export const SOURCE_FIELDS: SourceField[] = [
  {
    key: 'name',
    label: '姓名',
    on: 'graduate',
    column: 'name',
    type: 'text',
    editable: false,
    required: true,
  },
  {
    key: 'gender',
    label: '性别',
    on: 'graduate',
    column: 'gender',
    type: 'select',
    options: ['男', '女'],
    editable: false,
    required: true,
  },
  {
    key: 'idNumber',
    label: '身份证号',
    on: 'graduate',
    column: 'id_number',
    type: 'id_number',
    editable: false,
    required: true,
  },
  {
    key: 'ethnicity',
    label: '民族',
    on: 'record',
    column: 'ethnicity',
    type: 'text',
    editable: true,
    required: true,
  },
  {
    key: 'politicalStatus',
    label: '政治面貌',
    on: 'record',
    column: 'political_status',
    type: 'select',
    editable: true,
    required: true,
    options: ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'],
  },
  {
    key: 'college',
    label: '学院',
    on: 'graduate',
    column: 'college',
    type: 'text',
    editable: false,
  },
  { key: 'major', label: '专业', on: 'graduate', column: 'major', type: 'text', editable: false },
  {
    key: 'degreeLevel',
    label: '学历层次',
    on: 'graduate',
    column: 'degree_level',
    type: 'select',
    options: ['专科', '本科', '硕士研究生', '博士研究生'],
    editable: false,
  },
  {
    key: 'schoolingLength',
    label: '学制',
    on: 'record',
    column: 'schooling_length',
    type: 'select',
    options: ['2', '3', '4', '5', '8'],
    editable: false,
  },
  {
    key: 'trainingMode',
    label: '培养方式',
    on: 'record',
    column: 'training_mode',
    type: 'select',
    options: ['非定向', '定向', '委培'],
    editable: false,
  },
  {
    key: 'graduationDate',
    label: '毕业日期',
    on: 'record',
    column: 'graduation_date',
    type: 'date',
    editable: false,
  },
  {
    key: 'originPlace',
    label: '生源地',
    on: 'record',
    column: 'origin_place',
    type: 'text',
    editable: true,
    required: true,
  },
  {
    key: 'phone',
    label: '手机号码',
    on: 'graduate',
    column: 'phone',
    type: 'mobile',
    editable: true,
    required: true,
  },
  {
    key: 'email',
    label: '电子邮箱',
    on: 'graduate',
    column: 'email',
    type: 'email',
    editable: true,
  },
  {
    key: 'hukouPlace',
    label: '户口所在地',
    on: 'record',
    column: 'hukou_place',
    type: 'text',
    editable: true,
  },
  {
    key: 'hukouType',
    label: '户口性质',
    on: 'record',
    column: 'hukou_type',
    type: 'select',
    options: ['城镇', '农村'],
    editable: true,
  },
  {
    key: 'homeAddress',
    label: '家庭地址',
    on: 'record',
    column: 'home_address',
    type: 'text',
    editable: true,
  },
  {
    key: 'familyDifficulty',
    label: '困难生类别',
    on: 'record',
    column: 'family_difficulty',
    type: 'select',
    editable: false,
    options: [
      '非困难生',
      '家庭困难',
      '残疾',
      '家庭困难和残疾',
      '低保家庭',
      '零就业家庭',
      '脱贫家庭',
    ],
  },
]

export const FIELD_BY_KEY = new Map(SOURCE_FIELDS.map((f) => [f.key, f]))

/** The setting key that makes a field editable by students before approval. */
export function editableSettingKey(fieldKey: string) {
  return `editable_${fieldKey}`
}

/** 18-digit resident ID number with the GB 11643 check digit. */
export function isValidIdNumber(value: string) {
  if (!/^\d{17}[\dX]$/.test(value)) return false
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
  const checks = '10X98765432'
  const sum = weights.reduce((acc, w, i) => acc + w * Number(value[i]), 0)
  return checks[sum % 11] === value[17]
}

/** Validates one field value; returns a Chinese message or null. */
export function checkFieldValue(field: SourceField, raw: unknown): string | null {
  const value = raw === null || raw === undefined ? '' : String(raw).trim()
  if (!value) return field.required ? `请填写${field.label}` : null
  if (value.length > 100) return `${field.label}不能超过 100 个字符`
  switch (field.type) {
    case 'select':
      return field.options!.includes(value) ? null : `请选择有效的${field.label}`
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(value) ? null : `${field.label}格式应为 2026-06-30`
    case 'email':
      return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value) ? null : '请输入正确的电子邮箱'
    case 'mobile':
      return /^1\d{10}$/.test(value) ? null : '请输入正确的 11 位手机号码'
    case 'id_number':
      return isValidIdNumber(value) ? null : '身份证号码不正确（18 位，末位校验码）'
    default:
      return null
  }
}
