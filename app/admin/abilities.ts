import { Bouncer } from '@adonisjs/bouncer'
import db from '@adonisjs/lucid/services/db'
import type User from '#core/accounts/models/user'
import type { AdminArea } from '#core/admin/resource'

/** The actor works in this admin area: school staff in /school, province admins in /province. */
export const useAdminArea = Bouncer.ability((user: User, area: AdminArea) => {
  if (area === 'school') return user.kind === 'staff' && Boolean(user.schoolId)
  return user.kind === 'admin'
})

/** A record of school data (staff accounts, announcements…) that the actor's school owns. */
export const manageOwnSchoolData = Bouncer.ability(
  (user: User, schoolId: number | null | undefined) => {
    if (user.kind === 'admin') return true
    return user.kind === 'staff' && !user.college && Boolean(schoolId) && user.schoolId === schoolId
  }
)

/**
 * The employer area: a verified employer acting on a row of its own (`employerId` of the row; for
 * the list, the employer's own id). Pending or rejected employers have no employer area.
 */
export const actForVerifiedEmployer = Bouncer.ability(
  async (user: User, employerId: number | null | undefined) => {
    if (user.kind !== 'employer' || !user.employerId || user.employerId !== employerId) return false
    const employer = await db.from('employers').where('id', user.employerId).first()
    return employer?.status === 'verified'
  }
)
