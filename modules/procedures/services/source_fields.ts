import { text } from '#core/i18n/text'
import { SOURCE_OPTIONS } from '#modules/procedures/data/options'
import { labelled } from '#modules/procedures/services/texts'

/**
 * The fields of the registry record (生源信息, PRODUCT.md rule 10). `on` says where the
 * official value lives: the core `graduates` row or this module's `source_records` row.
 * `editable` is the default of the school setting "student may edit before approval".
 * `label` is the text of `procedures.source_fields.<key>` (read when used); the options are the
 * stored values (data/options.ts).
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

export const SOURCE_FIELDS: SourceField[] = (
  [
    {
      key: 'name',
      label: 'procedures.source_fields.name',
      on: 'graduate',
      column: 'name',
      type: 'text',
      editable: false,
      required: true,
    },
    {
      key: 'gender',
      label: 'procedures.source_fields.gender',
      on: 'graduate',
      column: 'gender',
      type: 'select',
      options: SOURCE_OPTIONS.gender,
      editable: false,
      required: true,
    },
    {
      key: 'idNumber',
      label: 'procedures.source_fields.id_number',
      on: 'graduate',
      column: 'id_number',
      type: 'id_number',
      editable: false,
      required: true,
    },
    {
      key: 'ethnicity',
      label: 'procedures.source_fields.ethnicity',
      on: 'record',
      column: 'ethnicity',
      type: 'text',
      editable: true,
      required: true,
    },
    {
      key: 'politicalStatus',
      label: 'procedures.source_fields.political_status',
      on: 'record',
      column: 'political_status',
      type: 'select',
      editable: true,
      required: true,
      options: SOURCE_OPTIONS.politicalStatus,
    },
    {
      key: 'college',
      label: 'procedures.source_fields.college',
      on: 'graduate',
      column: 'college',
      type: 'text',
      editable: false,
    },
    {
      key: 'major',
      label: 'procedures.source_fields.major',
      on: 'graduate',
      column: 'major',
      type: 'text',
      editable: false,
    },
    {
      key: 'degreeLevel',
      label: 'procedures.source_fields.degree_level',
      on: 'graduate',
      column: 'degree_level',
      type: 'select',
      options: SOURCE_OPTIONS.degreeLevel,
      editable: false,
    },
    {
      key: 'schoolingLength',
      label: 'procedures.source_fields.schooling_length',
      on: 'record',
      column: 'schooling_length',
      type: 'select',
      options: SOURCE_OPTIONS.schoolingLength,
      editable: false,
    },
    {
      key: 'trainingMode',
      label: 'procedures.source_fields.training_mode',
      on: 'record',
      column: 'training_mode',
      type: 'select',
      options: SOURCE_OPTIONS.trainingMode,
      editable: false,
    },
    {
      key: 'graduationDate',
      label: 'procedures.source_fields.graduation_date',
      on: 'record',
      column: 'graduation_date',
      type: 'date',
      editable: false,
    },
    {
      key: 'originPlace',
      label: 'procedures.source_fields.origin_place',
      on: 'record',
      column: 'origin_place',
      type: 'text',
      editable: true,
      required: true,
    },
    {
      key: 'phone',
      label: 'procedures.source_fields.phone',
      on: 'graduate',
      column: 'phone',
      type: 'mobile',
      editable: true,
      required: true,
    },
    {
      key: 'email',
      label: 'procedures.source_fields.email',
      on: 'graduate',
      column: 'email',
      type: 'email',
      editable: true,
    },
    {
      key: 'hukouPlace',
      label: 'procedures.source_fields.hukou_place',
      on: 'record',
      column: 'hukou_place',
      type: 'text',
      editable: true,
    },
    {
      key: 'hukouType',
      label: 'procedures.source_fields.hukou_type',
      on: 'record',
      column: 'hukou_type',
      type: 'select',
      options: SOURCE_OPTIONS.hukouType,
      editable: true,
    },
    {
      key: 'homeAddress',
      label: 'procedures.source_fields.home_address',
      on: 'record',
      column: 'home_address',
      type: 'text',
      editable: true,
    },
    {
      key: 'familyDifficulty',
      label: 'procedures.source_fields.family_difficulty',
      on: 'record',
      column: 'family_difficulty',
      type: 'select',
      editable: false,
      options: SOURCE_OPTIONS.familyDifficulty,
    },
  ] satisfies SourceField[]
).map(labelled)

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
  return !value && field.required
    ? text('procedures.refusals.field_required', { field: field.label })
    : null
}
