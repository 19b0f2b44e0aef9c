import { Bouncer } from '@adonisjs/bouncer'
import type User from '#core/accounts/models/user'
import { staffCovers, type StudentOwned } from '#core/authorization/scope'

/**
 * Abilities shared by the core and every module: actor kind, school scope, college scope.
 * Modules add their own policies but build on these.
 */

/** The student's own record, their school's staff (within college scope), or a province admin. */
export const viewStudentRecord = Bouncer.ability((user: User, record: StudentOwned) => {
  if (user.kind === 'admin') return true
  if (user.kind === 'student') return record.userId === user.id
  return staffCovers(user, record)
})

/** Staff changes (reviews, registry edits) — province admins read but do not edit school records. */
export const manageStudentRecord = Bouncer.ability((user: User, record: StudentOwned) =>
  staffCovers(user, record)
)

/** Managing a school's settings, staff, events: its own staff (not college-scoped ones) and the province. */
export const manageSchool = Bouncer.ability((user: User, schoolId: number) => {
  if (user.kind === 'admin') return true
  return user.kind === 'staff' && user.schoolId === schoolId && !user.college
})

export const manageProvince = Bouncer.ability((user: User) => user.kind === 'admin')

/** An employer acting on its own company's records. */
export const actForEmployer = Bouncer.ability(
  (user: User, employerId: number) => user.kind === 'employer' && user.employerId === employerId
)
