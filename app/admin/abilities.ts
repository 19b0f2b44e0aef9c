import { Bouncer } from '@adonisjs/bouncer'
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
