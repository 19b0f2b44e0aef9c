import { DateTime } from 'luxon'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#core/accounts/models/user'
import { nowDb } from '#core/database/time'
import type { seedCore } from '#database/demo/core'
import RecruitmentEvent from '#modules/events/models/recruitment_event'

export type World = Awaited<ReturnType<typeof seedCore>>

/** An event of the 南京示范大学 subsite with registration open now, unless overridden. */
export async function makeEvent(world: World, overrides: Partial<RecruitmentEvent> = {}) {
  const now = DateTime.now()
  return RecruitmentEvent.create({
    kind: 'fair',
    title: `测试招聘会 ${Math.random().toString(36).slice(2, 8)}`,
    siteId: world.njsfSite.id,
    schoolId: world.njsf.id,
    mode: 'offline',
    city: '南京市',
    place: '体育馆',
    startsAt: now.plus({ days: 7 }),
    endsAt: now.plus({ days: 7, hours: 6 }),
    registrationStartsAt: now.minus({ days: 1 }),
    registrationEndsAt: now.plus({ days: 6 }),
    capacity: 100,
    taken: 0,
    status: 'published',
    description: '测试用活动',
    ...overrides,
  })
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
