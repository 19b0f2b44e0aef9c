import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { account, EmployerFactory, UserFactory } from '#database/factories/core'
import { world } from '#tests/helpers/world'
import { twoSchools, withModuleRecords } from '#tests/helpers/cast'
import { JobFactory } from '#modules/job_seeking/database/factories/jobs'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'
import Exhibitor from '#modules/events/models/exhibitor'
import type User from '#core/accounts/models/user'
import { nowDb, toDb } from '#core/database/time'

/**
 * A test world with two of everything, for security suites: two schools (njsf, szsf), two
 * students of 南京示范大学 (张三 owns the objects, 李四 is the neighbour), 王五 of 苏州示范学院,
 * two verified employers, a teacher of each of two colleges, both schools' staff, the province.
 * Built from factories (`tests/helpers/cast.ts`), records of every kind on both sides.
 *
 * Every object of `owned` belongs to the "A side" (张三 / 示范科技 / 南京示范大学); every actor of
 * `foreign` is someone who must not reach it.
 */

export interface Actor {
  /** Short name used in reports. */
  label: string
  kind: 'student' | 'employer' | 'staff' | 'admin' | 'anonymous'
  user: User | null
  /** Host header: an actor uses their own site (school actors their school's subsite). */
  host: string
}

const NJSF = 'njsf.localhost'
const SZSF = 'szsf.localhost'
const MAIN = 'localhost'

async function insert(table: string, row: Record<string, unknown>) {
  const [id] = await db.table(table).insert(row).returning('id')
  return typeof id === 'object' ? Number((id as any).id) : Number(id)
}

export async function buildWorld() {
  const core = await twoSchools()
  const jobSeeking = await withModuleRecords(core)
  const stamp = nowDb()
  const { njsf, njsfSite, main } = core

  // ── actors ────────────────────────────────────────────────────────────────
  const li = await UserFactory.merge({
    ...account('student', core.lisi.studentNumber, njsf.id),
    name: '李四',
    graduateId: core.lisi.id,
  }).create()
  const csTeacher = await world.staff(njsf, { college: '计算机学院', username: 'probe-njsf-cs' })
  const emTeacher = await world.staff(njsf, { college: '经济管理学院', username: 'probe-njsf-em' })
  const { employer: employerB, user: employerBUser } = await world.employer({
    name: '探测第二单位有限公司',
    city: '苏州市',
    contactName: '王主管',
  })
  const pendingEmployer = await EmployerFactory.merge({ name: '探测待审核单位有限公司' }).create()

  const owners: Record<'student' | 'employer' | 'school' | 'province', Actor> = {
    student: { label: '张三(owner)', kind: 'student', user: core.studentZhang, host: NJSF },
    employer: { label: '示范科技(owner)', kind: 'employer', user: core.employerUser, host: MAIN },
    school: { label: '南京示范大学(owner)', kind: 'staff', user: core.njsfStaff, host: NJSF },
    province: { label: '省管理员', kind: 'admin', user: core.admin, host: MAIN },
  }
  const foreign: Actor[] = [
    { label: '同校另一学生', kind: 'student', user: li, host: NJSF },
    { label: '外校学生', kind: 'student', user: core.studentWang, host: SZSF },
    { label: '另一单位', kind: 'employer', user: employerBUser, host: MAIN },
    { label: '另一学院辅导员', kind: 'staff', user: emTeacher, host: NJSF },
    { label: '外校管理员', kind: 'staff', user: core.szsfStaff, host: SZSF },
    { label: '省管理员', kind: 'admin', user: core.admin, host: MAIN },
    { label: '匿名', kind: 'anonymous', user: null, host: NJSF },
  ]

  // ── objects of the A side ─────────────────────────────────────────────────
  const zhangGraduate = core.zhangsan
  const application = await db
    .from('job_applications')
    .where('user_id', core.studentZhang.id)
    .where('employer_id', core.company.id)
    .firstOrFail()
  const resume = await db
    .from('resumes')
    .where('user_id', core.studentZhang.id)
    .orderBy('id', 'desc')
    .firstOrFail()
  const section = await db.from('resume_sections').where('resume_id', resume.id).firstOrFail()
  const companyJob = await db
    .from('jobs')
    .where('employer_id', core.company.id)
    .orderBy('id')
    .firstOrFail()
  // Not visible to anyone but its employer: a job of an employer that is not verified.
  const { id: hiddenJob } = await JobFactory.apply('closed')
    .merge({ employerId: pendingEmployer.id, title: '探测隐藏职位' })
    .create()
  const messageTo = (user: User, owner: string) =>
    insert('messages', {
      user_id: user.id,
      category: 'system',
      title: '探测消息',
      body: `只属于${owner}的消息`,
      created_at: stamp,
    })
  const message = await messageTo(core.studentZhang, '张三')
  const messages: Record<'student' | 'employer' | 'school' | 'province', number> = {} as any
  for (const [area, owner] of Object.entries(owners)) {
    messages[area as keyof typeof messages] = await messageTo(owner.user!, owner.label)
  }
  const interview = await insert('interview_invitations', {
    application_id: application.id,
    user_id: core.studentZhang.id,
    employer_id: core.company.id,
    mode: 'onsite',
    starts_at: toDb(DateTime.now().plus({ days: 3 })),
    place: '示范科技 3 楼会议室',
    letter: '诚邀您参加面试。',
    status: 'pending',
    created_at: stamp,
    updated_at: stamp,
  })
  await insert('job_favourites', {
    job_id: companyJob.id,
    user_id: core.studentZhang.id,
    created_at: stamp,
  })

  // events: the fairs of the cast, and applications awaiting review
  const { fair: njsfFair, provinceFair } = jobSeeking
  const atNjsf = { siteId: njsfSite.id, schoolId: njsf.id }
  const sessionAwaitingReview = (where: { siteId: number; schoolId?: number }, title: string) =>
    RecruitmentEventFactory.apply('session', 'pending')
      .merge({ ...where, title, employerId: core.company.id })
      .create()
  const { id: pendingSession } = await sessionAwaitingReview(atNjsf, '探测待审核宣讲会')
  const { id: pendingProvinceSession } = await sessionAwaitingReview(
    { siteId: main.id },
    '探测省级待审核宣讲会'
  )
  const { id: pendingFair } = await RecruitmentEventFactory.apply('pending')
    .merge({ ...atNjsf, title: '探测未发布招聘会' })
    .create()
  // 探测第二单位 asks for a booth at each fair.
  const askForBooth = async (eventId: number) =>
    (await Exhibitor.create({ eventId, employerId: employerB.id, status: 'pending' })).id
  const pendingExhibitor = await askForBooth(njsfFair.id)
  const pendingProvinceExhibitor = await askForBooth(provinceFair.id)
  const registration = await insert('event_registrations', {
    event_id: njsfFair.id,
    user_id: core.studentZhang.id,
    school_id: njsf.id,
    status: 'registered',
    ticket_code: 'PROBE-TICKET-0001',
    registered_at: stamp,
    created_at: stamp,
    updated_at: stamp,
  })

  // procedures
  const source = await db
    .from('source_records')
    .where('graduate_id', zhangGraduate.id)
    .firstOrFail()
  const changeRequest = await insert('source_change_requests', {
    graduate_id: zhangGraduate.id,
    school_id: njsf.id,
    user_id: core.studentZhang.id,
    changes: JSON.stringify({
      homeAddress: ['南京市玄武区示范街 8 号', '南京市鼓楼区探测路 9 号'],
    }),
    reason: '地址变更',
    status: 'pending',
    open_key: zhangGraduate.id,
    created_at: stamp,
    updated_at: stamp,
  })
  const recommendation = await insert('recommendation_forms', {
    graduate_id: zhangGraduate.id,
    school_id: njsf.id,
    self_assessment: '探测自我评价',
    status: 'pending',
    submitted_at: stamp,
    created_at: stamp,
    updated_at: stamp,
  })
  const destination = await db.from('destination_codes').orderBy('id').firstOrFail()
  const invitation = await insert('signing_invitations', {
    employer_id: core.company.id,
    sender_id: core.employerUser.id,
    graduate_id: zhangGraduate.id,
    student_user_id: core.studentZhang.id,
    school_id: njsf.id,
    job_title: '软件开发工程师',
    salary: '10000元/月',
    work_city: '南京市',
    contract_term: '3年',
    probation: '3个月',
    contact_name: '刘经理',
    contact_phone: '025-88880000',
    deadline_at: toDb(DateTime.now().plus({ days: 7 })),
    status: 'pending',
    pending_key: `probe-${zhangGraduate.id}`,
    created_at: stamp,
    updated_at: stamp,
  })
  const plan = await insert('employment_plans', {
    graduate_id: zhangGraduate.id,
    school_id: njsf.id,
    college: zhangGraduate.college,
    signing_type: 'offline',
    employer_id: core.company.id,
    destination_code_id: destination.id,
    info_type: destination.info_type,
    employer_name: core.company.name,
    employer_uscc: core.company.uscc,
    job_title: '软件开发工程师',
    status: 'approved',
    submitted_at: stamp,
    active_key: zhangGraduate.id,
    created_at: stamp,
    updated_at: stamp,
  })
  const material = await insert('files', {
    owner_id: core.studentZhang.id,
    purpose: 'termination_material',
    path: 'probe/termination-material.pdf',
    original_name: '解约材料.pdf',
    mime: 'application/pdf',
    size: 10,
    created_at: stamp,
  })
  const termination = await insert('terminations', {
    plan_id: plan,
    graduate_id: zhangGraduate.id,
    school_id: njsf.id,
    college: zhangGraduate.college,
    employer_id: core.company.id,
    signing_type: 'offline',
    initiated_by: 'employer',
    initiator_id: core.employerUser.id,
    reason: '协商一致',
    description: '探测解约',
    material_file_ids: JSON.stringify([material]),
    status: 'pending_student',
    open_key: plan,
    created_at: stamp,
    updated_at: stamp,
  })

  // core admin objects
  const announcement = await db.from('announcements').where('site_id', njsfSite.id).firstOrFail()
  const { id: hiddenAnnouncement } = await world.announcement(main, {
    title: '探测未发布公告',
    publishedAt: DateTime.now().plus({ days: 30 }),
  })
  const auditLog = await insert('audit_logs', {
    actor_id: core.njsfStaff.id,
    actor_kind: 'staff',
    school_id: njsf.id,
    action: 'update',
    subject_type: 'graduate',
    subject_id: zhangGraduate.id,
    changes: JSON.stringify({ major: ['软件工程', '软件工程'] }),
    created_at: stamp,
  })
  const failedJob = await insert('failed_jobs', {
    driver: 'sync',
    queue: 'default',
    name: 'probe.job',
    job_id: 'probe-1',
    payload: JSON.stringify({}),
    error: 'probe',
    attempts: 1,
    failed_at: stamp,
  })
  const importPreview = await insert('registry_imports', {
    school_id: njsf.id,
    user_id: csTeacher.id,
    file_name: '计算机学院.xlsx',
    status: 'preview',
    total_rows: 0,
    error_rows: 0,
    rows: JSON.stringify([]),
    errors: JSON.stringify([]),
    created_at: stamp,
  })

  return {
    core,
    jobSeeking,
    owners,
    foreign,
    actors: { li, csTeacher, emTeacher, employerB, employerBUser, pendingEmployer },
    objects: {
      application: application.id as number,
      resume: resume.id as number,
      section: section.id as number,
      companyJob: companyJob.id as number,
      hiddenJob,
      message,
      messages,
      schoolAdmin: core.njsfStaff.id,
      interview,
      njsfFair: njsfFair.id as number,
      provinceFair: provinceFair.id as number,
      pendingSession,
      pendingProvinceSession,
      pendingFair,
      pendingExhibitor,
      pendingProvinceExhibitor,
      registration,
      source: source.id as number,
      changeRequest,
      recommendation,
      invitation,
      plan,
      material,
      termination,
      announcement: announcement.id as number,
      hiddenAnnouncement,
      auditLog,
      failedJob,
      importPreview,
      graduate: zhangGraduate.id,
      staff: csTeacher.id,
      school: njsf.id,
      employer: core.company.id,
      destination: destination.id as number,
    },
  }
}

export type SecurityWorld = Awaited<ReturnType<typeof buildWorld>>
