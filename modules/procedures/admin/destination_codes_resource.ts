import { defineResource } from '#core/admin/resource'
import DestinationCode from '#modules/procedures/models/destination_code'
import { INFO_TYPES, formulaGroupLabel } from '#modules/procedures/services/destination_codes'

/** The lang key of a text of this resource (the admin framework resolves keys when it renders). */
const k = (key: string) => `procedures.destination_codes.admin.${key}`

/** 毕业去向代码表 (province, read-only): every version of the Ministry's destination codes. */
export default defineResource({
  area: 'province',
  id: 'destination-codes',
  label: 'procedures.destination_codes.admin.label',
  singular: 'procedures.destination_codes.admin.singular',
  subject: 'destination_code',
  model: DestinationCode,
  group: 'procedures.destination_codes.admin.group',
  scope: 'none',
  columns: [
    { key: 'version', label: k('version'), sortable: true },
    { key: 'code', label: k('code'), sortable: true },
    { key: 'parentCode', label: k('parent_code') },
    { key: 'name', label: k('name'), link: true },
    {
      key: 'formulaGroup',
      label: k('formula_group'),
      value: (r) => formulaGroupLabel(r.version, r.formulaGroup),
    },
    {
      key: 'verified',
      label: k('verified'),
      tag: { true: [k('verified_yes'), 'green'], false: [k('verified_no'), 'orange'] },
      value: (r) => String(Boolean(r.verified)),
    },
    {
      key: 'infoType',
      label: k('info_type'),
      value: (r) => INFO_TYPES.find((t) => t.value === r.infoType)?.label ?? r.infoType,
    },
    { key: 'countsAsEmployed', label: k('counts_as_employed'), format: 'boolean' },
    { key: 'validFrom', label: k('valid_from'), format: 'date' },
    { key: 'validTo', label: k('valid_to'), format: 'date' },
  ],
  search: ['code', 'name'],
  filters: [
    {
      key: 'version',
      label: k('version'),
      options: [
        { value: '2024', label: '2024' },
        { value: '2021', label: '2021' },
      ],
    },
  ],
  defaultSort: { column: 'sort', direction: 'asc' },
  detail: [
    { key: 'version', label: k('version') },
    { key: 'code', label: k('code') },
    { key: 'name', label: k('name') },
    { key: 'parentCode', label: k('parent_code') },
    { key: 'nameSince', label: k('name_since') },
    {
      key: 'formulaGroup',
      label: k('formula_group'),
      value: (r) => formulaGroupLabel(r.version, r.formulaGroup),
    },
    { key: 'evidence', label: k('evidence') },
    { key: 'verified', label: k('verified_long'), format: 'boolean' },
    { key: 'selectable', label: k('selectable'), format: 'boolean' },
    { key: 'formKind', label: k('form_kind') },
    { key: 'validFrom', label: k('valid_from'), format: 'date' },
  ],
  emptyMessage: 'procedures.destination_codes.admin.empty',
})
