import { DateTime } from 'luxon'
import School from '#core/tenancy/models/school'
import Site from '#core/tenancy/models/site'
import Graduate from '#core/registry/models/graduate'
import User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import Announcement from '#core/announcements/models/announcement'

/**
 * The demo world of DEMO.md (core part): the main site, two schools with subsites,
 * registry records and the four kinds of demo accounts. Used by `npm run demo` and by tests.
 */
export async function seedCore() {
  const main = await Site.firstOrCreate(
    { code: 'main' },
    { name: '江苏省高校毕业生就业服务平台', isMain: true, schoolId: null }
  )

  const njsf = await School.firstOrCreate(
    { code: 'njsf' },
    // 学校标识码 (xxdm of the 91job-compatible data): obviously demo codes, not real MoE codes.
    { name: '南京示范大学', moeCode: '19001' }
  )
  const szsf = await School.firstOrCreate(
    { code: 'szsf' },
    { name: '苏州示范学院', moeCode: '19002' }
  )
  const njsfSite = await Site.firstOrCreate(
    { code: 'njsf' },
    { name: '南京示范大学', schoolId: njsf.id, isMain: false }
  )
  const szsfSite = await Site.firstOrCreate(
    { code: 'szsf' },
    { name: '苏州示范学院', schoolId: szsf.id, isMain: false }
  )

  const zhangsan = await Graduate.firstOrCreate(
    { schoolId: njsf.id, studentNumber: '2026000001' },
    {
      name: '张三',
      gender: '男',
      idNumber: '32010220030101123X',
      college: '计算机学院',
      major: '软件工程',
      degreeLevel: '本科',
      graduationYear: 2026,
      phone: '13800000001',
      email: 'zhangsan@example.com',
      signable: true,
    }
  )
  const lisi = await Graduate.firstOrCreate(
    { schoolId: njsf.id, studentNumber: '2026000002' },
    {
      name: '李四',
      gender: '女',
      idNumber: '320102200305052346',
      college: '经济管理学院',
      major: '会计学',
      degreeLevel: '本科',
      graduationYear: 2026,
      phone: null,
      email: null,
      signable: false,
    }
  )
  const wangwu = await Graduate.firstOrCreate(
    { schoolId: szsf.id, studentNumber: '2026100001' },
    {
      name: '王五',
      gender: '男',
      idNumber: '320502200207073452',
      college: '机电工程学院',
      major: '机械设计制造及其自动化',
      degreeLevel: '本科',
      graduationYear: 2026,
      phone: '13800000003',
      email: 'wangwu@example.com',
      signable: false,
    }
  )
  // A few more registry records so school lists are not empty.
  const more = [
    ['2026000003', '赵六', '计算机学院', '计算机科学与技术'],
    ['2026000004', '钱七', '外国语学院', '英语'],
    ['2026000005', '孙八', '经济管理学院', '市场营销'],
  ]
  for (const [number, name, college, major] of more) {
    await Graduate.firstOrCreate(
      { schoolId: njsf.id, studentNumber: number },
      { name, college, major, degreeLevel: '本科', graduationYear: 2026, signable: false }
    )
  }

  const studentZhang = await upsertUser('student', '2026000001', njsf.id, {
    name: '张三',
    password: 'Student@2026',
    phone: '13800000001',
    graduateId: zhangsan.id,
  })
  const studentWang = await upsertUser('student', '2026100001', szsf.id, {
    name: '王五',
    password: 'Student@2026',
    phone: '13800000003',
    graduateId: wangwu.id,
  })

  const admin = await upsertUser('admin', 'admin', null, {
    name: '省就业管理员',
    password: 'Admin@2026',
  })
  const njsfStaff = await upsertUser('staff', 'njsf-admin', njsf.id, {
    name: '南京示范大学就业指导中心',
    password: 'School@2026',
  })
  const szsfStaff = await upsertUser('staff', 'szsf-admin', szsf.id, {
    name: '苏州示范学院就业指导中心',
    password: 'School@2026',
  })

  const company = await Employer.firstOrCreate(
    { uscc: '91320100MA1888880G' },
    {
      name: '示范科技有限公司',
      contactName: '刘经理',
      contactPhone: '025-88880000',
      contactEmail: 'hr@demo-tech.example',
      industry: '信息传输、软件和信息技术服务业',
      nature: '民营企业',
      scale: '500-999人',
      city: '南京市',
      address: '南京市鼓楼区示范路 1 号',
      intro: '示范科技有限公司专注于政务与教育软件研发，长期招聘软件、测试与产品方向的应届毕业生。',
      status: 'verified',
      verifiedAt: DateTime.now(),
    }
  )
  const employerUser = await upsertUser('employer', 'hr@demo-tech.example', null, {
    name: '刘经理',
    password: 'Employer@2026',
    email: 'hr@demo-tech.example',
    employerId: company.id,
  })

  const existing = await Announcement.query().first()
  if (!existing) {
    await Announcement.createMany([
      {
        siteId: main.id,
        title: '关于做好2026届高校毕业生就业工作的通知',
        body: '各高校：\n为做好2026届高校毕业生就业工作，请各校按时完成生源信息核对，并组织毕业生参加全省高校毕业生双选会。',
        publishedAt: DateTime.now().minus({ days: 2 }),
      },
      {
        siteId: njsfSite.id,
        title: '南京示范大学2026届毕业生春季双选会报名通知',
        body: '我校将于近期举办春季双选会，欢迎各用人单位报名参会，毕业生请在学生中心报名参加。',
        publishedAt: DateTime.now().minus({ days: 1 }),
      },
    ])
  }

  return {
    main,
    njsf,
    szsf,
    njsfSite,
    szsfSite,
    zhangsan,
    lisi,
    wangwu,
    studentZhang,
    studentWang,
    admin,
    njsfStaff,
    szsfStaff,
    company,
    employerUser,
  }
}

async function upsertUser(
  kind: User['kind'],
  username: string,
  schoolId: number | null,
  data: {
    name: string
    password: string
    phone?: string
    email?: string
    graduateId?: number
    employerId?: number
  }
) {
  // Staff log in without choosing a school, so their login names are unique province-wide.
  const loginKey = User.loginKeyFor(kind, username, kind === 'student' ? schoolId : null)
  const existing = await User.findBy('login_key', loginKey)
  if (existing) return existing
  return User.create({
    kind,
    loginKey,
    username,
    schoolId,
    name: data.name,
    password: data.password,
    phone: data.phone ?? null,
    email: data.email ?? null,
    graduateId: data.graduateId ?? null,
    employerId: data.employerId ?? null,
    isActive: true,
  })
}
