/**
 * Option lists of the company profile: national standard lists (GB/T 4754 门类 for 行业),
 * the same values the job-seeking dictionaries use, so students' 期望行业/单位性质/单位规模 match.
 */
export const INDUSTRIES = [
  '农、林、牧、渔业',
  '采矿业',
  '制造业',
  '电力、热力、燃气及水生产和供应业',
  '建筑业',
  '批发和零售业',
  '交通运输、仓储和邮政业',
  '住宿和餐饮业',
  '信息传输、软件和信息技术服务业',
  '金融业',
  '房地产业',
  '租赁和商务服务业',
  '科学研究和技术服务业',
  '水利、环境和公共设施管理业',
  '居民服务、修理和其他服务业',
  '教育',
  '卫生和社会工作',
  '文化、体育和娱乐业',
  '公共管理、社会保障和社会组织',
  '国际组织',
]

export const NATURES = [
  '机关',
  '事业单位',
  '国有企业',
  '民营企业',
  '三资企业',
  '部队',
  '社会组织',
  '其他企业',
]

export const SCALES = [
  '50人以下',
  '50-99人',
  '100-499人',
  '500-999人',
  '1000-9999人',
  '10000人以上',
]

export const options = (values: string[]) => values.map((value) => ({ value, label: value }))
