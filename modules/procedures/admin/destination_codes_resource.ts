import { defineResource } from '#core/admin/resource'
import DestinationCode from '#modules/procedures/models/destination_code'
import { INFO_TYPES, formulaGroupLabel } from '#modules/procedures/services/destination_codes'

/** 毕业去向代码表 (province, read-only): every version of the Ministry's destination codes. */
export default defineResource({
  area: 'province',
  id: 'destination-codes',
  label: '毕业去向代码',
  singular: '毕业去向代码',
  subject: 'destination_code',
  model: DestinationCode,
  group: '就业手续',
  scope: 'none',
  columns: [
    { key: 'version', label: '版本', sortable: true },
    { key: 'code', label: '代码', sortable: true },
    { key: 'parentCode', label: '上级代码' },
    { key: 'name', label: '毕业去向分类', link: true },
    {
      key: 'formulaGroup',
      label: '统计口径',
      value: (r) => formulaGroupLabel(r.version, r.formulaGroup),
    },
    {
      key: 'verified',
      label: '核实',
      tag: { true: ['已核实', 'green'], false: ['待核实', 'orange'] },
      value: (r) => String(Boolean(r.verified)),
    },
    {
      key: 'infoType',
      label: '就业信息类型',
      value: (r) => INFO_TYPES.find((t) => t.value === r.infoType)?.label ?? r.infoType,
    },
    { key: 'countsAsEmployed', label: '计入落实', format: 'boolean' },
    { key: 'validFrom', label: '启用日期', format: 'date' },
    { key: 'validTo', label: '停用日期', format: 'date' },
  ],
  search: ['code', 'name'],
  filters: [
    {
      key: 'version',
      label: '版本',
      options: [
        { value: '2024', label: '2024' },
        { value: '2021', label: '2021' },
      ],
    },
  ],
  defaultSort: { column: 'sort', direction: 'asc' },
  detail: [
    { key: 'version', label: '版本' },
    { key: 'code', label: '代码' },
    { key: 'name', label: '毕业去向分类' },
    { key: 'parentCode', label: '上级代码' },
    { key: 'nameSince', label: '名称启用年份' },
    {
      key: 'formulaGroup',
      label: '统计口径',
      value: (r) => formulaGroupLabel(r.version, r.formulaGroup),
    },
    { key: 'evidence', label: '证明材料' },
    { key: 'verified', label: '已核实', format: 'boolean' },
    { key: 'selectable', label: '学生可选', format: 'boolean' },
    { key: 'formKind', label: '填报表单' },
    { key: 'validFrom', label: '启用日期', format: 'date' },
  ],
  emptyMessage: '代码表为空：运行 node ace db:seed 写入当前版本的毕业去向代码',
})
