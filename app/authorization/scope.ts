import type User from '#core/accounts/models/user'

/** Any record that belongs to a student of a school (registry record, resume, application, procedure…). */
export interface StudentOwned {
  schoolId: number
  /** users.id of the student who owns it, when there is an account. */
  userId?: number | null
  /** College of the student (for college-scoped teachers). */
  college?: string | null
}

/** School staff of this school (college-scoped staff only for their college). */
export function staffCovers(user: User, record: StudentOwned) {
  if (user.kind !== 'staff' || user.schoolId !== record.schoolId) return false
  return !user.college || !record.college || user.college === record.college
}
