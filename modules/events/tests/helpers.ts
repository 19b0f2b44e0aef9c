import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#core/accounts/models/user'
import { nowDb } from '#core/database/time'
import { world } from '#tests/helpers/world'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'

/**
 * The actors of the events specs, built from the factories (`world`): two schools with their
 * subsites (`njsf.localhost`, `szsf.localhost`), a student of each, their staff, the province
 * admin and a verified employer with its account. Names are the ones the specs read on the pages.
 */
export async function eventsWorld() {
  const main = await world.mainSite()
  const { school: njsf, site: njsfSite } = await world.school({
    code: 'njsf',
    name: '南京示范大学',
  })
  const { school: szsf, site: szsfSite } = await world.school({
    code: 'szsf',
    name: '苏州示范学院',
  })
  const zhang = await world.student(njsf, { name: '张三' })
  const wang = await world.student(szsf, { name: '王五' })
  const { employer: company, user: employerUser } = await world.employer({
    name: '示范科技有限公司',
    intro: '示范科技有限公司专注于政务与教育软件研发。',
  })
  return {
    main,
    njsf,
    szsf,
    njsfSite,
    szsfSite,
    zhangsan: zhang.graduate,
    wangwu: wang.graduate,
    studentZhang: zhang.user,
    studentWang: wang.user,
    admin: await world.provinceAdmin(),
    njsfStaff: await world.staff(njsf),
    szsfStaff: await world.staff(szsf),
    company,
    employerUser,
  }
}

/** What `makeEvent` needs of a world (the factory world above, or the demo's `seedCore`). */
export type World = { njsf: { id: number }; njsfSite: { id: number } } & Record<string, any>

/** An event of the 南京示范大学 subsite with registration open now, unless overridden. */
export async function makeEvent(where: World, overrides: Partial<RecruitmentEvent> = {}) {
  const now = DateTime.now()
  return RecruitmentEventFactory.merge({
    title: `测试招聘会 ${Math.random().toString(36).slice(2, 8)}`,
    siteId: where.njsfSite.id,
    schoolId: where.njsf.id,
    place: '体育馆',
    startsAt: now.plus({ days: 7 }),
    endsAt: now.plus({ days: 7, hours: 6 }),
    registrationStartsAt: now.minus({ days: 1 }),
    registrationEndsAt: now.plus({ days: 6 }),
    capacity: 100,
    description: '测试用活动',
    ...overrides,
  }).create()
}

/** Many activated students of one school, created set-based (registry rows + accounts). */
export async function makeStudents(schoolId: number, count: number, prefix = '9') {
  const password = await hash.make('Student@2026')
  const stamp = nowDb()
  const numbers = Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(7, '0')}`)
  for (let i = 0; i < numbers.length; i += 200) {
    await db.table('graduates').multiInsert(
      numbers.slice(i, i + 200).map((n) => ({
        school_id: schoolId,
        student_number: n,
        name: `学生${n}`,
        signable: false,
        created_at: stamp,
        updated_at: stamp,
      }))
    )
  }
  const graduates = await db
    .from('graduates')
    .where('school_id', schoolId)
    .whereIn('student_number', numbers)
    .select('id', 'student_number')
  for (let i = 0; i < graduates.length; i += 200) {
    await db.table('users').multiInsert(
      graduates.slice(i, i + 200).map((g: any) => ({
        kind: 'student',
        login_key: User.loginKeyFor('student', g.student_number, schoolId),
        username: g.student_number,
        password,
        name: `学生${g.student_number}`,
        school_id: schoolId,
        graduate_id: g.id,
        is_active: true,
        created_at: stamp,
        updated_at: stamp,
      }))
    )
  }
  return User.query().where('school_id', schoolId).whereIn('username', numbers).orderBy('id')
}
