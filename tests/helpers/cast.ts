import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type Employer from '#core/accounts/models/employer'
import type Graduate from '#core/registry/models/graduate'
import type User from '#core/accounts/models/user'
import { EmployerFactory } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import { RecruitmentEventFactory, day } from '#modules/events/database/factories/events'
import Exhibitor from '#modules/events/models/exhibitor'
import JobApplication from '#modules/job_seeking/models/job_application'
import type Job from '#modules/job_seeking/models/job'
import ResumeSection from '#modules/job_seeking/models/resume_section'
import dictionaries from '#modules/job_seeking/services/dictionaries'
import resumes from '#modules/job_seeking/services/resumes'
import SourceRecord from '#modules/procedures/models/source_record'
import { ensureDestinationCodes } from '#modules/procedures/services/destination_codes'

/**
 * The cast of the cross-actor suites (security probes, browser walks), built from factories:
 * two schools with their subsites (南京示范大学 `njsf`, 苏州示范学院 `szsf`), 张三 (an activated,
 * signable student of njsf), 李四 (registry record without account or phone), 王五 (activated, of
 * szsf), a few more registry records, each school's staff, the province admin and one verified
 * employer (示范科技有限公司) with its account. Every account's password is `PASSWORD`.
 *
 * Suites that walk every route (generated probes) need records of every kind on both sides:
 * `withModuleRecords(cast)` adds them (jobs, applications, resumes, events, source records).
 */
export async function twoSchools() {
  const main = await world.mainSite()
  const { njsf, njsfSite, szsf, szsfSite } = await world.njsfAndSzsf()

  const zhang = await world.student(njsf, {
    studentNumber: '2026000001',
    name: '张三',
    gender: '男',
    college: '计算机学院',
    major: '软件工程',
    signable: true,
  })
  const lisi = await world.graduate(njsf, {
    studentNumber: '2026000002',
    name: '李四',
    gender: '女',
    college: '经济管理学院',
    major: '会计学',
    phone: null,
    email: null,
  })
  const wang = await world.student(szsf, {
    studentNumber: '2026100001',
    name: '王五',
    college: '机电工程学院',
    major: '机械设计制造及其自动化',
  })
  const others: [string, string, string, string][] = [
    ['2026000003', '赵六', '计算机学院', '计算机科学与技术'],
    ['2026000004', '钱七', '外国语学院', '英语'],
    ['2026000005', '孙八', '经济管理学院', '市场营销'],
  ]
  const more: Graduate[] = []
  for (const [studentNumber, name, college, major] of others)
    more.push(await world.graduate(njsf, { studentNumber, name, college, major, phone: null }))

  const admin = await world.provinceAdmin()
  const njsfStaff = await world.staff(njsf, { username: 'njsf-admin' })
  const szsfStaff = await world.staff(szsf, { username: 'szsf-admin' })
  const { employer: company, user: employerUser } = await world.employer({
    name: '示范科技有限公司',
    contactName: '刘经理',
  })
  await world.announcement(main, { title: '关于做好2026届高校毕业生就业工作的通知' })
  await world.announcement(njsfSite, { title: '南京示范大学2026届毕业生春季双选会报名通知' })

  return {
    main,
    njsf,
    szsf,
    njsfSite,
    szsfSite,
    zhangsan: zhang.graduate,
    lisi,
    wangwu: wang.graduate,
    zhaoliu: more[0],
    studentZhang: zhang.user,
    studentWang: wang.user,
    admin,
    njsfStaff,
    szsfStaff,
    company,
    employerUser,
  }
}

export type Cast = Awaited<ReturnType<typeof twoSchools>>

async function job(employer: Employer, title: string, overrides: Partial<Job> = {}) {
  return JobFactory.merge({
    employerId: employer.id,
    title,
    city: employer.city ?? '南京市',
    contactName: employer.contactName,
    contactPhone: employer.contactPhone,
    contactEmail: employer.contactEmail,
    deadline: DateTime.now().plus({ days: 30 }).endOf('day'),
    ...overrides,
  }).create()
}

async function apply(
  student: User,
  to: Job,
  resumeId: number,
  status: 'submitted' | 'viewed' = 'submitted'
) {
  return JobApplication.create({
    jobId: to.id,
    userId: student.id,
    employerId: to.employerId,
    schoolId: student.schoolId!,
    resumeId,
    status,
  })
}

const SOURCE_BASE = {
  ethnicity: '汉族',
  politicalStatus: '共青团员',
  schoolingLength: '4',
  trainingMode: '非定向',
  graduationDate: '2026-06-30',
  hukouType: '城镇',
  familyDifficulty: '非困难生',
}

/**
 * 生源信息 of a graduate: approved three days ago by default (what signing and change requests
 * need), or a `draft` not yet submitted.
 */
export async function sourceRecord(graduate: Graduate, status: 'approved' | 'draft' = 'approved') {
  await ensureDestinationCodes()
  const reviewed =
    status === 'approved'
      ? {
          submittedAt: DateTime.now().minus({ days: 3 }),
          reviewedAt: DateTime.now().minus({ days: 2 }),
        }
      : {}
  return SourceRecord.create({
    ...SOURCE_BASE,
    graduateId: graduate.id,
    schoolId: graduate.schoolId,
    originPlace: '江苏省南京市',
    hukouPlace: '江苏省南京市玄武区',
    homeAddress: '南京市玄武区示范街 8 号',
    status,
    ...reviewed,
  })
}

/**
 * Records of every kind the modules show, on both sides of the cast: the company's jobs and
 * two other employers' (会计助理 among them), 张三's two resumes (with sections) and applications (one viewed), 王五's
 * applications, a fair of each school and of the province (offline and online) with exhibitors,
 * the company's info sessions (upcoming with its jobs, past, online, one pending at szsf), the
 * destination code table, 张三's source info approved and 李四's / 王五's drafts.
 */
export async function withModuleRecords(cast: Cast) {
  await dictionaries.ensureSeeded()
  const { company, studentZhang, studentWang } = cast

  // ── jobs, resumes, applications ───────────────────────────────────────────
  const other = await EmployerFactory.apply('verified')
    .merge({ name: '苏州精工智造股份有限公司', city: '苏州市', industry: '制造业' })
    .create()
  const devJob = await job(company, '软件开发工程师')
  const frontJob = await job(company, '前端开发工程师')
  const testJob = await job(company, '软件测试工程师')
  const internJob = await job(company, 'Java 开发实习生', { nature: '实习' })
  const dataJob = await job(other, '数据分析师', { category: '数据分析' })
  const mechJob = await job(other, '机械设计工程师', { category: '机械制造', city: '苏州市' })
  const accounting = await EmployerFactory.apply('verified')
    .merge({ name: '金陵财务咨询有限公司', industry: '租赁和商务服务业' })
    .create()
  const accountingJob = await job(accounting, '会计助理', { category: '财务会计' })

  const general = await resumes.create(studentZhang, '通用简历')
  await ResumeSection.create({
    resumeId: general.id,
    kind: 'self',
    title: '自我评价',
    content: '学习能力强，踏实肯干，善于沟通。',
    position: 1,
  })
  const dev = await resumes.create(studentZhang, '软件开发方向')
  dev.intention = {
    position: '软件开发工程师',
    cities: '南京市',
    salary: '8千-1.2万/月',
    nature: '全职',
  }
  await dev.save()
  await ResumeSection.create({
    resumeId: dev.id,
    kind: 'project',
    title: '项目经历',
    content: '校园二手交易平台，负责后端接口与数据库设计。',
    position: 1,
  })
  const wangResume = await resumes.create(studentWang, '我的简历')
  await apply(studentZhang, frontJob, dev.id, 'viewed')
  await apply(studentZhang, dataJob, general.id)
  await apply(studentWang, mechJob, wangResume.id)
  await apply(studentWang, testJob, wangResume.id)

  // ── events ────────────────────────────────────────────────────────────────
  const fair = await RecruitmentEventFactory.merge({
    title: '南京示范大学2026届毕业生春季双选会',
    siteId: cast.njsfSite.id,
    schoolId: cast.njsf.id,
  }).create()
  const provinceFair = await RecruitmentEventFactory.merge({
    title: '江苏省2026届高校毕业生春季大型招聘会',
    siteId: cast.main.id,
    startsAt: day(14, 9),
    endsAt: day(14, 17),
  }).create()
  await RecruitmentEventFactory.apply('online').merge({ siteId: cast.main.id }).create()
  await RecruitmentEventFactory.merge({
    siteId: cast.szsfSite.id,
    schoolId: cast.szsf.id,
    city: '苏州市',
  }).create()
  const booths: [number, number, string][] = [
    [fair.id, company.id, 'A01'],
    [provinceFair.id, company.id, 'B12'],
    [fair.id, other.id, 'A02'],
  ]
  for (const [eventId, employerId, boothNo] of booths)
    await Exhibitor.create({
      eventId,
      employerId,
      boothNo,
      status: 'approved',
      reviewedAt: DateTime.now(),
    })
  const atNjsf = { siteId: cast.njsfSite.id, schoolId: cast.njsf.id, employerId: company.id }
  const session = await RecruitmentEventFactory.apply('session').merge(atNjsf).create()
  await RecruitmentEventFactory.apply('session').apply('past').merge(atNjsf).create()
  await RecruitmentEventFactory.apply('session')
    .apply('online')
    .merge({ siteId: cast.main.id, employerId: company.id })
    .create()
  await RecruitmentEventFactory.apply('session')
    .apply('pending')
    .merge({
      siteId: cast.szsfSite.id,
      schoolId: cast.szsf.id,
      employerId: company.id,
      city: '苏州市',
    })
    .create()
  await db.table('event_session_jobs').multiInsert(
    [devJob, frontJob, testJob].map((j, position) => ({
      event_id: session.id,
      job_id: j.id,
      position,
    }))
  )

  // ── procedures ────────────────────────────────────────────────────────────
  await sourceRecord(cast.zhangsan)
  await sourceRecord(cast.lisi, 'draft')
  await sourceRecord(cast.wangwu, 'draft')

  return {
    employers: [other, accounting],
    devJob,
    jobs: [devJob, frontJob, testJob, internJob, dataJob, mechJob, accountingJob],
    zhangResumes: [general, dev],
    fair,
    provinceFair,
    session,
  }
}
