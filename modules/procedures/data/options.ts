/**
 * The option lists of the procedures forms as data: each option is the value stored in the record
 * itself (生源信息, 就业方案, 签约邀请, 解约申请) and sent as it is to the national system and the
 * exports — the official Chinese names of the 毕业生就业 dictionaries, not UI text. They stay here
 * rather than in the lang file; the field labels and messages around them come from the lang file.
 */

/** 生源信息 (source_fields.ts): the registry's dictionaries. */
export const SOURCE_OPTIONS = {
  gender: ['男', '女'],
  politicalStatus: ['中共党员', '中共预备党员', '共青团员', '民主党派', '群众'],
  degreeLevel: ['专科', '本科', '硕士研究生', '博士研究生'],
  schoolingLength: ['2', '3', '4', '5', '8'],
  trainingMode: ['非定向', '定向', '委培'],
  hukouType: ['城镇', '农村'],
  familyDifficulty: [
    '非困难生',
    '家庭困难',
    '残疾',
    '家庭困难和残疾',
    '低保家庭',
    '零就业家庭',
    '脱贫家庭',
  ],
}

/** 单位性质 of a reported plan (就业信息上报). */
export const EMPLOYER_NATURES = [
  '机关',
  '事业单位',
  '国有企业',
  '民营企业',
  '三资企业',
  '部队',
  '其他',
]

/** 报到证签发类别 (2021 mode only): the one list for signing, reporting and their checks. */
export const CERTIFICATE_CATEGORIES = ['签往单位', '签往单位所在地人才中心', '签回生源地', '不签发']

/** 工作职位类别 (the categories of the employment-information codes). */
export const POSITION_CATEGORIES = [
  '公务员',
  '科学研究人员',
  '工程技术人员',
  '农林牧渔业技术人员',
  '卫生专业技术人员',
  '经济业务人员',
  '金融业务人员',
  '法律专业人员',
  '教学人员',
  '文学艺术工作人员',
  '体育工作人员',
  '新闻出版和文化工作人员',
  '其他专业技术人员',
  '办事人员和有关人员',
  '商业和服务业人员',
  '生产和运输设备操作人员',
  '军人',
  '其他人员',
]

/** 户口迁移 (2023+ mode); the first means the employer receives the hukou. */
export const HUKOU_MIGRATIONS = [
  '迁往就业单位',
  '迁往单位所在地人才服务机构',
  '迁回生源地',
  '不迁移',
]
export const HUKOU_NOT_MOVED = '不迁移'

/** 解约原因 */
export const TERMINATION_REASONS = [
  '单位原因',
  '个人原因',
  '升学',
  '考取公务员/事业单位',
  '应征入伍',
  '其他',
]

/** 健康状况 of the 就业推荐表. */
export const HEALTH_OPTIONS = ['健康', '良好', '一般', '较差'] as const
