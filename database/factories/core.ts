import factory from '@adonisjs/lucid/factories'
import { DateTime } from 'luxon'
import School from '#core/tenancy/models/school'
import Site from '#core/tenancy/models/site'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import Announcement from '#core/announcements/models/announcement'
import { idNumberCheckCharacter, usccCheckCharacter } from '#core/validation/rules'

/**
 * Lucid factories of the core's test world: each test builds the records its rule needs
 * (a school with its subsite, a graduate in its registry, an account of each actor kind), instead
 * of leaning on the demo seed. Values are unique per call (sequence) and valid by the platform's
 * rules (身份证号 with its check digit, 统一社会信用代码 with its check character, 11-digit mobiles).
 */
let sequence = 0
export const next = () => ++sequence

export const PASSWORD = 'Factory@2026x'

/** A valid 身份证号 born in 2003 (region 320102, Nanjing). */
export function idNumber(n = next()) {
  const first17 = `32010220030101${String(n % 1000).padStart(3, '0')}`
  return first17 + idNumberCheckCharacter(first17)
}

/** A valid 统一社会信用代码 (GB 32100). */
export function uscc(n = next()) {
  const first17 = `91320100MA${String(n).padStart(7, '0')}`
  return first17 + usccCheckCharacter(first17)
}

export function mobile(n = next()) {
  return `139${String(n).padStart(8, '0')}`
}

export const SchoolFactory = factory
  .define(School, () => {
    const n = next()
    return { code: `sch${n}`, name: `测试大学${n}`, moeCode: String(18000 + n) }
  })
  .build()

/** The subsite of a school (its code is the school's); `isMain` state for the province site. */
export const SiteFactory = factory
  .define(Site, () => {
    const n = next()
    return { code: `site${n}`, name: `测试站点${n}`, isMain: false, schoolId: null }
  })
  .state('main', (site) => {
    site.code = 'main'
    site.name = '江苏省高校毕业生就业服务平台'
    site.isMain = true
  })
  .build()

export const GraduateFactory = factory
  .define(Graduate, () => {
    const n = next()
    return {
      studentNumber: `2026${String(n).padStart(6, '0')}`,
      name: `学生${n}`,
      gender: n % 2 ? '男' : '女',
      idNumber: idNumber(n),
      college: '计算机学院',
      major: '软件工程',
      degreeLevel: '本科',
      graduationYear: 2026,
      phone: mobile(n),
      email: `student${n}@example.com`,
      signable: false,
    }
  })
  .state('signable', (graduate) => {
    graduate.signable = true
  })
  .build()

export const EmployerFactory = factory
  .define(Employer, () => {
    const n = next()
    return {
      name: `测试科技有限公司${n}`,
      uscc: uscc(n),
      contactName: '王经理',
      contactPhone: mobile(n),
      contactEmail: `hr${n}@employer.example`,
      industry: '信息传输、软件和信息技术服务业',
      nature: '民营企业',
      scale: '100-499人',
      city: '南京市',
      address: '南京市鼓楼区测试路 1 号',
      status: 'pending' as Employer['status'],
    }
  })
  .state('verified', (employer) => {
    employer.status = 'verified'
    employer.verifiedAt = DateTime.now()
  })
  .build()

function account(kind: User['kind'], username: string, schoolId: number | null) {
  return {
    kind,
    username,
    loginKey: User.loginKeyFor(kind, username, kind === 'student' ? schoolId : null),
    schoolId,
    password: PASSWORD,
    isActive: true,
  }
}

export const UserFactory = factory
  .define(User, () => {
    const n = next()
    return { ...account('admin', `admin${n}`, null), name: `省级管理员${n}` }
  })
  .build()

export const AnnouncementFactory = factory
  .define(Announcement, () => {
    const n = next()
    return {
      title: `测试公告${n}`,
      body: `测试公告${n}的正文。`,
      publishedAt: DateTime.now().minus({ hours: n }),
    }
  })
  .build()

export { account }
