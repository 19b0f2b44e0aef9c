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

/**
 * A required field left empty (the one check that depends on what the student may edit; each
 * value's shape is checked by the form's validator, modules/procedures/validators/source.ts).
 */
export function missingRequired(field: SourceField, raw: unknown): string | null {
  const value = raw === null || raw === undefined ? '' : String(raw).trim()
  return !value && field.required ? `请填写${field.label}` : null
}
