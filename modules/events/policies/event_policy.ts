import { Bouncer } from '@adonisjs/bouncer'
import type User from '#core/accounts/models/user'

export interface OrganisedBy {
  schoolId: number | null
}

/**
 * Managing an event (edit, exhibitors, reviews): the province for province-wide events,
 * otherwise the organising school's staff who are not limited to one college.
 */
export const manageEvent = Bouncer.ability((user: User, event: OrganisedBy) => {
  if (event.schoolId === null) return user.kind === 'admin'
  return user.kind === 'staff' && user.schoolId === event.schoolId && !user.college
})

/** 入场签到: any staff member of the organising school (college teachers help at the door), or the province for its fairs. */
export const checkInEvent = Bouncer.ability((user: User, event: OrganisedBy) => {
  if (event.schoolId === null) return user.kind === 'admin'
  return user.kind === 'staff' && user.schoolId === event.schoolId
})
