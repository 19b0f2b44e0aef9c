import { BaseSeeder } from '@adonisjs/lucid/seeders'
import Employer from '#core/accounts/models/employer'
import School from '#core/tenancy/models/school'
import User from '#core/accounts/models/user'

/**
 * Admin demo data: a college-scoped teacher of 南京示范大学 (sees only 计算机学院) and two
 * employers waiting for province verification, so both admin areas have work to show.
 */
export default class extends BaseSeeder {
  static environment = ['development']

  async run() {
    const njsf = await School.findBy('code', 'njsf')
    if (njsf) {
      const loginKey = User.loginKeyFor('staff', 'njsf-cs', null)
      if (!(await User.findBy('login_key', loginKey))) {
        await User.create({
          kind: 'staff',
          loginKey,
          username: 'njsf-cs',
          password: 'School@2026',
          name: '计算机学院辅导员',
          schoolId: njsf.id,
          college: '计算机学院',
          isActive: true,
        })
      }
    }
    const pending = [
      {
        name: '江南智造科技有限公司',
        uscc: '91320500MA1P7Q8R95',
        contactName: '陈女士',
        contactPhone: '0512-66660000',
        city: '苏州市',
      },
      {
        name: '金陵数据服务有限公司',
        uscc: '91320100MA1K2L3M4J',
        contactName: '赵先生',
        contactPhone: '025-55550000',
        city: '南京市',
      },
    ]
    for (const e of pending) {
      const employer = await Employer.firstOrCreate(
        { uscc: e.uscc },
        { ...e, industry: '信息传输、软件和信息技术服务业', status: 'pending' }
      )
      const username = `hr@${e.uscc.toLowerCase()}.example`
      const loginKey = User.loginKeyFor('employer', username, null)
      if (!(await User.findBy('login_key', loginKey))) {
        await User.create({
          kind: 'employer',
          loginKey,
          username,
          password: 'Employer@2026',
          name: e.contactName,
          employerId: employer.id,
          isActive: true,
        })
      }
    }
  }
}
