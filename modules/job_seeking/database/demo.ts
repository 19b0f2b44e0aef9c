import { DateTime } from 'luxon'
import Employer from '#core/accounts/models/employer'
import type User from '#core/accounts/models/user'
import Job from '#modules/job_seeking/models/job'
import JobApplication from '#modules/job_seeking/models/job_application'
import Resume from '#modules/job_seeking/models/resume'
import ResumeSection from '#modules/job_seeking/models/resume_section'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import resumes from '#modules/job_seeking/services/resumes'

const EMPLOYERS = [
  {
    uscc: '91320100MA1JS00011',
    name: '金陵财务咨询有限公司',
    industry: '租赁和商务服务业',
    nature: '民营企业',
    scale: '100-499人',
    city: '南京市',
    intro: '为中小企业提供会计、税务与审计咨询服务。',
  },
  {
    uscc: '91320500MA1JS00022',
    name: '苏州精工智造股份有限公司',
    industry: '制造业',
    nature: '国有企业',
    scale: '1000-9999人',
    city: '苏州市',
    intro: '高端装备与智能制造产线研发生产企业。',
  },
  {
    uscc: '91310000MA1JS00033',
    name: '上海云帆数据科技有限公司',
    industry: '信息传输、软件和信息技术服务业',
    nature: '三资企业',
    scale: '500-999人',
    city: '上海市',
    intro: '大数据与人工智能平台服务商。',
  },
  {
    uscc: '91330100MA1JS00044',
    name: '杭州启明教育科技有限公司',
    industry: '教育',
    nature: '民营企业',
    scale: '100-499人',
    city: '杭州市',
    intro: '专注 K12 与职业教育的在线教育公司。',
  },
  {
    uscc: '12320000MA1JS00055',
    name: '江苏省示范医院',
    industry: '卫生和社会工作',
    nature: '事业单位',
    scale: '1000-9999人',
    city: '南京市',
    intro: '省属三级甲等综合医院。',
  },
  {
    uscc: '91440300MA1JS00066',
    name: '深圳前海金融服务有限公司',
    industry: '金融业',
    nature: '国有企业',
    scale: '500-999人',
    city: '深圳市',
    intro: '综合性金融服务机构。',
  },
]

type Spec = [string, string, string, number, number, string?]
/** [title, category, city, salary min, salary max, education] per employer (index into EMPLOYERS, -1 = 示范科技). */
const JOBS: [number, Spec[]][] = [
  [
    -1,
    [
      ['软件开发工程师', '软件开发', '南京市', 9000, 15000, '本科'],
      ['前端开发工程师', '软件开发', '南京市', 8000, 13000, '本科'],
      ['软件测试工程师', '测试运维', '南京市', 7000, 11000, '本科'],
      ['产品经理助理', '产品设计', '南京市', 7000, 10000, '本科'],
      ['运维工程师', '测试运维', '苏州市', 7000, 12000, '大专'],
      ['Java 开发实习生', '软件开发', '南京市', 3000, 4500, '本科'],
    ],
  ],
  [
    0,
    [
      ['会计助理', '财务会计', '南京市', 5000, 7000, '本科'],
      ['税务专员', '财务会计', '南京市', 6000, 9000, '本科'],
      ['审计助理', '财务会计', '无锡市', 5500, 8000, '本科'],
      ['出纳', '财务会计', '南京市', 4500, 6000, '大专'],
      ['人事行政专员', '人力行政', '南京市', 5000, 7000, '本科'],
    ],
  ],
  [
    1,
    [
      ['机械设计工程师', '机械制造', '苏州市', 8000, 12000, '本科'],
      ['电气工程师', '电子电气', '苏州市', 8000, 13000, '本科'],
      ['工艺工程师', '机械制造', '常州市', 7000, 10000, '本科'],
      ['质量工程师', '机械制造', '苏州市', 6500, 9500, '本科'],
      ['采购专员', '物流采购', '苏州市', 5500, 8000, '大专'],
    ],
  ],
  [
    2,
    [
      ['数据分析师', '数据分析', '上海市', 12000, 18000, '硕士研究生'],
      ['算法工程师', '人工智能', '上海市', 18000, 30000, '硕士研究生'],
      ['大数据开发工程师', '软件开发', '上海市', 13000, 20000, '本科'],
      ['数据标注实习生', '数据分析', '南京市', 3000, 4000, '不限'],
      ['销售工程师', '销售', '杭州市', 8000, 15000, '本科'],
    ],
  ],
  [
    3,
    [
      ['小学数学教师', '教育培训', '杭州市', 7000, 10000, '本科'],
      ['课程设计师', '教育培训', '杭州市', 8000, 12000, '本科'],
      ['英语教研员', '翻译', '南京市', 7000, 11000, '硕士研究生'],
      ['市场推广专员', '市场营销', '合肥市', 5000, 8000, '本科'],
    ],
  ],
  [
    4,
    [
      ['临床医师', '医疗健康', '南京市', 10000, 16000, '硕士研究生'],
      ['护士', '医疗健康', '南京市', 7000, 10000, '大专'],
      ['医学检验技师', '医疗健康', '南京市', 7000, 10000, '本科'],
    ],
  ],
  [
    5,
    [
      ['客户经理', '金融投资', '深圳市', 10000, 18000, '本科'],
      ['风险管理专员', '金融投资', '深圳市', 12000, 18000, '硕士研究生'],
      ['柜员', '金融投资', '广州市', 6000, 8000, '本科'],
      ['法务专员', '法律', '深圳市', 10000, 15000, '硕士研究生'],
    ],
  ],
]

/**
 * Demo data of the job-seeking module (DEMO.md): 30+ open jobs from several verified employers
 * across cities and industries (软件开发工程师 by 示范科技有限公司), 张三 with two resumes, a few
 * applications. Idempotent.
 */
export async function seedJobSeekingDemo(world: {
  company: Employer
  studentZhang: User
  studentWang: User
}) {
  await dictionaries.ensureSeeded()
  const employers: Employer[] = []
  for (const e of EMPLOYERS) {
    employers.push(
      await Employer.firstOrCreate(
        { uscc: e.uscc },
        {
          ...e,
          contactName: '招聘负责人',
          contactPhone: '025-66660000',
          contactEmail: `hr${e.uscc.slice(-2)}@example.com`,
          address: `${e.city}示范大道 ${e.uscc.slice(-2)} 号`,
          status: 'verified',
          verifiedAt: DateTime.now(),
        }
      )
    )
  }
  const jobs: Job[] = []
  let offset = 0
  for (const [index, specs] of JOBS) {
    const employer = index === -1 ? world.company : employers[index]
    for (const [title, category, city, min, max, education] of specs) {
      offset++
      const existing = await Job.query()
        .where('employer_id', employer.id)
        .where('title', title)
        .first()
      if (existing) {
        jobs.push(existing)
        continue
      }
      jobs.push(
        await Job.create({
          employerId: employer.id,
          title,
          category,
          nature: title.includes('实习') ? '实习' : '全职',
          province: (await dictionaries.provinceOf(city)) ?? '',
          city,
          industry: employer.industry,
          salaryMin: min,
          salaryMax: max,
          education: education ?? null,
          headcount: 1 + (offset % 5),
          requirements: `1. ${education ?? '本科'}及以上学历，相关专业优先；\n2. 责任心强，善于沟通与团队协作；\n3. 2026 届毕业生优先。`,
          description: `负责${title}相关工作，参与团队日常项目，公司提供完善的培训体系与晋升通道。`,
          contactName: employer.contactName,
          contactPhone: employer.contactPhone,
          contactEmail: employer.contactEmail,
          deadline: DateTime.now()
            .plus({ days: 30 + offset })
            .endOf('day'),
          status: 'open',
          publishedAt: DateTime.now().minus({ hours: offset * 3 }),
        })
      )
    }
  }

  // 张三: two resumes (a general one and one for software jobs).
  let zhangResumes = await Resume.query().where('user_id', world.studentZhang.id).orderBy('id')
  if (zhangResumes.length === 0) {
    const general = await resumes.create(world.studentZhang, '通用简历')
    await ResumeSection.create({
      resumeId: general.id,
      kind: 'self',
      title: '自我评价',
      content: '学习能力强，踏实肯干，善于沟通。',
      position: 1,
    })
    const dev = await resumes.create(world.studentZhang, '软件开发方向')
    dev.intention = {
      position: '软件开发工程师',
      cities: '南京市、苏州市',
      salary: '8千-1.2万/月',
      nature: '全职',
    }
    await dev.save()
    await ResumeSection.createMany([
      {
        resumeId: dev.id,
        kind: 'project',
        title: '项目经历',
        content: '校园二手交易平台（Node.js + PostgreSQL），负责后端接口与数据库设计。',
        position: 1,
      },
      {
        resumeId: dev.id,
        kind: 'certificates',
        title: '技能证书',
        content: '全国计算机等级考试二级；大学英语六级。',
        position: 2,
      },
    ])
    zhangResumes = await Resume.query().where('user_id', world.studentZhang.id).orderBy('id')
  }
  let wangResume = await Resume.query().where('user_id', world.studentWang.id).first()
  if (!wangResume) wangResume = await resumes.create(world.studentWang, '我的简历')

  // A few applications (not to 软件开发工程师, which the walkthrough applies to).
  const byTitle = (t: string) => jobs.find((j) => j.title === t)!
  const apps: [User, Job, Resume, 'submitted' | 'viewed'][] = [
    [world.studentZhang, byTitle('前端开发工程师'), zhangResumes[1] ?? zhangResumes[0], 'viewed'],
    [world.studentZhang, byTitle('数据分析师'), zhangResumes[0], 'submitted'],
    [world.studentWang, byTitle('机械设计工程师'), wangResume, 'submitted'],
    [world.studentWang, byTitle('软件测试工程师'), wangResume, 'submitted'],
  ]
  for (const [student, job, resume, status] of apps) {
    await JobApplication.firstOrCreate(
      { jobId: job.id, userId: student.id },
      { employerId: job.employerId, schoolId: student.schoolId!, resumeId: resume.id, status }
    )
  }
  return { employers, jobs, zhangResumes }
}
