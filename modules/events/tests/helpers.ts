import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#core/accounts/models/user'
import { nowDb } from '#core/database/time'
import type { ApiClient } from '@japa/api-client'
import { world } from '#tests/helpers/world'
import { as, type Where } from '#tests/helpers/requests'
import Registration from '#modules/events/models/registration'
import RecruitmentEvent from '#modules/events/models/recruitment_event'
import { RecruitmentEventFactory } from '#modules/events/database/factories/events'

/**
 * The actors of the events specs, built from the factories (`world`): two schools with their
 * subsites (`njsf.localhost`, `szsf.localhost`), a student of each, their staff, the province
 * admin and a verified employer with its account. Names are the ones the specs read on the pages.
 */
export async function eventsWorld() {
  const main = await world.mainSite()
  const { njsf, njsfSite, szsf, szsfSite } = await world.njsfAndSzsf()
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

/** The 南京示范大学 subsite, 张三's and that of the events `makeEvent` makes. */
export const NJSF: Where = { site: 'njsf' }

/**
 * A student at the register box and 我报名的活动, on a site (the main one unless `where` says):
 * 报名 and 取消 as the box posts them (htmx), the ticket page, and the requests of `as()`.
 */
export function attendee(client: ApiClient, user: User, where: Where = {}) {
  const actor = as(client, user, where)
  return {
    ...actor,
    register: (eventId: number) => actor.htmx(`/student/events/${eventId}/register`),
    cancel: (registrationId: number) =>
      actor.htmx(`/student/registrations/${registrationId}/cancel`),
    ticket: (registrationId: number) =>
      actor.visit(`/student/registrations/${registrationId}/ticket`),
  }
}

/** The student has registered (the box answered 200, on 南京示范 unless `where` says): the row. */
export async function registered(
  client: ApiClient,
  user: User,
  eventId: number,
  where: Where = NJSF
) {
  const response = await attendee(client, user, where).register(eventId)
  response.assertStatus(200)
  return Registration.query().where('event_id', eventId).where('user_id', user.id).firstOrFail()
}

/** How many registrations an event has, of any status (a refused 报名 leaves none). */
export async function registrationCount(eventId: number) {
  const row = await Registration.query().where('event_id', eventId).count('* as n').firstOrFail()
  return Number(row.$extras.n)
}

/**
 * What the database holds for an event's seats: its registration rows (how many, how many
 * registered, of how many students), the open 我的日程 entries and the `taken` counter.
 */
export async function seatsOf(eventId: number) {
  const rows = await db
    .from('event_registrations')
    .where('event_id', eventId)
    .select('user_id', 'status')
  const schedule = await db
    .from('schedule_entries')
    .where('source_key', `event-${eventId}`)
    .whereNull('cancelled_at')
    .count('* as n')
    .first()
  const event = await db.from('recruitment_events').where('id', eventId).select('taken').first()
  return {
    registered: rows.filter((r: any) => r.status === 'registered').length,
    students: new Set(rows.map((r: any) => Number(r.user_id))).size,
    rows: rows.length,
    schedule: Number(schedule.n),
    taken: Number(event.taken),
  }
}

/** What `makeEvent` needs of a world: the school and subsite of `eventsWorld()` or `world.school()`. */
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
