import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import type { ApiClient } from '@japa/api-client'
import { world as core } from '#tests/helpers/world'
import { as } from '#tests/helpers/requests'
import { UserFactory, account } from '#database/factories/core'
import { sourceRecordOf } from '#modules/procedures/database/factories/procedures'
import { ensureDestinationCodes } from '#modules/procedures/services/destination_codes'
import signingService from '#modules/procedures/services/signing_service'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import EmploymentPlan from '#modules/procedures/models/employment_plan'
import { nowDb, toDb } from '#core/database/time'
import type User from '#core/accounts/models/user'
import type School from '#core/tenancy/models/school'
import Site from '#core/tenancy/models/site'
import moduleSwitches from '#core/modules/module_switches'

/**
 * The procedures tests' world, built from the factories (no demo seed): the destination code table;
 * 南京示范大学 (njsf) with 张三 (activated, signable, 生源信息 approved), 李四 (registry record with a
 * draft source record, no account) and three more registry records (赵六, 钱七, 孙八); 苏州示范学院
 * (szsf) with 王五 (activated, draft source record); each school's staff account, a province
 * administrator, and the verified employer 示范科技有限公司 with its HR account.
 */
export async function world() {
  await ensureDestinationCodes()
  const main = await core.mainSite()
  const { school: njsf, site: njsfSite } = await core.school({
    code: 'njsf',
    name: '南京示范大学',
    moeCode: '19001',
  })
  const { school: szsf, site: szsfSite } = await core.school({
    code: 'szsf',
    name: '苏州示范学院',
    moeCode: '19002',
  })
  const zhang = await core.student(njsf, {
    studentNumber: '2026000001',
    name: '张三',
    gender: '男',
    college: '计算机学院',
    major: '软件工程',
    signable: true,
  })
  const lisi = await core.graduate(njsf, {
    studentNumber: '2026000002',
    name: '李四',
    gender: '女',
    idNumber: '320102200305052346',
    college: '经济管理学院',
    major: '会计学',
    phone: null,
    email: null,
  })
  const wang = await core.student(szsf, {
    studentNumber: '2026100001',
    name: '王五',
    gender: '男',
    college: '机电工程学院',
    major: '机械设计制造及其自动化',
  })
  const more: [string, string, string, string][] = [
    ['2026000003', '赵六', '计算机学院', '计算机科学与技术'],
    ['2026000004', '钱七', '外国语学院', '英语'],
    ['2026000005', '孙八', '经济管理学院', '市场营销'],
  ]
  for (const [studentNumber, name, college, major] of more) {
    await core.graduate(njsf, {
      studentNumber,
      name,
      college,
      major,
      gender: null,
      idNumber: null,
      phone: null,
      email: null,
    })
  }
  await sourceRecordOf(zhang.graduate, 'approved', {
    hukouPlace: '江苏省南京市玄武区',
    homeAddress: '南京市玄武区示范街 8 号',
  })
  await sourceRecordOf(lisi, 'draft', { originPlace: '江苏省扬州市' })
  await sourceRecordOf(wang.graduate, 'draft', {
    politicalStatus: '群众',
    originPlace: '江苏省苏州市',
  })
  const { employer: company, user: employerUser } = await core.employer({
    name: '示范科技有限公司',
    contactName: '刘经理',
    contactPhone: '025-88880000',
    contactEmail: 'hr@demo-tech.example',
    scale: '500-999人',
  })
  return {
    main,
    njsf,
    szsf,
    njsfSite,
    szsfSite,
    zhangsan: zhang.graduate,
    lisi,
    wangwu: wang.graduate,
    studentZhang: zhang.user,
    studentWang: wang.user,
    admin: await core.provinceAdmin(),
    njsfStaff: await core.staff(njsf, { username: 'njsf-admin' }),
    szsfStaff: await core.staff(szsf, { username: 'szsf-admin' }),
    company,
    employerUser,
  }
}

export type ProceduresWorld = Awaited<ReturnType<typeof world>>

export const NJSF = 'njsf.localhost'

/** A valid invitation form (employer receives neither archive nor hukou unless overridden). */
export function invitationForm(schoolId: number, overrides: Record<string, unknown> = {}) {
  return {
    school_id: schoolId,
    student_number: '2026000001',
    name: '张三',
    job_title: '软件开发工程师',
    salary: '10000-12000元/月',
    work_city: '南京市',
    contract_term: '3年',
    probation: '3个月',
    contact_name: '刘经理',
    contact_phone: '025-88880000',
    // 2023+ (去向登记) mode asks it; 2021 mode ignores it.
    position_category: '工程技术人员',
    deadline: DateTime.now()
      .setZone('Asia/Shanghai')
      .plus({ days: 7 })
      .toFormat("yyyy-MM-dd'T'HH:mm"),
    ...overrides,
  }
}

export const acceptForm = {
  certificate_category: '签往单位',
  certificate_unit: '示范科技有限公司',
  archive_unit: '南京市人才服务中心',
  hukou_address: '南京市鼓楼区示范路 1 号',
  // 2023+ (去向登记) mode asks 户口迁移 instead of 报到证; 2021 mode ignores it.
  hukou_migration: '迁往就业单位',
  binding_acknowledged: '1',
}

/** 就业信息上报 of 11 签劳动合同形式就业 as 2021 (报到证) mode asks it, submitted. */
export const contractReport = {
  code: '11',
  employerName: '某某公司',
  employerCity: '南京市',
  intent: 'submit',
}

/**
 * Sets the province's procedures settings (main site's row), e.g. `{ procedures_mode: '2021' }`
 * for a test that proves the 报到证 behaviour, or `{ destination_code_version: '2021' }`.
 */
export async function provinceSettings(values: Record<string, unknown>) {
  const main = await Site.query().where('is_main', true).firstOrFail()
  const state = (await moduleSwitches.states(null)).get('procedures')
  await moduleSwitches.setSettings(main, 'procedures', {
    ...(state?.provinceSettings ?? {}),
    ...values,
  })
}

/** 2021 (报到证) mode, as before 2023. */
export const mode2021 = () => provinceSettings({ procedures_mode: '2021' })

/** Sends an invitation through the service (as the demo employer). */
export async function invite(
  employerUser: User,
  schoolId: number,
  overrides: Record<string, unknown> = {}
) {
  return signingService.send(employerUser, invitationForm(schoolId, overrides))
}

/** A second verified employer with one account. */
export async function secondEmployer() {
  return core.employer({
    name: '示范制造有限公司',
    city: '苏州市',
    contactName: '王主管',
    contactPhone: '0512-6666000',
    contactEmail: 'hr@demo-maker.example',
  })
}

/** 李四's student account (his registry record has none in the world). */
export async function liSiAccount(w: ProceduresWorld) {
  return UserFactory.merge({
    ...account('student', w.lisi.studentNumber, w.njsf.id),
    name: w.lisi.name,
    graduateId: w.lisi.id,
  }).create()
}

/** A college teacher of the school (staff limited to one 学院). */
export async function collegeTeacher(school: School, college: string, username: string) {
  return core.staff(school, { college, username })
}

/** Moves an invitation's deadline into the past (as if time had passed; no job runs). */
export async function passDeadline(invitation: SigningInvitation) {
  await db
    .from('signing_invitations')
    .where('id', invitation.id)
    .update({ deadline_at: toDb(DateTime.now().minus({ minutes: 1 })) })
}

/** Rows of a table. */
export async function countRows(table: string) {
  return Number((await db.from(table).count('* as c').first()).c)
}

/** 张三's current (not cancelled) employment plan. */
export function currentPlan(w: ProceduresWorld) {
  return EmploymentPlan.query().where('graduate_id', w.zhangsan.id).whereNot('status', 'cancelled')
}

/**
 * The world's actors as requests (`as(client, user, { site })`), and the procedures steps they take,
 * so a test reads as the rule: `const { zhang, accept } = actors(client, w)`, `await accept(invitation)`.
 */
export function actors(client: ApiClient, w: ProceduresWorld) {
  const zhang = as(client, w.studentZhang, { site: 'njsf' })
  const hr = as(client, w.employerUser)
  const staff = as(client, w.njsfStaff, { site: 'njsf' })
  return {
    zhang,
    hr,
    staff,
    wang: as(client, w.studentWang, { site: 'szsf' }),
    szsfStaff: as(client, w.szsfStaff, { site: 'szsf' }),
    admin: as(client, w.admin),
    /** The employer sends an invitation through the form. */
    sendInvitation: (form: Record<string, unknown> = {}) =>
      hr.postForm('/employer/procedures/signing', invitationForm(w.njsf.id, form)),
    /** 张三 accepts an invitation (the full acceptance form unless given). */
    accept: (invitation: SigningInvitation, form: Record<string, unknown> = acceptForm) =>
      zhang.postForm(`/student/procedures/signing/${invitation.id}/accept`, form),
    /** 张三 saves or submits 就业信息上报 / 去向登记. */
    report: (form: Record<string, unknown>) => zhang.postForm('/student/procedures/report', form),
    /** The school reviews a report (`{ decision: 'approve' }` or `'return'` with a comment). */
    reviewReport: (plan: EmploymentPlan, form: Record<string, unknown>) =>
      staff.postForm(`/school/procedures/reviews/reports/${plan.id}`, form),
    /** The employer answers a termination. */
    answerTermination: (terminationId: number, form: Record<string, unknown>) =>
      hr.postForm(`/employer/procedures/terminations/${terminationId}/answer`, form),
    /** The employer starts a termination of a plan. */
    terminateAsEmployer: (plan: EmploymentPlan, form: Record<string, unknown>) =>
      hr.postForm(`/employer/procedures/plans/${plan.id}/terminate`, form),
  }
}

/** The world and its actors as requests: `const { w, zhang, staff } = await worldFor(client)`. */
export async function worldFor(client: ApiClient) {
  const w = await world()
  return { w, ...actors(client, w) }
}

/** 张三 has accepted the demo employer's invitation: his online-signed plan. */
export async function signedPlan(client: ApiClient, w: ProceduresWorld) {
  const invitation = await invite(w.employerUser, w.njsf.id)
  await actors(client, w).accept(invitation)
  const plan = await currentPlan(w).firstOrFail()
  return { invitation, plan }
}

/** 张三 reported a non-online plan (2021 mode 11 unless given) and the school approved it. */
export async function approvedReport(
  client: ApiClient,
  w: ProceduresWorld,
  form: Record<string, unknown> = contractReport
) {
  const steps = actors(client, w)
  await steps.report(form)
  const plan = await currentPlan(w).firstOrFail()
  await steps.reviewReport(plan, { decision: 'approve' })
  return plan.refresh()
}

/** A minimal valid PDF (解约材料 are recognised by content). */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

/**
 * 张三 files 我要解约 (multipart): 个人原因 with a description and 解约函.pdf unless given
 * (`{ file: null }` files none).
 */
export function fileTermination(
  client: ApiClient,
  w: ProceduresWorld,
  {
    fields = { reason: '个人原因', description: '考取研究生，申请解约' },
    file = { content: PDF, name: '解约函.pdf' },
  }: {
    fields?: Record<string, string>
    file?: { content: Buffer; name: string } | null
  } = {}
) {
  const request = client
    .post('/student/procedures/termination')
    .header('host', NJSF)
    .loginAs(w.studentZhang)
    .withCsrfToken()
  for (const [name, value] of Object.entries(fields)) request.field(name, value)
  if (file) request.file('materials', file.content, { filename: file.name })
  return request.redirects(0)
}

/** A job of the employer and one application of the student to it (what job_seeking records). */
export async function applyTo(employerId: number, userId: number, schoolId: number) {
  const [job] = await db
    .table('jobs')
    .insert({
      employer_id: employerId,
      title: '软件开发工程师',
      category: '软件开发',
      nature: '全职',
      province: '江苏省',
      city: '南京市',
      status: 'open',
      published_at: nowDb(),
      search_text: '软件开发工程师',
      created_at: nowDb(),
      updated_at: nowDb(),
    })
    .returning('id')
  await db.table('job_applications').insert({
    job_id: typeof job === 'object' ? job.id : job,
    employer_id: employerId,
    user_id: userId,
    school_id: schoolId,
    status: 'submitted',
    created_at: nowDb(),
    updated_at: nowDb(),
  })
}

/**
 * The 站内消息 a user received with this title (`%…%` matches a part of it), or null.
 */
export function messageTo(user: User, title: string) {
  const query = db.from('messages').where('user_id', user.id)
  return (
    title.includes('%') ? query.where('title', 'like', title) : query.where('title', title)
  ).first()
}
