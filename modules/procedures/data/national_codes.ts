/**
 * Code tables of the 就业方案 / national registration standard, keyed by their official Chinese
 * names (the value the forms store): data, not UI text. Which ones are checked against a source:
 * README "全国毕业去向登记上报".
 */

/** 单位性质代码 (就业方案 standard; from memory, not checked against a source: see README). */
export const NATURE_CODES: Record<string, string> = {
  机关: '10',
  事业单位: '29',
  国有企业: '31',
  三资企业: '32',
  民营企业: '39',
  部队: '40',
  其他: '99',
}

/** 单位行业: GB/T 4754-2017 门类 (letter). */
export const INDUSTRY_CODES: Record<string, string> = {
  '农、林、牧、渔业': 'A',
  '采矿业': 'B',
  '制造业': 'C',
  '电力、热力、燃气及水生产和供应业': 'D',
  '建筑业': 'E',
  '批发和零售业': 'F',
  '交通运输、仓储和邮政业': 'G',
  '住宿和餐饮业': 'H',
  '信息传输、软件和信息技术服务业': 'I',
  '金融业': 'J',
  '房地产业': 'K',
  '租赁和商务服务业': 'L',
  '科学研究和技术服务业': 'M',
  '水利、环境和公共设施管理业': 'N',
  '居民服务、修理和其他服务业': 'O',
  '教育': 'P',
  '卫生和社会工作': 'Q',
  '文化、体育和娱乐业': 'R',
  '公共管理、社会保障和社会组织': 'S',
  '国际组织': 'T',
}

/** 工作职位类别代码 (就业方案 standard; from memory, not checked against a source: see README). */
export const POSITION_CODES: Record<string, string> = {
  公务员: '10',
  科学研究人员: '11',
  工程技术人员: '13',
  农林牧渔业技术人员: '17',
  卫生专业技术人员: '19',
  经济业务人员: '21',
  金融业务人员: '22',
  法律专业人员: '23',
  教学人员: '24',
  文学艺术工作人员: '25',
  体育工作人员: '26',
  新闻出版和文化工作人员: '27',
  其他专业技术人员: '29',
  办事人员和有关人员: '30',
  商业和服务业人员: '40',
  生产和运输设备操作人员: '60',
  军人: '80',
  其他人员: '90',
}

/**
 * The column names a returned file from the national system may use (its Chinese headers or the
 * field names in pinyin initials), per value read from it.
 */
export const RETURN_FILE_HEADERS: Record<string, string[]> = {
  studentNumber: ['学号', 'xh'],
  name: ['姓名', 'xm'],
  archiveTransferNo: ['档案转递编号', '转递编号', 'dazdbh'],
  verificationNo: ['核验编号', 'hybh'],
}
