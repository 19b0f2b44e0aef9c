import Site from '#core/tenancy/models/site'
import type School from '#core/tenancy/models/school'
import type Graduate from '#core/registry/models/graduate'
import type User from '#core/accounts/models/user'
import type Employer from '#core/accounts/models/employer'
import type { ModelAttributes } from '@adonisjs/lucid/types/model'
import {
  account,
  next,
  AnnouncementFactory,
  EmployerFactory,
  GraduateFactory,
  SchoolFactory,
  SiteFactory,
  UserFactory,
} from '#database/factories/core'

/**
 * The test world, built from factories by the test that needs it — each call says which actor or
 * record the rule is about (`world.student(school, { signable: true })`), so a test reads as the
 * rule it proves and does not depend on the demo data.
 */
export const world = {
  /** The province's main site (created once per test database). */
  async mainSite() {
    return (await Site.findBy('is_main', true)) ?? SiteFactory.apply('main').create()
  },

  /** A school with its subsite (code = school code). */
  async school(overrides: Partial<School> = {}) {
    await this.mainSite()
    const school = await SchoolFactory.merge(overrides).create()
    const site = await SiteFactory.merge({
      code: school.code,
      name: school.name,
      schoolId: school.id,
    }).create()
    return { school, site }
  },

  /**
   * 南京示范大学 (njsf) and 苏州示范学院 (szsf) with their subsites: the two schools that the rules
   * about "one's own school" and "another school" compare.
   */
  async njsfAndSzsf() {
    const { school: njsf, site: njsfSite } = await this.school({
      code: 'njsf',
      name: '南京示范大学',
    })
    const { school: szsf, site: szsfSite } = await this.school({
      code: 'szsf',
      name: '苏州示范学院',
    })
    return { njsf, njsfSite, szsf, szsfSite }
  },

  /** A registry record (生源库) of the school, without an account (to activate). */
  async graduate(school: School, overrides: Partial<Graduate> = {}) {
    return GraduateFactory.merge({ schoolId: school.id, ...overrides }).create()
  },

  /** An activated student of the school: registry record + account (password `PASSWORD`). */
  async student(school: School, overrides: Partial<Graduate> = {}) {
    const graduate = await this.graduate(school, overrides)
    const user = await UserFactory.merge({
      ...account('student', graduate.studentNumber, school.id),
      name: graduate.name,
      phone: graduate.phone,
      graduateId: graduate.id,
    }).create()
    return { graduate, user }
  },

  /** A school staff account (学校管理员, or a college teacher when `college` is given). */
  async staff(school: School, options: { college?: string; username?: string } = {}) {
    const username = options.username ?? `${school.code}-staff-${next()}`
    return UserFactory.merge({
      ...account('staff', username, school.id),
      name: `${school.name}就业指导中心`,
      college: options.college ?? null,
    }).create()
  },

  /** A province administrator. */
  async provinceAdmin() {
    await this.mainSite()
    return UserFactory.create()
  },

  /**
   * An employer with its account; `verified` by default (the employer centre needs it).
   * Other options are the employer's own columns (`{ name: '示范科技有限公司' }`).
   */
  async employer(options: { verified?: boolean } & Partial<ModelAttributes<Employer>> = {}) {
    await this.mainSite()
    const { verified, ...columns } = options
    const builder = verified === false ? EmployerFactory : EmployerFactory.apply('verified')
    const employer = await builder.merge(columns).create()
    const user = await UserFactory.merge({
      ...account('employer', employer.contactEmail!, null),
      name: employer.contactName ?? '联系人',
      email: employer.contactEmail,
      employerId: employer.id,
    }).create()
    return { employer, user }
  },

  async announcement(site: Site, overrides: Record<string, unknown> = {}) {
    return AnnouncementFactory.merge({ siteId: site.id, ...overrides }).create()
  },
}

export type World = typeof world
export type StudentOf = { graduate: Graduate; user: User }
