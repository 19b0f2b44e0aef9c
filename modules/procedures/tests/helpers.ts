import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import { seedCore } from '#database/demo/core'
import { seedProcedures } from '#modules/procedures/database/demo'
import signingService from '#modules/procedures/services/signing_service'
import SigningInvitation from '#modules/procedures/models/signing_invitation'
import { toDb } from '#core/database/time'
import User from '#core/accounts/models/user'
import Employer from '#core/accounts/models/employer'
import Site from '#core/tenancy/models/site'
import moduleSwitches from '#core/modules/module_switches'

/** The demo world plus the procedures demo state (张三: source approved and signable). */
export async function world() {
  const w = await seedCore()
  await seedProcedures()
  return w
}

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
  const employer = await Employer.create({
    name: '示范制造有限公司',
    uscc: '91320500MA2000001X',
    status: 'verified',
    city: '苏州市',
    contactName: '王主管',
    contactPhone: '0512-6666000',
  } as any)
  const user = await User.create({
    kind: 'employer',
    loginKey: User.loginKeyFor('employer', 'hr@demo-maker.example'),
    username: 'hr@demo-maker.example',
    password: 'Employer@2026',
    name: '王主管',
    employerId: employer.id,
    isActive: true,
  } as any)
  return { employer, user }
}

/** Moves an invitation's deadline into the past (as if time had passed; no job runs). */
export async function passDeadline(invitation: SigningInvitation) {
  await db
    .from('signing_invitations')
    .where('id', invitation.id)
    .update({ deadline_at: toDb(DateTime.now().minus({ minutes: 1 })) })
}
